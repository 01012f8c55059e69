package org.handshakelab.flow;

/**
 * One direction of a TCP connection: Wireshark's {@code tcp_flow_t} and its sequence-analysis state,
 * plus the reassembly of its byte stream. Sequence numbers are raw, unsigned in ints.
 */
final class TcpFlow {

    static final int SAW_SYN = 1;
    static final int SAW_SYNACK = 2;
    /** Window scale not known yet. */
    static final int SCALE_UNKNOWN = -1;
    /** Known not to be used. */
    static final int SCALE_NONE = -2;

    boolean baseSet;
    int baseSeq;
    int sawSyn;
    int winScale = SCALE_UNKNOWN;
    /** The last window sent (raw); Wireshark starts from G_MAXUINT32. */
    int window = -1;
    boolean isFirstAck;
    boolean closingInitiator;

    // tcp_analyze_seq_flow_info_t; 0 means "not set" for nextseq and maxseqtobeacked, as in Wireshark
    int nextSeq;
    long nextSeqTime;
    long nextSeqFrame;
    int maxSeqToBeAcked;
    int lastAck;
    long lastAckTime;
    int dupAckNum;
    long lastNonDupAck;
    int lastSegmentFlags;

    // handshake and close tracking
    boolean finSent;
    int finSeq;
    boolean finAcked;
    TcpPhase finPhase = TcpPhase.NONE;

    /** Created when application dissectors are registered. */
    Reassembler stream;
    Reassembler.Target target;
}
