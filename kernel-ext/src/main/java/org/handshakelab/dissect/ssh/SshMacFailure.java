package org.handshakelab.dissect.ssh;

/**
 * An encrypted packet whose Poly1305 or GCM tag, or MAC, does not verify with the session keys (RFC 4253 §6.4):
 * altered on the way or decrypted with the wrong keys. Its contents are not shown.
 *
 * @param sequenceNumber the packet's sequence number (RFC 4253 §6.4)
 * @param packetLength   the packet_length as decrypted (not trustworthy either)
 * @param fromClient     whether the client sent it
 */
public record SshMacFailure(long sequenceNumber, long packetLength, boolean fromClient) implements SshMessage {
}
