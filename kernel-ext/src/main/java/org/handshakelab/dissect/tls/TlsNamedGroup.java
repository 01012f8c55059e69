package org.handshakelab.dissect.tls;

import java.util.Optional;
import org.handshakelab.dissect.CodeTable;

/** Key exchange groups (IANA "TLS Supported Groups"), for supported_groups, key_share and ServerKeyExchange. */
public enum TlsNamedGroup {
    SECP256R1(23, "secp256r1", "RFC 8422 §5.1.1"),
    SECP384R1(24, "secp384r1", "RFC 8422 §5.1.1"),
    SECP521R1(25, "secp521r1", "RFC 8422 §5.1.1"),
    BRAINPOOLP256R1(26, "brainpoolP256r1", "RFC 7027 §2"),
    BRAINPOOLP384R1(27, "brainpoolP384r1", "RFC 7027 §2"),
    BRAINPOOLP512R1(28, "brainpoolP512r1", "RFC 7027 §2"),
    X25519(29, "x25519", "RFC 8446 §4.2.7"),
    X448(30, "x448", "RFC 8446 §4.2.7"),
    FFDHE2048(256, "ffdhe2048", "RFC 7919 §2"),
    FFDHE3072(257, "ffdhe3072", "RFC 7919 §2"),
    FFDHE4096(258, "ffdhe4096", "RFC 7919 §2"),
    FFDHE6144(259, "ffdhe6144", "RFC 7919 §2"),
    FFDHE8192(260, "ffdhe8192", "RFC 7919 §2"),
    X25519_MLKEM768(0x11EC, "X25519MLKEM768", "draft-kwiatkowski-tls-ecdhe-mlkem-02 §3"),
    X25519_KYBER768_DRAFT00(0x6399, "X25519Kyber768Draft00", "draft-tls-westerbaan-xyber768d00-02 §3");

    private final int code;
    private final String wireName;
    private final String rfc;

    TlsNamedGroup(int code, String wireName, String rfc) {
        this.code = code;
        this.wireName = wireName;
        this.rfc = rfc;
    }

    /** The group number. */
    public int code() {
        return code;
    }

    /** The registry name, e.g. {@code x25519}. */
    public String wireName() {
        return wireName;
    }

    /** Where the group is defined. */
    public String rfc() {
        return rfc;
    }

    /** Each code's constant (the first listed), in a table built once. */
    private static final CodeTable<TlsNamedGroup> CODES = CodeTable.of(values(), TlsNamedGroup::code);

    /** The group with this code, if listed here. */
    public static Optional<TlsNamedGroup> of(int code) {
        return CODES.find(code);
    }

    /** The registry name, "GREASE" or "unknown (0x....)". */
    public static String nameOf(int code) {
        return of(code).map(TlsNamedGroup::wireName).orElseGet(() -> TlsNames.unknown(code));
    }
}
