package org.handshakelab.dissect.tls;

import java.util.List;

/**
 * CertificateRequest in TLS 1.2 (RFC 5246 §7.4.4): the server asks the client for a certificate.
 *
 * @param certificateTypes        the acceptable certificate types (1 rsa_sign, 64 ecdsa_sign, ...)
 * @param signatureAlgorithms     the acceptable signature schemes ({@code tls.handshake.sig_hash_alg})
 * @param certificateAuthorities  the acceptable CAs' distinguished names, most specific first
 */
public record CertificateRequest(List<Integer> certificateTypes, List<Integer> signatureAlgorithms,
                                 List<String> certificateAuthorities) implements TlsHandshake {

    /** Copies the lists. */
    public CertificateRequest {
        certificateTypes = List.copyOf(certificateTypes);
        signatureAlgorithms = List.copyOf(signatureAlgorithms);
        certificateAuthorities = List.copyOf(certificateAuthorities);
    }

    @Override
    public int type() {
        return TlsHandshakeType.CERTIFICATE_REQUEST.code();
    }
}
