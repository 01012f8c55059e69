package org.handshakelab.dissect.http;

/**
 * One header field (RFC 9112 §5): the name as sent and the value without surrounding whitespace.
 *
 * @param name  the field name, case as on the wire
 * @param value the field value; obsolete line folding (RFC 9112 §5.2) is joined with single spaces
 */
public record HttpHeader(String name, String value) {

    /** Checks for nulls. */
    public HttpHeader {
        if (name == null || value == null) {
            throw new IllegalArgumentException("name and value must not be null: " + name + ", " + value);
        }
    }
}
