package org.handshakelab.dissect.tls;

import java.util.Optional;
import org.handshakelab.dissect.CodeTable;

/** TLS record content types (IANA "TLS ContentType"), as {@code tls.record.content_type} shows them. */
public enum TlsContentType {
    CHANGE_CIPHER_SPEC(20, "change_cipher_spec", "RFC 5246 §7.1"),
    ALERT(21, "alert", "RFC 8446 §6"),
    HANDSHAKE(22, "handshake", "RFC 8446 §4"),
    APPLICATION_DATA(23, "application_data", "RFC 8446 §5.1"),
    HEARTBEAT(24, "heartbeat", "RFC 6520 §3"),
    TLS12_CID(25, "tls12_cid", "RFC 9146 §4");

    private final int code;
    private final String wireName;
    private final String rfc;

    TlsContentType(int code, String wireName, String rfc) {
        this.code = code;
        this.wireName = wireName;
        this.rfc = rfc;
    }

    /** The byte on the wire. */
    public int code() {
        return code;
    }

    /** The name in the RFC, e.g. {@code handshake}. */
    public String wireName() {
        return wireName;
    }

    /** Where the type is defined, e.g. "RFC 8446 §4". */
    public String rfc() {
        return rfc;
    }

    /** Each code's constant (the first listed), in a table built once. */
    private static final CodeTable<TlsContentType> CODES = CodeTable.of(values(), TlsContentType::code);

    /** The type with this code, if it is one Wireshark accepts as a record type. */
    public static Optional<TlsContentType> of(int code) {
        return CODES.find(code);
    }

    /** The RFC name of {@code code}, or the number when unknown. */
    public static String nameOf(int code) {
        return of(code).map(TlsContentType::wireName).orElse(Integer.toString(code));
    }
}
