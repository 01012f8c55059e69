package org.handshakelab.flow;

/**
 * What Wireshark's TCP sequence analysis says about a segment ({@code tcp.analysis.*} expert infos),
 * decided with the same rules (Wireshark User's Guide, "TCP Analysis"). A table keeps them as bits.
 */
public enum TcpAnalysisFlag {
    /** Data (or SYN/FIN) that does not advance the sequence number. */
    RETRANSMISSION("tcp.analysis.retransmission"),
    /** A retransmission within 20 ms of two or more duplicate ACKs asking for it (RFC 5681 §3.2). */
    FAST_RETRANSMISSION("tcp.analysis.fast_retransmission"),
    /** A retransmission of data the receiver had already acknowledged. */
    SPURIOUS_RETRANSMISSION("tcp.analysis.spurious_retransmission"),
    /** A segment that does not advance the sequence number, arriving soon after the highest one. */
    OUT_OF_ORDER("tcp.analysis.out_of_order"),
    /** The sequence number jumps ahead: a previous segment was not captured. */
    LOST_SEGMENT("tcp.analysis.lost_segment"),
    /** The segment acknowledges data that was not captured. */
    ACKED_UNSEEN_SEGMENT("tcp.analysis.ack_lost_segment"),
    /** The same ACK, window and sequence number again, without data. */
    DUPLICATE_ACK("tcp.analysis.duplicate_ack"),
    /** Window 0 on a segment without SYN, FIN or RST. */
    ZERO_WINDOW("tcp.analysis.zero_window"),
    /** One byte sent into a zero window (RFC 9293 §3.8.6.1). */
    ZERO_WINDOW_PROBE("tcp.analysis.zero_window_probe"),
    /** The answer to a zero window probe. */
    ZERO_WINDOW_PROBE_ACK("tcp.analysis.zero_window_probe_ack"),
    /** Zero or one byte one below the next sequence number (RFC 9293 §3.8.4). */
    KEEP_ALIVE("tcp.analysis.keep_alive"),
    /** The answer to a keep-alive. */
    KEEP_ALIVE_ACK("tcp.analysis.keep_alive_ack"),
    /** Only the window changed. */
    WINDOW_UPDATE("tcp.analysis.window_update"),
    /** The segment fills the receiver's advertised window. */
    WINDOW_FULL("tcp.analysis.window_full"),
    /** A SYN reusing the ports of an earlier connection with another sequence number: a new stream. */
    REUSED_PORTS("tcp.analysis.reused_ports");

    private final String wiresharkName;

    TcpAnalysisFlag(String wiresharkName) {
        this.wiresharkName = wiresharkName;
    }

    /** The Wireshark expert-info name, e.g. {@code tcp.analysis.retransmission}. */
    public String wiresharkName() {
        return wiresharkName;
    }

    /** This flag's bit in a table's analysis column. */
    public int bit() {
        return 1 << ordinal();
    }

    /** Whether this flag is set in {@code bits}. */
    public boolean in(int bits) {
        return (bits & bit()) != 0;
    }
}
