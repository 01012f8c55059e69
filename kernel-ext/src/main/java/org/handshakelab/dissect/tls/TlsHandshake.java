package org.handshakelab.dissect.tls;

/** A plaintext handshake message (RFC 8446 §4, RFC 5246 §7.4), reassembled when it spans records. */
public sealed interface TlsHandshake extends TlsMessage
        permits ClientHello, ServerHello, CertificateMessage, ServerKeyExchange, CertificateRequest, ServerHelloDone,
        ClientKeyExchange, Finished, OtherHandshake {

    /** The handshake type byte ({@code tls.handshake.type}). */
    int type();

    /** The message name, e.g. "ClientHello". */
    default String typeName() {
        return TlsHandshakeType.nameOf(type());
    }
}
