package org.handshakelab.flow;

import static org.handshakelab.dissect.TcpFlags.ACK;
import static org.handshakelab.dissect.TcpFlags.FIN;
import static org.handshakelab.dissect.TcpFlags.RST;
import static org.handshakelab.dissect.TcpFlags.SYN;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.handshakelab.dissect.DissectionSink;
import org.handshakelab.dissect.FrameHeaders;
import org.handshakelab.dissect.StreamDissector;

/**
 * TCP analysis per stream as Wireshark 4.0 does it, one frame at a time in capture order: the
 * {@code tcp.stream} index (a new one per new pair of endpoints, and per SYN that reuses a pair with
 * another initial sequence number), sequence and acknowledgment numbers relative to each direction's
 * first one ({@code tcp.seq}, {@code tcp.ack}), {@code tcp.len}, the scaled window, the
 * {@link TcpAnalysisFlag analysis flags}, the handshake and close {@link TcpPhase phases}, and the
 * reassembled byte streams handed to application {@link StreamDissector}s.
 *
 * <p>After {@link #process}, the accessors describe the frame just processed; which fields tshark
 * would print is in {@link #presence()}. Allocation-free per frame unless application dissectors are
 * registered and a stream carries payload. Not thread-safe.
 */
public final class TcpAnalyzer {

    /** tcp.srcport and tcp.dstport are shown. */
    public static final int HAS_PORTS = 1;
    /** tcp.stream is shown. */
    public static final int HAS_STREAM = 1 << 1;
    /** tcp.seq is shown. */
    public static final int HAS_SEQ = 1 << 2;
    /** tcp.seq_raw is shown. */
    public static final int HAS_SEQ_RAW = 1 << 3;
    /** tcp.ack is shown. */
    public static final int HAS_ACK = 1 << 4;
    /** tcp.ack_raw is shown. */
    public static final int HAS_ACK_RAW = 1 << 5;
    /** tcp.len is shown. */
    public static final int HAS_LEN = 1 << 6;
    /** tcp.flags is shown. */
    public static final int HAS_FLAGS = 1 << 7;
    /** tcp.window_size_value and tcp.window_size are shown. */
    public static final int HAS_WINDOW = 1 << 8;

    private final AddressTable addresses;
    private final List<StreamDissectorFactory> factories;
    private final ConversationTable conversations = new ConversationTable();
    private final SequenceAnalysis analysis = SequenceAnalysis.create();
    private int streams;
    private TcpConversation last;
    private long lastFrom;

    // the frame just processed
    private int presence;
    private int stream;
    private int seq;
    private int ack;
    private int len;
    private int scaledWindow;
    private int analysisFlags;
    private int dupAckNumber;
    private TcpPhase phase = TcpPhase.NONE;
    private int direction;

    private final StreamFeed feed;

    private TcpAnalyzer(AddressTable addresses, DissectionSink sink, List<StreamDissectorFactory> factories) {
        this.addresses = addresses;
        this.factories = factories;
        this.feed = new StreamFeed(addresses, sink, factories);
    }

    /**
     * An analyzer interning addresses in {@code addresses}, opening application dissectors from
     * {@code factories} (tried in order on each stream's first payload) that report to {@code sink}.
     */
    public static TcpAnalyzer create(AddressTable addresses, DissectionSink sink,
                                     List<StreamDissectorFactory> factories) {
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(sink, "sink");
        return new TcpAnalyzer(addresses, sink, List.copyOf(factories));
    }

    /** An analyzer without application dissectors. */
    public static TcpAnalyzer create(AddressTable addresses) {
        return create(addresses, NO_SINK, List.of());
    }

    private static final DissectionSink NO_SINK = new DissectionSink() {
        @Override
        public void field(int frame, org.handshakelab.dissect.Field field, String value) {
        }

        @Override
        public void phase(int frame, String label) {
        }

        @Override
        public void anomaly(int frame, String message) {
        }
    };

    /** The number of TCP streams so far. */
    public int streamCount() {
        return streams;
    }

    /** {@link #analyzeSegment} input bit: a TCP header was reached and its ports read (else no TCP at all). */
    public static final int IN_PORTS = 1 << 3;
    /** {@link #analyzeSegment} input bit: the fixed TCP header was read (else only the ports, maybe the raw seq). */
    public static final int IN_HEADER = 1;
    /** {@link #analyzeSegment} input bit: the raw sequence number is shown early (TCP quoted in an ICMPv4 error). */
    public static final int IN_SEQ_EARLY = 1 << 1;
    /** {@link #analyzeSegment} input bit: the whole header, options included, was read. */
    public static final int IN_COMPLETE = 1 << 2;

