package org.handshakelab.dissect.tls;

import java.util.Optional;
import org.handshakelab.dissect.CodeTable;

/** Signature schemes (IANA "TLS SignatureScheme"; in TLS 1.2 the hash and signature byte pair). */
public enum TlsSignatureScheme {
    RSA_PKCS1_SHA1(0x0201, "rsa_pkcs1_sha1", "RFC 8446 §4.2.3"),
    ECDSA_SHA1(0x0203, "ecdsa_sha1", "RFC 8446 §4.2.3"),
    RSA_PKCS1_SHA224(0x0301, "rsa_pkcs1_sha224", "RFC 5246 §7.4.1.4.1"),
    ECDSA_SHA224(0x0303, "ecdsa_sha224", "RFC 5246 §7.4.1.4.1"),
    DSA_SHA1(0x0202, "dsa_sha1", "RFC 5246 §7.4.1.4.1"),
    DSA_SHA256(0x0402, "dsa_sha256", "RFC 5246 §7.4.1.4.1"),
    RSA_PKCS1_SHA256(0x0401, "rsa_pkcs1_sha256", "RFC 8446 §4.2.3"),
    ECDSA_SECP256R1_SHA256(0x0403, "ecdsa_secp256r1_sha256", "RFC 8446 §4.2.3"),
    RSA_PKCS1_SHA384(0x0501, "rsa_pkcs1_sha384", "RFC 8446 §4.2.3"),
    ECDSA_SECP384R1_SHA384(0x0503, "ecdsa_secp384r1_sha384", "RFC 8446 §4.2.3"),
    RSA_PKCS1_SHA512(0x0601, "rsa_pkcs1_sha512", "RFC 8446 §4.2.3"),
    ECDSA_SECP521R1_SHA512(0x0603, "ecdsa_secp521r1_sha512", "RFC 8446 §4.2.3"),
    RSA_PSS_RSAE_SHA256(0x0804, "rsa_pss_rsae_sha256", "RFC 8446 §4.2.3"),
    RSA_PSS_RSAE_SHA384(0x0805, "rsa_pss_rsae_sha384", "RFC 8446 §4.2.3"),
    RSA_PSS_RSAE_SHA512(0x0806, "rsa_pss_rsae_sha512", "RFC 8446 §4.2.3"),
    ED25519(0x0807, "ed25519", "RFC 8446 §4.2.3"),
    ED448(0x0808, "ed448", "RFC 8446 §4.2.3"),
    RSA_PSS_PSS_SHA256(0x0809, "rsa_pss_pss_sha256", "RFC 8446 §4.2.3"),
    RSA_PSS_PSS_SHA384(0x080A, "rsa_pss_pss_sha384", "RFC 8446 §4.2.3"),
    RSA_PSS_PSS_SHA512(0x080B, "rsa_pss_pss_sha512", "RFC 8446 §4.2.3"),
    ECDSA_BRAINPOOLP256R1TLS13_SHA256(0x081A, "ecdsa_brainpoolP256r1tls13_sha256", "RFC 8734 §2"),
    ECDSA_BRAINPOOLP384R1TLS13_SHA384(0x081B, "ecdsa_brainpoolP384r1tls13_sha384", "RFC 8734 §2"),
    ECDSA_BRAINPOOLP512R1TLS13_SHA512(0x081C, "ecdsa_brainpoolP512r1tls13_sha512", "RFC 8734 §2");

    private final int code;
    private final String wireName;
    private final String rfc;

    TlsSignatureScheme(int code, String wireName, String rfc) {
        this.code = code;
        this.wireName = wireName;
        this.rfc = rfc;
    }

    /** The two-byte code. */
    public int code() {
        return code;
    }

    /** The registry name, e.g. {@code rsa_pss_rsae_sha256}. */
    public String wireName() {
        return wireName;
    }

    /** Where the scheme is defined. */
    public String rfc() {
        return rfc;
    }

    /** Each code's constant (the first listed), in a table built once. */
    private static final CodeTable<TlsSignatureScheme> CODES = CodeTable.of(values(), TlsSignatureScheme::code);

    /** The scheme with this code, if listed here. */
    public static Optional<TlsSignatureScheme> of(int code) {
        return CODES.find(code);
    }

    /** The registry name, "GREASE" or "unknown (0x....)". */
    public static String nameOf(int code) {
        return of(code).map(TlsSignatureScheme::wireName).orElseGet(() -> TlsNames.unknown(code));
    }
}
