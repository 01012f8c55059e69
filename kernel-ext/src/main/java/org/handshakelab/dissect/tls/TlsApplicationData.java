package org.handshakelab.dissect.tls;

/**
 * An application-data record. In TLS 1.3 ({@code opaque}) every encrypted record looks like this, the
 * encrypted handshake included (RFC 8446 §5.2).
 *
 * @param length the record's fragment length
 * @param opaque whether it is a TLS 1.3 encrypted record whose real type is unknown
 */
public record TlsApplicationData(int length, boolean opaque) implements TlsMessage {
}