    /**
     * Analyzes the TCP segment of the frame whose headers {@code h} holds (if any), numbered
     * {@code frame}, captured at {@code timestampNanos} (0 when the frame has none).
     */
    public void process(FrameHeaders h, long frame, long timestampNanos) {
        int level = h.tcpLevel();
        if (level == FrameHeaders.TCP_NONE) {
            clear();
            last = null;
            return;
        }
        int bits = IN_PORTS | (level == FrameHeaders.TCP_HEADER ? IN_HEADER : 0) | (h.seqShownEarly() ? IN_SEQ_EARLY : 0)
                | (h.headerComplete() ? IN_COMPLETE : 0);
        int src = -1;
        int dst = -1;
        if (level == FrameHeaders.TCP_HEADER) {
            src = h.netVersion() == 4 ? addresses.ipv4(h.netSrc4()) : addresses.ipv6(h.netSrc6(0), h.netSrc6(1));
            dst = h.netVersion() == 4 ? addresses.ipv4(h.netDst4()) : addresses.ipv6(h.netDst6(0), h.netDst6(1));
        }
        analyzeSegment(src, dst, h.srcPort(), h.dstPort(), h.seq(), h.ack(), h.flags(), h.window(),
                h.headerLength(), h.segmentLength(), bits, h.options().windowScale(), frame, timestampNanos);
        feed(h, frame);
    }

    /**
     * Hands the payload of the segment just analysed ({@link #analyzeSegment}), whose headers {@code h}
     * holds, to the stream's reassembly and application dissector; nothing when none are registered.
     */
    public void feed(FrameHeaders h, long frame) {
        if (h.tcpLevel() != FrameHeaders.TCP_HEADER) {
            return;
        }
        feed(frame, h.tcpBuffer(), h.payloadOffset(), h.payloadCaptured(), h.flags(), h.seq(), h.segmentLength(),
                h.headerComplete(), h.headerLength());
    }

    /**
     * {@link #feed(FrameHeaders, long)} from primitives, so that header dissection can run ahead on another
     * thread: the segment's payload is {@code captured} bytes at {@code payloadOffset} in {@code buffer}
     * (whose bytes must not change: a capture file's mapping), and its header fields as dissected.
     */
    public void feed(long frame, ByteBuffer buffer, int payloadOffset, int captured, int flags, int rawSeq,
                     int seglen, boolean headerComplete, int headerLength) {
        TcpConversation c = last;
        if (c == null || factories.isEmpty() || (presence & HAS_LEN) == 0 || !headerComplete || headerLength < 20) {
            return;
        }
        TcpFlow fwd = c.flow(lastFrom);
        feed.reassemble(buffer, payloadOffset, captured, c, fwd, c.other(fwd), flags, rawSeq, seglen, frame);
    }

    private void clear() {
        presence = 0;
        stream = -1;
        len = 0;
        scaledWindow = -1;
        analysisFlags = 0;
        dupAckNumber = 0;
        phase = TcpPhase.NONE;
        direction = -1;
    }

    /**
     * The analysis of one TCP segment from primitives (what {@link #process} reads from the headers), so
     * that header dissection can run on another thread. {@code src} and {@code dst} are {@link AddressTable}
     * ids of the addresses the segment belongs to; {@code seglen} is {@code tcp.len} or -1 when Wireshark
     * computes none; {@code bits} are {@code IN_*} bits (0: the frame has no TCP); {@code windowShift} is the segment's window scale
     * option (-1 when absent). Application dissectors are fed by {@link #feed}, which needs the payload.
     */
    public void analyzeSegment(int src, int dst, int srcPort, int dstPort, int rawSeq, int rawAck, int flags,
                               int window, int headerLength, int seglen, int bits, int windowShift, long frame,
                               long ts) {
        last = analyze(src, dst, srcPort, dstPort, rawSeq, rawAck, flags, window, headerLength, seglen, bits,
                windowShift, frame, ts);
        lastFrom = (long) src << 16 | srcPort;
    }

