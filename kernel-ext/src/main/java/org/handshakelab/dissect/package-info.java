/**
 * Dissection: bytes to protocol fields, per protocol.
 *
 * <p>Stage: after {@code capture}, before {@code flow}. Link, IP and TCP headers are dissected per
 * frame; application protocols (HTTP/1.x in {@code dissect.http}, TLS in {@code dissect.tls}, SSH in
 * {@code dissect.ssh}) are dissected from each direction's reassembled byte stream through a
 * {@link org.handshakelab.dissect.StreamDissector}, which reports what it finds to a
 * {@link org.handshakelab.dissect.DissectionSink}, attributed to the frame that completes it, as
 * Wireshark does with its default reassembly. Protocols are recognised by content, not by port.
 * {@link org.handshakelab.dissect.KeyMaterial} holds the secrets the dissectors decrypt with (a TLS key log
 * today; one part per protocol), handed in through {@link org.handshakelab.dissect.AppProtocols}.
 */
package org.handshakelab.dissect;
