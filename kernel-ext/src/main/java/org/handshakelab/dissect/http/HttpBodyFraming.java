package org.handshakelab.dissect.http;

/** How the end of a message body is found (RFC 9112 §6.3). */
public enum HttpBodyFraming {
    /** No body: a request without Content-Length or Transfer-Encoding, a HEAD response, 1xx, 204, 304. */
    NONE("RFC 9112 §6.3 rules 1, 2, 6"),
    /** Exactly Content-Length bytes. */
    CONTENT_LENGTH("RFC 9112 §6.3 rule 5"),
    /** Chunked transfer coding, ended by a zero-size chunk and the trailer section. */
    CHUNKED("RFC 9112 §7.1"),
    /** A response that ends when the server closes the connection. */
    UNTIL_CLOSE("RFC 9112 §6.3 rule 8");

    private final String rfc;

    HttpBodyFraming(String rfc) {
        this.rfc = rfc;
    }

    /** Where the rule is. */
    public String rfc() {
        return rfc;
    }
}
