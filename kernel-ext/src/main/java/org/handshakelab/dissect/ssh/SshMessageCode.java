package org.handshakelab.dissect.ssh;

import java.util.Optional;
import org.handshakelab.dissect.CodeTable;

/**
 * SSH message numbers (RFC 4250 §4.1) as {@code ssh.message_code} shows them. Numbers 30-49 belong to the
 * key exchange method, so 30 and 31 mean KEXDH_INIT/REPLY, KEX_ECDH_INIT/REPLY or DH group exchange
 * messages depending on the negotiated {@code kex_algorithms}; {@link #of(int)} names the plain DH one.
 * Likewise 60 depends on the authentication method (publickey, password, keyboard-interactive).
 */
public enum SshMessageCode {
    DISCONNECT(1, "SSH_MSG_DISCONNECT", "RFC 4253 §11.1"),
    IGNORE(2, "SSH_MSG_IGNORE", "RFC 4253 §11.2"),
    UNIMPLEMENTED(3, "SSH_MSG_UNIMPLEMENTED", "RFC 4253 §11.4"),
    DEBUG(4, "SSH_MSG_DEBUG", "RFC 4253 §11.3"),
    SERVICE_REQUEST(5, "SSH_MSG_SERVICE_REQUEST", "RFC 4253 §10"),
    SERVICE_ACCEPT(6, "SSH_MSG_SERVICE_ACCEPT", "RFC 4253 §10"),
    EXT_INFO(7, "SSH_MSG_EXT_INFO", "RFC 8308 §2.3"),
    KEXINIT(20, "SSH_MSG_KEXINIT", "RFC 4253 §7.1"),
    NEWKEYS(21, "SSH_MSG_NEWKEYS", "RFC 4253 §7.3"),
    KEXDH_INIT(30, "SSH_MSG_KEXDH_INIT", "RFC 4253 §8"),
    KEXDH_REPLY(31, "SSH_MSG_KEXDH_REPLY", "RFC 4253 §8"),
    KEX_ECDH_INIT(30, "SSH_MSG_KEX_ECDH_INIT", "RFC 5656 §7.1"),
    KEX_ECDH_REPLY(31, "SSH_MSG_KEX_ECDH_REPLY", "RFC 5656 §7.1"),
    KEX_DH_GEX_REQUEST_OLD(30, "SSH_MSG_KEX_DH_GEX_REQUEST_OLD", "RFC 4419 §5"),
    KEX_DH_GEX_GROUP(31, "SSH_MSG_KEX_DH_GEX_GROUP", "RFC 4419 §5"),
    KEX_DH_GEX_INIT(32, "SSH_MSG_KEX_DH_GEX_INIT", "RFC 4419 §5"),
    KEX_DH_GEX_REPLY(33, "SSH_MSG_KEX_DH_GEX_REPLY", "RFC 4419 §5"),
    KEX_DH_GEX_REQUEST(34, "SSH_MSG_KEX_DH_GEX_REQUEST", "RFC 4419 §5"),
    USERAUTH_REQUEST(50, "SSH_MSG_USERAUTH_REQUEST", "RFC 4252 §5"),
    USERAUTH_FAILURE(51, "SSH_MSG_USERAUTH_FAILURE", "RFC 4252 §5.1"),
    USERAUTH_SUCCESS(52, "SSH_MSG_USERAUTH_SUCCESS", "RFC 4252 §5.1"),
    USERAUTH_BANNER(53, "SSH_MSG_USERAUTH_BANNER", "RFC 4252 §5.4"),
    USERAUTH_PK_OK(60, "SSH_MSG_USERAUTH_PK_OK", "RFC 4252 §7"),
    USERAUTH_PASSWD_CHANGEREQ(60, "SSH_MSG_USERAUTH_PASSWD_CHANGEREQ", "RFC 4252 §8"),
    USERAUTH_INFO_REQUEST(60, "SSH_MSG_USERAUTH_INFO_REQUEST", "RFC 4256 §3.2"),
    USERAUTH_INFO_RESPONSE(61, "SSH_MSG_USERAUTH_INFO_RESPONSE", "RFC 4256 §3.4"),
    GLOBAL_REQUEST(80, "SSH_MSG_GLOBAL_REQUEST", "RFC 4254 §4"),
    REQUEST_SUCCESS(81, "SSH_MSG_REQUEST_SUCCESS", "RFC 4254 §4"),
    REQUEST_FAILURE(82, "SSH_MSG_REQUEST_FAILURE", "RFC 4254 §4"),
    CHANNEL_OPEN(90, "SSH_MSG_CHANNEL_OPEN", "RFC 4254 §5.1"),
    CHANNEL_OPEN_CONFIRMATION(91, "SSH_MSG_CHANNEL_OPEN_CONFIRMATION", "RFC 4254 §5.1"),
    CHANNEL_OPEN_FAILURE(92, "SSH_MSG_CHANNEL_OPEN_FAILURE", "RFC 4254 §5.1"),
    CHANNEL_WINDOW_ADJUST(93, "SSH_MSG_CHANNEL_WINDOW_ADJUST", "RFC 4254 §5.2"),
    CHANNEL_DATA(94, "SSH_MSG_CHANNEL_DATA", "RFC 4254 §5.2"),
    CHANNEL_EXTENDED_DATA(95, "SSH_MSG_CHANNEL_EXTENDED_DATA", "RFC 4254 §5.2"),
    CHANNEL_EOF(96, "SSH_MSG_CHANNEL_EOF", "RFC 4254 §5.3"),
    CHANNEL_CLOSE(97, "SSH_MSG_CHANNEL_CLOSE", "RFC 4254 §5.3"),
    CHANNEL_REQUEST(98, "SSH_MSG_CHANNEL_REQUEST", "RFC 4254 §5.4"),
    CHANNEL_SUCCESS(99, "SSH_MSG_CHANNEL_SUCCESS", "RFC 4254 §5.4"),
    CHANNEL_FAILURE(100, "SSH_MSG_CHANNEL_FAILURE", "RFC 4254 §5.4");

    private final int code;
    private final String rfcName;
    private final String rfc;

    SshMessageCode(int code, String rfcName, String rfc) {
        this.code = code;
        this.rfcName = rfcName;
        this.rfc = rfc;
    }

    /** The message number. */
    public int code() {
        return code;
    }

    /** The RFC's name, e.g. {@code SSH_MSG_KEXINIT}. */
    public String rfcName() {
        return rfcName;
    }

    /** Where the message is defined. */
    public String rfc() {
        return rfc;
    }

    /** Each code's constant (the first listed), in a table built once. */
    private static final CodeTable<SshMessageCode> CODES = CodeTable.of(values(), SshMessageCode::code);

    /** The first message listed with this number (for 30-34 see the class comment). */
    public static Optional<SshMessageCode> of(int code) {
        return CODES.find(code);
    }

    /** The RFC name, or "unknown (N)". */
    public static String nameOf(int code) {
        return of(code).map(SshMessageCode::rfcName).orElse("unknown (" + code + ")");
    }
}
