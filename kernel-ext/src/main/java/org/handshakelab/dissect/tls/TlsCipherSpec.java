package org.handshakelab.dissect.tls;

import java.util.Optional;

/**
 * What decrypting one cipher suite takes, read from its IANA name: the record cipher, the key and IV
 * lengths, the hash of the PRF or HKDF, and for CBC suites the record MAC (RFC 5246 §6.3, RFC 8446 §B.4).
 *
 * @param suite        the suite code
 * @param name         its IANA name
 * @param tls13        a TLS 1.3 suite (no "_WITH_")
 * @param aead         the AEAD cipher, or null for AES-CBC
 * @param keyLength    the encryption key length in bytes
 * @param ivLength     the implicit IV length: 12 (TLS 1.3, ChaCha20), 4 (TLS 1.2 AES-GCM), 16 (CBC, unused)
 * @param prfHmac      the HMAC of the PRF (TLS 1.2) or HKDF (TLS 1.3), e.g. "HmacSHA256"
 * @param macHmac      the record MAC of a CBC suite, or null
 */
record TlsCipherSpec(int suite, String name, boolean tls13, TlsCrypto.Aead aead, int keyLength, int ivLength,
                     String prfHmac, String macHmac) {

    /** The spec of {@code suite}, or empty when the lab does not decrypt it (CCM, 3DES, RC4, Camellia...). */
    static Optional<TlsCipherSpec> of(int suite) {
        String name = TlsCipherSuite.nameOf(suite);
        boolean tls13 = name.startsWith("TLS_") && !name.contains("_WITH_");
        String prf = name.endsWith("_SHA384") ? "HmacSHA384" : "HmacSHA256";
        if (name.contains("_AES_128_GCM_")) {
            return Optional.of(new TlsCipherSpec(suite, name, tls13, TlsCrypto.Aead.AES_GCM, 16, tls13 ? 12 : 4, prf,
                    null));
        }
        if (name.contains("_AES_256_GCM_")) {
            return Optional.of(new TlsCipherSpec(suite, name, tls13, TlsCrypto.Aead.AES_GCM, 32, tls13 ? 12 : 4, prf,
                    null));
        }
        if (name.contains("_CHACHA20_POLY1305_")) {
            return Optional.of(new TlsCipherSpec(suite, name, tls13, TlsCrypto.Aead.CHACHA20_POLY1305, 32, 12, prf,
                    null));
        }
        if (!tls13 && (name.contains("_AES_128_CBC_") || name.contains("_AES_256_CBC_"))) {
            String mac = name.endsWith("_SHA") ? "HmacSHA1" : prf;
            return Optional.of(new TlsCipherSpec(suite, name, false, null, name.contains("_128_") ? 16 : 32, 16, prf,
                    mac));
        }
        return Optional.empty();
    }

    /** The record MAC key length (CBC suites), 0 for AEAD suites. */
    int macKeyLength() {
        return macHmac == null ? 0 : TlsCrypto.hashLength(macHmac);
    }

    /** TLS 1.2 AES-GCM sends 8 bytes of the nonce with each record (RFC 5288 §3). */
    int explicitNonceLength() {
        return !tls13 && aead == TlsCrypto.Aead.AES_GCM ? 8 : 0;
    }
}
