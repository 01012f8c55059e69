package org.handshakelab.dissect.http;

import java.util.List;
import java.util.Optional;

/** An HTTP/1.x message (RFC 9112 §2.1): a request or a response, with headers and the body's size. */
public sealed interface HttpMessage permits HttpRequest, HttpResponse {

    /** The protocol version, e.g. "HTTP/1.1". */
    String version();

    /** The header fields in wire order. */
    List<HttpHeader> headers();

    /** The body's length in bytes (the decoded length for chunked bodies). */
    long bodyLength();

    /** How the body's end was found. */
    HttpBodyFraming framing();

    /** The frames that carried the message, in order; the last one completed it. */
    List<Integer> frames();

    /** The first value of header {@code name} (case-insensitive, RFC 9110 §5.1). */
    default Optional<String> header(String name) {
        return headers().stream().filter(h -> h.name().equalsIgnoreCase(name)).map(HttpHeader::value).findFirst();
    }
}
