package org.handshakelab.dissect.tls;

/**
 * A handshake record that is encrypted (typically Finished right after ChangeCipherSpec): Wireshark's
 * "Encrypted Handshake Message", which has no {@code tls.handshake.type}.
 *
 * @param length the record's fragment length
 */
public record TlsEncryptedHandshake(int length) implements TlsMessage {
}
