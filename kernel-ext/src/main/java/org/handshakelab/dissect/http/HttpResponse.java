package org.handshakelab.dissect.http;

import java.util.List;

/**
 * A response (RFC 9112 §4).
 *
 * @param version    e.g. "HTTP/1.1"
 * @param code       the status code ({@code http.response.code})
 * @param reason     the reason phrase, possibly empty
 * @param headers    the header fields in wire order
 * @param bodyLength the body's length in bytes
 * @param framing    how the body's end was found
 * @param frames     the frames that carried it; the last one completed it
 */
public record HttpResponse(String version, int code, String reason, List<HttpHeader> headers, long bodyLength,
                           HttpBodyFraming framing, List<Integer> frames) implements HttpMessage {

    /** Checks for nulls and ranges, copies the lists. */
    public HttpResponse {
        if (version == null || reason == null || framing == null) {
            throw new IllegalArgumentException("version, reason and framing must not be null");
        }
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("code must be 100..999: " + code);
        }
        if (bodyLength < 0) {
            throw new IllegalArgumentException("bodyLength must be >= 0: " + bodyLength);
        }
        headers = List.copyOf(headers);
        frames = List.copyOf(frames);
    }
}
