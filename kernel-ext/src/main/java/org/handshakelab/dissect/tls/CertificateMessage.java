package org.handshakelab.dissect.tls;

import java.util.List;

/**
 * Certificate (RFC 5246 §7.4.2; RFC 8446 §4.4.2 when seen in the clear): the sender's chain, leaf first.
 *
 * @param certificates the parsed certificates, in wire order
 */
public record CertificateMessage(List<CertificateInfo> certificates) implements TlsHandshake {

    /** Copies the list. */
    public CertificateMessage {
        certificates = List.copyOf(certificates);
    }

    @Override
    public int type() {
        return TlsHandshakeType.CERTIFICATE.code();
    }
}