    private TcpConversation analyze(int src, int dst, int srcPort, int dstPort, int rawSeq, int rawAck, int flags,
                                    int window, int headerLength, int seglen, int bits, int windowShift, long frame,
                                    long ts) {
        clear();
        if ((bits & IN_PORTS) == 0) {
            return null;
        }
        presence = HAS_PORTS;
        if ((bits & IN_SEQ_EARLY) != 0) {
            presence |= HAS_SEQ;
            seq = rawSeq;
        }
        if ((bits & IN_HEADER) == 0) {
            return null;
        }
        long from = (long) src << 16 | srcPort;
        long to = (long) dst << 16 | dstPort;
        analysis.flags = 0;
        analysis.dupAckNumber = 0;
        TcpConversation c = conversations.find(from, to);
        if (c == null) {
            c = open(from, to, flags, frame);
        }
        TcpFlow fwd = c.flow(from);
        if ((flags & (SYN | ACK)) == SYN && fwd.baseSet) {
            if (rawSeq != fwd.baseSeq) {
                // a new connection on the same ports (Wireshark issue 15097): a new stream
                c = open(from, to, flags, frame);
                fwd = c.flow(from);
                analysis.flags |= TcpAnalysisFlag.REUSED_PORTS.bit();
            } else {
                fwd.nextSeq = fwd.maxSeqToBeAcked; // a retransmitted SYN (Wireshark issue 17616)
            }
        }
        if ((flags & (SYN | ACK)) == (SYN | ACK) && fwd.baseSet && rawSeq != fwd.baseSeq) {
            fwd.baseSeq = rawSeq;
            analysis.flags |= TcpAnalysisFlag.REUSED_PORTS.bit();
        }
        TcpFlow rev = c.other(fwd);
        stream = c.stream;
        direction = c.direction(fwd);
        presence |= HAS_STREAM;
        scaledWindow = window;
        int relSeq = rawSeq;
        int relAck = rawAck;
        if (seglen >= 0) {
            presence |= HAS_LEN;
            len = seglen;
            if (!fwd.baseSet) {
                // without the SYN, the first seen byte counts as relative 1, as in Wireshark (bug 1542)
                fwd.baseSeq = (flags & SYN) != 0 ? rawSeq : rawSeq - 1;
                fwd.baseSet = true;
            }
            if (!rev.baseSet && (flags & ACK) != 0) {
                rev.baseSeq = rawAck - 1;
                rev.baseSet = true;
            }
            analysis.analyze(c, fwd, rev, rawSeq, rawAck, seglen, flags, window, frame, ts);
            relSeq = rawSeq - fwd.baseSeq;
            if ((flags & ACK) != 0) {
                relAck = rawAck - rev.baseSeq;
            }
            if ((flags & SYN) == 0 && fwd.winScale >= 0) {
                scaledWindow = window << fwd.winScale;
            }
        }
        analysisFlags = analysis.flags;
        dupAckNumber = analysis.dupAckNumber;
        if ((bits & IN_SEQ_EARLY) == 0) {
            presence |= HAS_SEQ | HAS_SEQ_RAW;
            seq = relSeq;
        }
        if (headerLength < 20) {
            return c; // Wireshark stops at a bogus header length, before the acknowledgment number
        }
        presence |= HAS_ACK | HAS_ACK_RAW | HAS_FLAGS | HAS_WINDOW;
        ack = relAck;
        handshakeBookkeeping(c, fwd, rev, flags, ts);
        phase = phase(c, fwd, rev, flags, rawSeq, rawAck, Math.max(seglen, 0));
        if ((bits & IN_COMPLETE) == 0) {
            return c; // options cut short: Wireshark throws before the window-scale checks and the payload
        }
        if (windowShift >= 0) {
            fwd.winScale = windowShift;
        }
        if ((flags & SYN) != 0) {
            verifyWindowScaling((flags & ACK) != 0, fwd, rev);
        }
        return c;
    }

    private TcpConversation open(long from, long to, int flags, long frame) {
        TcpConversation c = new TcpConversation(streams++, frame, from, to);
        // the client sent the SYN; without one, the sender of anything but a SYN-ACK is taken for it
        c.clientFlow = (flags & (SYN | ACK)) == (SYN | ACK) ? 2 : 1;
        conversations.put(from, to, c);
        return c;
    }

