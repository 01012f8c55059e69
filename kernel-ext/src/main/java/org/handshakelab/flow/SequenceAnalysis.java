package org.handshakelab.flow;

import static org.handshakelab.dissect.TcpFlags.ACK;
import static org.handshakelab.dissect.TcpFlags.FIN;
import static org.handshakelab.dissect.TcpFlags.RST;
import static org.handshakelab.dissect.TcpFlags.SYN;

/**
 * Wireshark 4.0's TCP sequence analysis ({@code tcp_analyze_sequence_number} in packet-tcp.c), rule for
 * rule and in the same order, on raw sequence numbers: it decides the {@link TcpAnalysisFlag}s of a
 * segment and moves the flow's state on. The reference for each rule is the Wireshark User's Guide,
 * section "TCP Analysis". Times are nanoseconds; Wireshark's unsigned 64-bit time differences are
 * compared unsigned here too, so a clock going backwards behaves the same.
 */
final class SequenceAnalysis {

    private static final long FAST_RETRANSMISSION_WINDOW = 20_000_000L;
    private static final long OUT_OF_ORDER_DEFAULT = 3_000_000L;
    private static final int RETRANSMISSION = TcpAnalysisFlag.RETRANSMISSION.bit();
    private static final int KEEP_ALIVE = TcpAnalysisFlag.KEEP_ALIVE.bit();
    private static final int ZERO_WINDOW_PROBE = TcpAnalysisFlag.ZERO_WINDOW_PROBE.bit();

    /** The flags of the current segment (Wireshark's {@code ta->flags}). */
    int flags;
    /** The duplicate ACK number of the current segment, 0 when it is none. */
    int dupAckNumber;

    private SequenceAnalysis() {
    }

    static SequenceAnalysis create() {
        return new SequenceAnalysis();
    }

    /** Sequence comparisons modulo 2^32 (RFC 9293 §3.4). */
    private static boolean gt(int a, int b) {
        return b - a < 0;
    }

    private static boolean lt(int a, int b) {
        return a - b < 0;
    }

    private static boolean le(int a, int b) {
        return a - b <= 0;
    }

    void analyze(TcpConversation c, TcpFlow fwd, TcpFlow rev, int seq, int ack, int seglen, int tcpFlags,
                 int window, long frame, long ts) {
        analyzeForward(fwd, rev, seq, ack, seglen, tcpFlags, window, frame);
        if (ack != fwd.lastAck) {
            fwd.lastNonDupAck = frame;
            fwd.dupAckNum = 0;
        }
        ackedUnseen(fwd, rev, ack, tcpFlags);
        if (seglen > 0 || (tcpFlags & (SYN | FIN)) != 0) {
            retransmission(c, fwd, rev, seq, seglen, tcpFlags, ts);
        }
        advance(fwd, seq, seglen, tcpFlags, window, ack, frame, ts);
    }

    /** The checks up to "finished_fwd": probes, zero windows, lost segments, keep-alives, window updates, dup ACKs. */
    private void analyzeForward(TcpFlow fwd, TcpFlow rev, int seq, int ack, int seglen, int tcpFlags, int window,
                                long frame) {
        if (seglen == 1 && seq == fwd.nextSeq && rev.window == 0) {
            flags |= ZERO_WINDOW_PROBE;
            return;
        }
        boolean synFinRst = (tcpFlags & (SYN | FIN | RST)) != 0;
        if (window == 0 && !synFinRst) {
            flags |= TcpAnalysisFlag.ZERO_WINDOW.bit();
        }
        if (fwd.nextSeq != 0 && gt(seq, fwd.nextSeq) && (tcpFlags & RST) == 0) {
            flags |= TcpAnalysisFlag.LOST_SEGMENT.bit();
        }
        if ((seglen == 0 || seglen == 1) && seq == fwd.nextSeq - 1 && !synFinRst) {
            flags |= KEEP_ALIVE;
        }
        boolean sameSeqAck = seq == fwd.nextSeq && ack == fwd.lastAck;
        if (seglen == 0 && window != 0 && window != fwd.window && sameSeqAck && !synFinRst) {
            flags |= TcpAnalysisFlag.WINDOW_UPDATE.bit();
        }
        if (seglen > 0 && rev.winScale != TcpFlow.SCALE_UNKNOWN && !synFinRst) {
            int shift = rev.isFirstAck || rev.winScale == TcpFlow.SCALE_NONE ? 0 : rev.winScale;
            if (seq + seglen == rev.lastAck + (rev.window << shift)) {
                flags |= TcpAnalysisFlag.WINDOW_FULL.bit();
            }
        }
        if (seglen == 0 && window != 0 && window == fwd.window && sameSeqAck
                && (rev.lastSegmentFlags & KEEP_ALIVE) != 0 && !synFinRst) {
            flags |= TcpAnalysisFlag.KEEP_ALIVE_ACK.bit();
            return;
        }
        if (seglen == 0 && window == 0 && window == fwd.window && sameSeqAck
                && (rev.lastSegmentFlags & ZERO_WINDOW_PROBE) != 0 && !synFinRst) {
            flags |= TcpAnalysisFlag.ZERO_WINDOW_PROBE_ACK.bit();
            return;
        }
        if (seglen == 0 && window != 0 && window == fwd.window && sameSeqAck && !synFinRst) {
            fwd.dupAckNum = fwd.dupAckNum == -1 ? 1 : fwd.dupAckNum + 1;
            flags |= TcpAnalysisFlag.DUPLICATE_ACK.bit();
            dupAckNumber = fwd.dupAckNum;
        }
    }

