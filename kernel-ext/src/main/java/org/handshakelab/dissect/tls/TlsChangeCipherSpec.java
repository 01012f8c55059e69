package org.handshakelab.dissect.tls;

/**
 * A ChangeCipherSpec record (RFC 5246 §7.1): from here on this direction is encrypted. In TLS 1.3 it is
 * only sent for middlebox compatibility (RFC 8446 §D.4) and changes nothing.
 *
 * @param tls13Compatibility whether the connection is TLS 1.3, where the record is a dummy
 */
public record TlsChangeCipherSpec(boolean tls13Compatibility) implements TlsMessage {
}