    /** Wireshark's SYN, FIN and first-RTT bookkeeping that the sequence analysis of later segments uses. */
    private static void handshakeBookkeeping(TcpConversation c, TcpFlow fwd, TcpFlow rev, int flags, long ts) {
        if ((flags & SYN) != 0) {
            if ((flags & ACK) == 0) {
                c.tsMruSyn = ts;
            }
            fwd.isFirstAck = true;
        }
        if ((flags & FIN) != 0 && !rev.closingInitiator) {
            fwd.closingInitiator = true;
        }
        if ((flags & (SYN | ACK)) == ACK) {
            if (c.tsMruSyn != 0 && c.tsFirstRtt == 0) {
                c.tsFirstRtt = ts - c.tsMruSyn;
            }
            fwd.isFirstAck = false;
        }
    }

    /** Window scaling is used only when both SYNs carry the option (RFC 7323 §2.2), as Wireshark checks it. */
    private static void verifyWindowScaling(boolean synAck, TcpFlow fwd, TcpFlow rev) {
        if (fwd.winScale == TcpFlow.SCALE_UNKNOWN) {
            fwd.winScale = TcpFlow.SCALE_NONE;
            rev.winScale = TcpFlow.SCALE_NONE;
        } else if (synAck && rev.winScale == TcpFlow.SCALE_NONE) {
            fwd.winScale = TcpFlow.SCALE_NONE;
        }
    }

    private static TcpPhase phase(TcpConversation c, TcpFlow fwd, TcpFlow rev, int flags, int seq, int ack,
                                  int seglen) {
        if ((flags & RST) != 0) {
            c.reset = true;
            return TcpPhase.RST;
        }
        if ((flags & SYN) != 0) {
            if ((flags & ACK) == 0) {
                return TcpPhase.HANDSHAKE_SYN;
            }
            c.synAckSeen = true;
            c.synAckSeq = seq;
            c.synAckFlow = fwd;
            return TcpPhase.HANDSHAKE_SYN_ACK;
        }
        boolean acks = (flags & ACK) != 0;
        if ((flags & FIN) != 0) {
            int finSeq = seq + seglen;
            TcpPhase p;
            if (fwd.finSent && fwd.finSeq == finSeq) {
                return fwd.finPhase; // the same FIN again
            } else if (!rev.finSent) {
                p = TcpPhase.CLOSE_FIN;
            } else if (acks && ack == rev.finSeq + 1) {
                p = rev.finAcked ? TcpPhase.CLOSE_PEER_FIN : TcpPhase.CLOSE_ACK_AND_PEER_FIN;
                rev.finAcked = true;
            } else {
                p = TcpPhase.CLOSE_SIMULTANEOUS_FIN;
            }
            fwd.finSent = true;
            fwd.finSeq = finSeq;
            fwd.finPhase = p;
            return p;
        }
        if (acks && rev.finSent && !rev.finAcked && ack == rev.finSeq + 1) {
            rev.finAcked = true;
            return fwd.finSent ? TcpPhase.CLOSE_LAST_ACK : TcpPhase.CLOSE_ACK;
        }
        if (acks && !c.handshakeDone && c.synAckSeen && c.synAckFlow != fwd && ack == c.synAckSeq + 1) {
            c.handshakeDone = true;
            return TcpPhase.HANDSHAKE_ACK;
        }
        return TcpPhase.NONE;
    }

    /** Ends every direction still open (the capture is over): dissectors get {@link StreamDissector#end}. */
    public void finish(long lastFrame) {
        feed.finish(lastFrame);
    }

    // ---- the frame just processed ----

    /** Which fields tshark shows for the frame: {@code HAS_*} bits. */
    public int presence() {
        return presence;
    }

    /** {@code tcp.stream}, -1 when none. */
    public int stream() {
        return stream;
    }

    /** {@code tcp.seq} as shown: relative to the direction's base, or raw where Wireshark shows it raw. */
    public int seq() {
        return seq;
    }

    /** {@code tcp.ack} as shown: relative when the ACK flag is set, raw otherwise. */
    public int ack() {
        return ack;
    }

    /** {@code tcp.len}. */
    public int len() {
        return len;
    }

    /** {@code tcp.window_size}: the window scaled by the direction's shift once known, -1 when not computed. */
    public int scaledWindow() {
        return scaledWindow;
    }

    /** {@link TcpAnalysisFlag} bits. */
    public int analysisFlags() {
        return analysisFlags;
    }

    /** {@code tcp.analysis.duplicate_ack_num}, 0 when not a duplicate ACK. */
    public int dupAckNumber() {
        return dupAckNumber;
    }

    /** The handshake or close step. */
    public TcpPhase phase() {
        return phase;
    }

    /** 0 from the client, 1 from the server, -1 without a stream. */
    public int direction() {
        return direction;
    }
}