    /** ACKED LOST PACKET: the ACK covers data beyond what was seen in the other direction. */
    private void ackedUnseen(TcpFlow fwd, TcpFlow rev, int ack, int tcpFlags) {
        if (rev.maxSeqToBeAcked != 0 && gt(ack, rev.maxSeqToBeAcked) && (tcpFlags & ACK) != 0) {
            if (lt(rev.maxSeqToBeAcked, rev.nextSeq)) {
                rev.maxSeqToBeAcked = rev.nextSeq;
                flags |= TcpAnalysisFlag.ACKED_UNSEEN_SEGMENT.bit();
            } else {
                if (rev.dupAckNum == 0) {
                    flags |= TcpAnalysisFlag.ACKED_UNSEEN_SEGMENT.bit();
                }
                rev.dupAckNum = -1;
            }
        }
    }

    /** RETRANSMISSION / FAST RETRANSMISSION / SPURIOUS / OUT-OF-ORDER for a segment with data, SYN or FIN. */
    private void retransmission(TcpConversation c, TcpFlow fwd, TcpFlow rev, int seq, int seglen, int tcpFlags,
                                long ts) {
        boolean seqNotAdvanced = fwd.nextSeq != 0 && lt(seq, fwd.nextSeq);
        if ((flags & KEEP_ALIVE) != 0) {
            return;
        }
        if (seglen > 1 && fwd.nextSeq - 1 == seq) {
            seqNotAdvanced = false;
        }
        if (seglen > 0 && rev.lastAck != 0 && le(seq + seglen, rev.lastAck)) {
            flags |= TcpAnalysisFlag.SPURIOUS_RETRANSMISSION.bit();
            return;
        }
        long t = ts - rev.lastAckTime;
        if (seqNotAdvanced && rev.dupAckNum >= 2 && rev.lastAck == seq
                && Long.compareUnsigned(t, FAST_RETRANSMISSION_WINDOW) < 0) {
            flags |= TcpAnalysisFlag.FAST_RETRANSMISSION.bit();
            return;
        }
        t = ts - fwd.nextSeqTime;
        long threshold = c.tsFirstRtt == 0 ? OUT_OF_ORDER_DEFAULT : c.tsFirstRtt;
        int synFin = (tcpFlags & (SYN | FIN)) != 0 ? 1 : 0;
        if (seqNotAdvanced && Long.compareUnsigned(t, threshold) < 0 && fwd.nextSeq != seq + seglen + synFin) {
            flags |= TcpAnalysisFlag.OUT_OF_ORDER.bit();
            return;
        }
        if (seqNotAdvanced) {
            flags |= RETRANSMISSION;
        }
    }

    /** Moves nextseq, max-seq-to-be-acked, the last ACK and window on, as after "finished_checking_retransmission_type". */
    private void advance(TcpFlow fwd, int seq, int seglen, int tcpFlags, int window, int ack, long frame, long ts) {
        int nextSeq = seq + seglen;
        if ((seglen != 0 || (tcpFlags & (SYN | FIN)) != 0) && (tcpFlags & (SYN | FIN)) != 0) {
            nextSeq += 1;
        }
        boolean probe = (flags & ZERO_WINDOW_PROBE) != 0;
        if ((gt(nextSeq, fwd.nextSeq) || fwd.nextSeq == 0) && !probe) {
            fwd.nextSeq = nextSeq;
            fwd.nextSeqFrame = frame;
            fwd.nextSeqTime = ts;
        }
        if ((seq == fwd.maxSeqToBeAcked || fwd.maxSeqToBeAcked == 0) && !probe) {
            fwd.maxSeqToBeAcked = fwd.nextSeq;
        }
        fwd.window = window;
        fwd.lastAck = ack;
        fwd.lastAckTime = ts;
        fwd.lastSegmentFlags = flags;
    }
}
