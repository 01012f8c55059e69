/**
 * HTTP/1.x dissection (stage: dissect, application layer): requests and responses from the two byte
 * streams of a TCP connection.
 *
 * <p>Takes each direction's in-order payload through {@link org.handshakelab.dissect.http.HttpDissector};
 * gives {@code http.request.method}, {@code http.request.uri} and {@code http.response.code} on the frame
 * that completes each message (headers and body, as Wireshark 4.0 with its default reassembly), phase
 * labels, and {@link org.handshakelab.dissect.http.HttpRequest} / {@link org.handshakelab.dissect.http.HttpResponse}
 * records with their headers, body length, framing ({@link org.handshakelab.dissect.http.HttpBodyFraming})
 * and the frames that carried them. {@code HttpParser} is the grammar,
 * {@link org.handshakelab.dissect.http.HttpDissector} the meaning (pairing, tunnels).
 *
 * <p>Specifications: RFC 9112 (HTTP/1.1 message syntax), RFC 9110 (semantics).
 */
package org.handshakelab.dissect.http;
