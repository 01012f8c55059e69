package org.handshakelab.view;

import java.util.List;
import org.handshakelab.flow.TcpPhase;
import org.handshakelab.table.PacketTable;

/**
 * What part of a connection a packet belongs to, for colouring rows and bracketing the ladder: the TCP
 * handshake, the application's handshake (TLS, SSH key exchange), HTTP, data, the application's own end
 * (close_notify, DISCONNECT), the TCP close, a reset.
 */
public enum PhaseKind {
    /** SYN, SYN-ACK, ACK (RFC 9293 §3.5). */
    TCP_HANDSHAKE("TCP handshake", "#d6e9ff"),
    /** TLS handshake messages (RFC 8446 §4). */
    TLS_HANDSHAKE("TLS handshake", "#ecdfff"),
    /** SSH identification and key exchange (RFC 4253 §4.2, §7). */
    SSH_KEX("SSH key exchange", "#dcf5dc"),
    /** HTTP requests and responses (RFC 9112). */
    HTTP("HTTP request/response", "#fff3c4"),
    /** Application data (TLS application data, SSH after NEWKEYS) and plain ACKs. */
    DATA("data", ""),
    /** The application says goodbye before TCP closes: TLS alerts such as close_notify (RFC 8446 §6.1), SSH_MSG_DISCONNECT (RFC 4253 §11.1). */
    APP_CLOSE("TLS close_notify / SSH DISCONNECT", "#ffe3c9"),
    /** FIN and the ACKs of FINs (RFC 9293 §3.6). */
    TCP_CLOSE("TCP close", "#e8e8e8"),
    /** A reset. */
    RST("TCP reset", "#ffc9c9");

    private final String label;
    private final String color;

    PhaseKind(String label, String color) {
        this.label = label;
        this.color = color;
    }

    /** E.g. "TCP handshake". */
    public String label() {
        return label;
    }

    /** The row background as a CSS colour, empty for none. */
    public String color() {
        return color;
    }

    /** Whether this is one of the handshakes: TCP's, TLS's or SSH's key exchange. */
    public boolean isHandshake() {
        return this == TCP_HANDSHAKE || this == TLS_HANDSHAKE || this == SSH_KEX;
    }

    /** The kind of {@code row}: its TCP phase first, then its application phase labels. */
    public static PhaseKind of(PacketTable table, int row) {
        TcpPhase tcp = table.phase(row);
        switch (tcp) {
            case HANDSHAKE_SYN, HANDSHAKE_SYN_ACK, HANDSHAKE_ACK -> {
                // the third ACK may carry the first request: the handshake step wins, as in the note
                return TCP_HANDSHAKE;
            }
            case RST -> {
                return RST;
            }
            case NONE -> {
            }
            default -> {
                return TCP_CLOSE;
            }
        }
        return ofLabels(table.phaseLabels(row));
    }

    /** The kind the application phase labels name, {@link #DATA} when none does. */
    static PhaseKind ofLabels(List<String> labels) {
        for (String label : labels) {
            if (label.startsWith("HTTP")) {
                return HTTP;
            }
            String lower = label.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("tls") && (lower.contains("close_notify") || lower.contains("alert"))
                    || lower.startsWith("ssh disconnect")) {
                return APP_CLOSE;
            }
            if (lower.startsWith("tls") && !lower.contains("application data") && !lower.contains("applicationdata")) {
                return TLS_HANDSHAKE;
            }
            if (lower.startsWith("ssh") && !lower.contains("encrypted") && !lower.contains("channel")
                    && !lower.contains("userauth") && !lower.contains("service") && !lower.contains("disconnect")) {
                return SSH_KEX;
            }
        }
        return DATA;
    }
}
