package org.handshakelab.dissect.http;

import java.util.List;

/**
 * A request (RFC 9112 §3).
 *
 * @param method     {@code http.request.method}
 * @param uri        the request-target as sent ({@code http.request.uri})
 * @param version    e.g. "HTTP/1.1"
 * @param headers    the header fields in wire order
 * @param bodyLength the body's length in bytes
 * @param framing    how the body's end was found
 * @param frames     the frames that carried it; the last one completed it
 */
public record HttpRequest(String method, String uri, String version, List<HttpHeader> headers, long bodyLength,
                          HttpBodyFraming framing, List<Integer> frames) implements HttpMessage {

    /** Checks for nulls and ranges, copies the lists. */
    public HttpRequest {
        if (method == null || uri == null || version == null || framing == null) {
            throw new IllegalArgumentException("method, uri, version and framing must not be null");
        }
        if (bodyLength < 0) {
            throw new IllegalArgumentException("bodyLength must be >= 0: " + bodyLength);
        }
        headers = List.copyOf(headers);
        frames = List.copyOf(frames);
    }
}
