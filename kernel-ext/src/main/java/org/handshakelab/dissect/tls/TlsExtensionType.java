package org.handshakelab.dissect.tls;

import java.util.Optional;
import org.handshakelab.dissect.CodeTable;

/** Hello extension types (IANA "TLS ExtensionType Values"), the ones a lab capture is likely to show. */
public enum TlsExtensionType {
    SERVER_NAME(0, "server_name", "RFC 6066 §3"),
    MAX_FRAGMENT_LENGTH(1, "max_fragment_length", "RFC 6066 §4"),
    STATUS_REQUEST(5, "status_request", "RFC 6066 §8"),
    SUPPORTED_GROUPS(10, "supported_groups", "RFC 8446 §4.2.7"),
    EC_POINT_FORMATS(11, "ec_point_formats", "RFC 8422 §5.1.2"),
    SIGNATURE_ALGORITHMS(13, "signature_algorithms", "RFC 8446 §4.2.3"),
    USE_SRTP(14, "use_srtp", "RFC 5764 §4.1.1"),
    HEARTBEAT(15, "heartbeat", "RFC 6520 §2"),
    APPLICATION_LAYER_PROTOCOL_NEGOTIATION(16, "application_layer_protocol_negotiation", "RFC 7301 §3.1"),
    SIGNED_CERTIFICATE_TIMESTAMP(18, "signed_certificate_timestamp", "RFC 6962 §3.3.1"),
    PADDING(21, "padding", "RFC 7685 §3"),
    ENCRYPT_THEN_MAC(22, "encrypt_then_mac", "RFC 7366 §2"),
    EXTENDED_MASTER_SECRET(23, "extended_master_secret", "RFC 7627 §5.1"),
    COMPRESS_CERTIFICATE(27, "compress_certificate", "RFC 8879 §3"),
    RECORD_SIZE_LIMIT(28, "record_size_limit", "RFC 8449 §4"),
    SESSION_TICKET(35, "session_ticket", "RFC 5077 §3.2"),
    PRE_SHARED_KEY(41, "pre_shared_key", "RFC 8446 §4.2.11"),
    EARLY_DATA(42, "early_data", "RFC 8446 §4.2.10"),
    SUPPORTED_VERSIONS(43, "supported_versions", "RFC 8446 §4.2.1"),
    COOKIE(44, "cookie", "RFC 8446 §4.2.2"),
    PSK_KEY_EXCHANGE_MODES(45, "psk_key_exchange_modes", "RFC 8446 §4.2.9"),
    CERTIFICATE_AUTHORITIES(47, "certificate_authorities", "RFC 8446 §4.2.4"),
    OID_FILTERS(48, "oid_filters", "RFC 8446 §4.2.5"),
    POST_HANDSHAKE_AUTH(49, "post_handshake_auth", "RFC 8446 §4.2.6"),
    SIGNATURE_ALGORITHMS_CERT(50, "signature_algorithms_cert", "RFC 8446 §4.2.3"),
    KEY_SHARE(51, "key_share", "RFC 8446 §4.2.8"),
    NEXT_PROTOCOL_NEGOTIATION(13172, "next_protocol_negotiation", "draft-agl-tls-nextprotoneg-04 §3"),
    APPLICATION_SETTINGS(17513, "application_settings", "draft-vvv-tls-alps-01 §3"),
    ENCRYPTED_CLIENT_HELLO(65037, "encrypted_client_hello", "draft-ietf-tls-esni-17 §5"),
    RENEGOTIATION_INFO(65281, "renegotiation_info", "RFC 5746 §3.2");

    private final int code;
    private final String wireName;
    private final String rfc;

    TlsExtensionType(int code, String wireName, String rfc) {
        this.code = code;
        this.wireName = wireName;
        this.rfc = rfc;
    }

    /** The extension number. */
    public int code() {
        return code;
    }

    /** The registry name, e.g. {@code server_name}. */
    public String wireName() {
        return wireName;
    }

    /** Where the extension is defined. */
    public String rfc() {
        return rfc;
    }

    /** Each code's constant (the first listed), in a table built once. */
    private static final CodeTable<TlsExtensionType> CODES = CodeTable.of(values(), TlsExtensionType::code);

    /** The type with this code, if listed here. */
    public static Optional<TlsExtensionType> of(int code) {
        return CODES.find(code);
    }

    /** The registry name, "GREASE" or "unknown (0x....)". */
    public static String nameOf(int code) {
        return of(code).map(TlsExtensionType::wireName).orElseGet(() -> TlsNames.unknown(code));
    }
}
