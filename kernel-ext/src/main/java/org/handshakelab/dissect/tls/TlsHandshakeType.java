package org.handshakelab.dissect.tls;

import java.util.Optional;
import org.handshakelab.dissect.CodeTable;

/**
 * Handshake message types (IANA "TLS HandshakeType"). The set is the one Wireshark 4.0 knows: a message
 * of any other type is not shown as {@code tls.handshake.type}, and a record starting with one is taken
 * for an encrypted handshake message.
 */
public enum TlsHandshakeType {
    HELLO_REQUEST(0, "hello_request", "HelloRequest", "RFC 5246 §7.4.1.1"),
    CLIENT_HELLO(1, "client_hello", "ClientHello", "RFC 8446 §4.1.2"),
    SERVER_HELLO(2, "server_hello", "ServerHello", "RFC 8446 §4.1.3"),
    HELLO_VERIFY_REQUEST(3, "hello_verify_request", "HelloVerifyRequest", "RFC 6347 §4.2.1"),
    NEW_SESSION_TICKET(4, "new_session_ticket", "NewSessionTicket", "RFC 8446 §4.6.1"),
    END_OF_EARLY_DATA(5, "end_of_early_data", "EndOfEarlyData", "RFC 8446 §4.5"),
    HELLO_RETRY_REQUEST(6, "hello_retry_request", "HelloRetryRequest", "RFC 8446 §4.1.4"),
    ENCRYPTED_EXTENSIONS(8, "encrypted_extensions", "EncryptedExtensions", "RFC 8446 §4.3.1"),
    CERTIFICATE(11, "certificate", "Certificate", "RFC 5246 §7.4.2"),
    SERVER_KEY_EXCHANGE(12, "server_key_exchange", "ServerKeyExchange", "RFC 5246 §7.4.3"),
    CERTIFICATE_REQUEST(13, "certificate_request", "CertificateRequest", "RFC 5246 §7.4.4"),
    SERVER_HELLO_DONE(14, "server_hello_done", "ServerHelloDone", "RFC 5246 §7.4.5"),
    CERTIFICATE_VERIFY(15, "certificate_verify", "CertificateVerify", "RFC 5246 §7.4.8"),
    CLIENT_KEY_EXCHANGE(16, "client_key_exchange", "ClientKeyExchange", "RFC 5246 §7.4.7"),
    FINISHED(20, "finished", "Finished", "RFC 5246 §7.4.9"),
    CERTIFICATE_URL(21, "certificate_url", "CertificateURL", "RFC 6066 §5"),
    CERTIFICATE_STATUS(22, "certificate_status", "CertificateStatus", "RFC 6066 §8"),
    SUPPLEMENTAL_DATA(23, "supplemental_data", "SupplementalData", "RFC 4680 §2"),
    KEY_UPDATE(24, "key_update", "KeyUpdate", "RFC 8446 §4.6.3"),
    COMPRESSED_CERTIFICATE(25, "compressed_certificate", "CompressedCertificate", "RFC 8879 §4"),
    NPN_ENCRYPTED_EXTENSIONS(67, "next_protocol", "NextProtocol", "draft-agl-tls-nextprotoneg-04 §3");

    private final int code;
    private final String wireName;
    private final String label;
    private final String rfc;

    TlsHandshakeType(int code, String wireName, String label, String rfc) {
        this.code = code;
        this.wireName = wireName;
        this.label = label;
        this.rfc = rfc;
    }

    /** The type byte. */
    public int code() {
        return code;
    }

    /** The RFC's enum name, e.g. {@code client_hello}. */
    public String wireName() {
        return wireName;
    }

    /** The message name, e.g. "ClientHello" (used in phase labels). */
    public String label() {
        return label;
    }

    /** Where the message is defined. */
    public String rfc() {
        return rfc;
    }

    /** Each code's constant (the first listed), in a table built once. */
    private static final CodeTable<TlsHandshakeType> CODES = CodeTable.of(values(), TlsHandshakeType::code);

    /** The type with this code, if Wireshark knows it. */
    public static Optional<TlsHandshakeType> of(int code) {
        return CODES.find(code);
    }

    /** The message name of {@code code}, or "unknown (N)". */
    public static String nameOf(int code) {
        return of(code).map(TlsHandshakeType::label).orElse("unknown (" + code + ")");
    }
}
