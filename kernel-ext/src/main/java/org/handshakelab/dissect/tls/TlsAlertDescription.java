package org.handshakelab.dissect.tls;

import java.util.Optional;
import org.handshakelab.dissect.CodeTable;

/** Alert descriptions (IANA "TLS Alerts"). */
public enum TlsAlertDescription {
    CLOSE_NOTIFY(0, "close_notify", "RFC 8446 §6.1"),
    UNEXPECTED_MESSAGE(10, "unexpected_message", "RFC 8446 §6.2"),
    BAD_RECORD_MAC(20, "bad_record_mac", "RFC 8446 §6.2"),
    DECRYPTION_FAILED(21, "decryption_failed", "RFC 5246 §7.2.2"),
    RECORD_OVERFLOW(22, "record_overflow", "RFC 8446 §6.2"),
    DECOMPRESSION_FAILURE(30, "decompression_failure", "RFC 5246 §7.2.2"),
    HANDSHAKE_FAILURE(40, "handshake_failure", "RFC 8446 §6.2"),
    NO_CERTIFICATE(41, "no_certificate", "RFC 6101 §5.4.2"),
    BAD_CERTIFICATE(42, "bad_certificate", "RFC 8446 §6.2"),
    UNSUPPORTED_CERTIFICATE(43, "unsupported_certificate", "RFC 8446 §6.2"),
    CERTIFICATE_REVOKED(44, "certificate_revoked", "RFC 8446 §6.2"),
    CERTIFICATE_EXPIRED(45, "certificate_expired", "RFC 8446 §6.2"),
    CERTIFICATE_UNKNOWN(46, "certificate_unknown", "RFC 8446 §6.2"),
    ILLEGAL_PARAMETER(47, "illegal_parameter", "RFC 8446 §6.2"),
    UNKNOWN_CA(48, "unknown_ca", "RFC 8446 §6.2"),
    ACCESS_DENIED(49, "access_denied", "RFC 8446 §6.2"),
    DECODE_ERROR(50, "decode_error", "RFC 8446 §6.2"),
    DECRYPT_ERROR(51, "decrypt_error", "RFC 8446 §6.2"),
    EXPORT_RESTRICTION(60, "export_restriction", "RFC 5246 §7.2.2"),
    PROTOCOL_VERSION(70, "protocol_version", "RFC 8446 §6.2"),
    INSUFFICIENT_SECURITY(71, "insufficient_security", "RFC 8446 §6.2"),
    INTERNAL_ERROR(80, "internal_error", "RFC 8446 §6.2"),
    INAPPROPRIATE_FALLBACK(86, "inappropriate_fallback", "RFC 7507 §2"),
    USER_CANCELED(90, "user_canceled", "RFC 8446 §6.1"),
    NO_RENEGOTIATION(100, "no_renegotiation", "RFC 5246 §7.2.2"),
    MISSING_EXTENSION(109, "missing_extension", "RFC 8446 §6.2"),
    UNSUPPORTED_EXTENSION(110, "unsupported_extension", "RFC 8446 §6.2"),
    UNRECOGNIZED_NAME(112, "unrecognized_name", "RFC 8446 §6.2"),
    BAD_CERTIFICATE_STATUS_RESPONSE(113, "bad_certificate_status_response", "RFC 8446 §6.2"),
    UNKNOWN_PSK_IDENTITY(115, "unknown_psk_identity", "RFC 8446 §6.2"),
    CERTIFICATE_REQUIRED(116, "certificate_required", "RFC 8446 §6.2"),
    NO_APPLICATION_PROTOCOL(120, "no_application_protocol", "RFC 8446 §6.2");

    private final int code;
    private final String wireName;
    private final String rfc;

    TlsAlertDescription(int code, String wireName, String rfc) {
        this.code = code;
        this.wireName = wireName;
        this.rfc = rfc;
    }

    /** The description byte. */
    public int code() {
        return code;
    }

    /** The RFC name, e.g. {@code close_notify}. */
    public String wireName() {
        return wireName;
    }

    /** Where the alert is defined. */
    public String rfc() {
        return rfc;
    }

    /** Each code's constant (the first listed), in a table built once. */
    private static final CodeTable<TlsAlertDescription> CODES = CodeTable.of(values(), TlsAlertDescription::code);

    /** The alert with this code, if listed here. */
    public static Optional<TlsAlertDescription> of(int code) {
        return CODES.find(code);
    }

    /** The RFC name or "unknown (N)". */
    public static String nameOf(int code) {
        return of(code).map(TlsAlertDescription::wireName).orElse("unknown (" + code + ")");
    }
}
