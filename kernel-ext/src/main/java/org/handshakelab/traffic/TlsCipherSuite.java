package org.handshakelab.traffic;

import org.bouncycastle.tls.CipherSuite;

/** The cipher suites the lab offers, with IANA code and name and the openssl name (RFC 8446 §B.4, RFC 5289). */
public enum TlsCipherSuite {
    /** ECDHE key exchange, RSA signature, AES-128-GCM (RFC 5289). */
    ECDHE_RSA_AES_128_GCM_SHA256(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256", TlsVersion.TLS_1_2),
    /** ECDHE key exchange, RSA signature, AES-256-GCM (RFC 5289). */
    ECDHE_RSA_AES_256_GCM_SHA384(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384", TlsVersion.TLS_1_2),
    /** ECDHE key exchange, RSA signature, ChaCha20-Poly1305 (RFC 7905). */
    ECDHE_RSA_CHACHA20_POLY1305_SHA256(CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305", TlsVersion.TLS_1_2),
    /** TLS 1.3 AES-128-GCM with SHA-256 (RFC 8446 §B.4), the default. */
    AES_128_GCM_SHA256(CipherSuite.TLS_AES_128_GCM_SHA256,
            "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", TlsVersion.TLS_1_3),
    /** TLS 1.3 AES-256-GCM with SHA-384 (RFC 8446 §B.4). */
    AES_256_GCM_SHA384(CipherSuite.TLS_AES_256_GCM_SHA384,
            "TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384", TlsVersion.TLS_1_3),
    /** TLS 1.3 ChaCha20-Poly1305 with SHA-256 (RFC 8446 §B.4). */
    CHACHA20_POLY1305_SHA256(CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256", TlsVersion.TLS_1_3);

    private final int code;
    private final String ianaName;
    private final String opensslName;
    private final TlsVersion version;

    TlsCipherSuite(int code, String ianaName, String opensslName, TlsVersion version) {
        this.code = code;
        this.ianaName = ianaName;
        this.opensslName = opensslName;
        this.version = version;
    }

    /** The 16-bit code on the wire ({@code tls.handshake.ciphersuite}). */
    public int code() {
        return code;
    }

    /** The IANA name, which Wireshark prints. */
    public String ianaName() {
        return ianaName;
    }

    /** The name openssl prints and takes ({@code -cipher} / {@code -ciphersuites}). */
    public String opensslName() {
        return opensslName;
    }

    /** The TLS version the suite belongs to. */
    public TlsVersion version() {
        return version;
    }

    /** The default suite of a version: AES-128-GCM with SHA-256. */
    public static TlsCipherSuite defaultFor(TlsVersion version) {
        return version == TlsVersion.TLS_1_2 ? ECDHE_RSA_AES_128_GCM_SHA256 : AES_128_GCM_SHA256;
    }

    static TlsCipherSuite of(int code) {
        for (TlsCipherSuite s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalStateException("negotiated cipher suite is not one the lab offers: 0x"
                + Integer.toHexString(code));
    }

    @Override
    public String toString() {
        return ianaName;
    }
}
