package org.handshakelab.flow;

/**
 * The step of a TCP connection's opening or closing that a segment is (RFC 9293 §3.5 and §3.6), with
 * the label the lab shows next to it.
 */
public enum TcpPhase {
    /** No handshake or close step. */
    NONE(""),
    /** SYN from the client. */
    HANDSHAKE_SYN("TCP handshake 1/3"),
    /** SYN-ACK from the server. */
    HANDSHAKE_SYN_ACK("TCP handshake 2/3"),
    /** The client's ACK of the SYN-ACK. */
    HANDSHAKE_ACK("TCP handshake 3/3"),
    /** The first FIN: this side closes first. */
    CLOSE_FIN("TCP close 1/4"),
    /** The ACK of the first FIN. */
    CLOSE_ACK("TCP close 2/4"),
    /** The other side's FIN, after it acknowledged the first. */
    CLOSE_PEER_FIN("TCP close 3/4"),
    /** The other side's FIN that also acknowledges the first FIN (three-segment close). */
    CLOSE_ACK_AND_PEER_FIN("TCP close 2/4+3/4"),
    /** The ACK of the second FIN: the connection is closed. */
    CLOSE_LAST_ACK("TCP close 4/4"),
    /** A FIN sent before the other side's FIN was acknowledged: both close at once (RFC 9293 §3.6, case 2). */
    CLOSE_SIMULTANEOUS_FIN("TCP close 1/4 (simultaneous)"),
    /** A reset: the connection is aborted. */
    RST("TCP RST");

    private static final TcpPhase[] VALUES = values();

    private final String label;

    TcpPhase(String label) {
        this.label = label;
    }

    /** The label, e.g. {@code TCP handshake 1/3}; empty for {@link #NONE}. */
    public String label() {
        return label;
    }

    /** The phase with this ordinal (as kept in a table column). */
    public static TcpPhase of(int ordinal) {
        if (ordinal < 0 || ordinal >= VALUES.length) {
            throw new IllegalArgumentException("ordinal must be 0.." + (VALUES.length - 1) + ": " + ordinal);
        }
        return VALUES[ordinal];
    }
}
