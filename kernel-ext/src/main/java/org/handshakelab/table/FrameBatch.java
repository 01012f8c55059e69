package org.handshakelab.table;

import java.nio.ByteBuffer;
import java.util.List;
import org.handshakelab.capture.DecryptionSecret;
import org.handshakelab.capture.FrameCursor;
import org.handshakelab.dissect.FrameHeaders;
import org.handshakelab.flow.TcpAnalyzer;

/**
 * What the table keeps of a run of frames' headers, as primitives: the hand-over between header
 * dissection and the columns and TCP analysis. A pipelined build fills batches on a reading thread and
 * consumes them on the calling one; a single-threaded build fills and consumes them in turn. Frames with
 * more than one IP header, or whose TCP segment belongs to other addresses than the first header's, carry
 * the rest in a small side array (tunnels and ICMP errors are rare).
 */
final class FrameBatch {

    static final int SIZE = 1024;

    /** {@link #ip} bits: the first IP header's version (4 or 6) in the low 4 bits, then these. */
    static final int SRC_SHOWN = 1 << 4;
    static final int DST_SHOWN = 1 << 5;
    static final int MORE = 1 << 6;
    static final int NET_ELSEWHERE = 1 << 7;

    final long[] ts = new long[SIZE];
    /** The length on the wire, at most {@link Integer#MAX_VALUE} (as the table keeps it). */
    final int[] wire = new int[SIZE];
    final int[] ip = new int[SIZE];
    /**
     * The first IP header's addresses: IPv4 in {@link #src4}/{@link #dst4}, IPv6 in the long pairs. Few bytes
     * per frame matter: every one written here crosses from one core's cache to the other's.
     */
    final int[] src4 = new int[SIZE];
    final int[] dst4 = new int[SIZE];
    final long[] srcHi = new long[SIZE];
    final long[] srcLo = new long[SIZE];
    final long[] dstHi = new long[SIZE];
    final long[] dstLo = new long[SIZE];
    /** The rest, for frames with {@link #MORE} or {@link #NET_ELSEWHERE} only (else not written: stale). */
    final long[][] extra = new long[SIZE][];
    final int[] ports = new int[SIZE];
    final int[] seq = new int[SIZE];
    final int[] ack = new int[SIZE];
    final int[] flagsWindow = new int[SIZE];
    /** Header length, TcpAnalyzer IN_* bits and window shift + 1, a byte each; 0 without TCP. */
    final int[] meta = new int[SIZE];
    final int[] seglen = new int[SIZE];
    final int[] anomalies = new int[SIZE];
    /**
     * Where each frame's TCP payload is, for application dissectors (filled by {@link #payload}): the
     * capture's mapping, or a read buffer that is not filled again before the batch is consumed, so the
     * payload can be read after the cursor moved on.
     */
    final ByteBuffer[] payloadBuffer = new ByteBuffer[SIZE];
    final int[] payloadOffset = new int[SIZE];
    final int[] payloadCaptured = new int[SIZE];
    /** Whether {@link #payload} was called for every frame (application dissectors are registered). */
    boolean payloads;
    int count;
    long firstFrame;
    boolean last;
    /** The reader's {@link FrameCursor#windowNumber()} when it handed the batch over. */
    long window;
    FrameCursor cursor;
    Throwable failure;
    /**
     * The Decryption Secrets Blocks read up to the end of this batch, when they changed since the previous
     * batch; null when they did not (the reader's list is not shared across threads).
     */
    List<DecryptionSecret> secrets;

    /** Records the headers {@code h} of a frame captured at {@code timestamp}, {@code wireLength} long. */
    void add(FrameHeaders h, long timestamp, long wireLength) {
        int i = count++;
        ts[i] = timestamp;
        wire[i] = (int) Math.min(wireLength, Integer.MAX_VALUE);
        anomalies[i] = (int) h.anomalyBits();
        int layers = h.ipLayers();
        int bits = 0;
        if (layers > 0) {
            bits = h.ipVersion(0) | (h.ipSrcShown(0) ? SRC_SHOWN : 0) | (h.ipDstShown(0) ? DST_SHOWN : 0);
            if (h.ipVersion(0) == 4) {
                src4[i] = h.ip4Src(0);
                dst4[i] = h.ip4Dst(0);
            } else {
                srcHi[i] = h.ip6Src(0, 0);
                srcLo[i] = h.ip6Src(0, 1);
                dstHi[i] = h.ip6Dst(0, 0);
                dstLo[i] = h.ip6Dst(0, 1);
            }
        }
        int level = h.tcpLevel();
        boolean elsewhere = level == FrameHeaders.TCP_HEADER && !sameAsFirstLayer(h);
        if (layers > 1 || elsewhere) {
            bits |= (layers > 1 ? MORE : 0) | (elsewhere ? NET_ELSEWHERE : 0);
            extra[i] = extra(h);
        }
        ip[i] = bits;
        if (level == FrameHeaders.TCP_NONE) {
            meta[i] = 0;
            return;
        }
        int in = TcpAnalyzer.IN_PORTS | (level == FrameHeaders.TCP_HEADER ? TcpAnalyzer.IN_HEADER : 0)
                | (h.seqShownEarly() ? TcpAnalyzer.IN_SEQ_EARLY : 0)
                | (h.headerComplete() ? TcpAnalyzer.IN_COMPLETE : 0);
        meta[i] = Math.min(h.headerLength(), 255) << 16 | in << 8 | (h.options().windowScale() + 1);
        ports[i] = h.srcPort() << 16 | h.dstPort();
        seq[i] = h.seq();
        ack[i] = h.ack();
        flagsWindow[i] = h.flags() << 16 | h.window();
        seglen[i] = h.segmentLength();
    }

    /**
     * Notes where the TCP payload of the frame just {@link #add}ed is. A segment from reassembled IP
     * fragments lives in a buffer of the defragmenter's: its payload is copied.
     */
    void payload(FrameHeaders h) {
        int i = count - 1;
        ByteBuffer b = h.tcpLevel() == FrameHeaders.TCP_HEADER ? h.tcpBuffer() : null;
        if (b == null) {
            payloadBuffer[i] = null;
            return;
        }
        int offset = h.payloadOffset();
        int captured = h.payloadCaptured();
        if (!h.tcpInFrame()) {
            byte[] copy = new byte[captured];
            if (captured > 0) {
                b.get(offset, copy, 0, captured);
            }
            b = ByteBuffer.wrap(copy).asReadOnlyBuffer();
            offset = 0;
        }
        payloadBuffer[i] = b;
        payloadOffset[i] = offset;
        payloadCaptured[i] = captured;
    }

    /** Whether the segment belongs to the addresses of the only IP header. */
    private static boolean sameAsFirstLayer(FrameHeaders h) {
        if (h.ipLayers() != 1 || h.ipVersion(0) != h.netVersion()) {
            return false;
        }
        if (h.netVersion() == 4) {
            return h.ip4Src(0) == h.netSrc4() && h.ip4Dst(0) == h.netDst4();
        }
        return h.ip6Src(0, 0) == h.netSrc6(0) && h.ip6Src(0, 1) == h.netSrc6(1)
                && h.ip6Dst(0, 0) == h.netDst6(0) && h.ip6Dst(0, 1) == h.netDst6(1);
    }

    /**
     * The rare rest: the segment's addresses (version, src hi/lo, dst hi/lo), then per further IP header
     * its version and shown bits, src hi/lo, dst hi/lo.
     */
    private static long[] extra(FrameHeaders h) {
        int layers = h.ipLayers();
        long[] e = new long[5 + 5 * Math.max(0, layers - 1)];
        e[0] = h.netVersion();
        if (h.netVersion() == 4) {
            e[2] = h.netSrc4();
            e[4] = h.netDst4();
        } else if (h.netVersion() == 6) {
            e[1] = h.netSrc6(0);
            e[2] = h.netSrc6(1);
            e[3] = h.netDst6(0);
            e[4] = h.netDst6(1);
        }
        for (int l = 1; l < layers; l++) {
            int k = 5 * l;
            e[k] = h.ipVersion(l) | (h.ipSrcShown(l) ? SRC_SHOWN : 0) | (h.ipDstShown(l) ? DST_SHOWN : 0);
            if (h.ipVersion(l) == 4) {
                e[k + 2] = h.ip4Src(l);
                e[k + 4] = h.ip4Dst(l);
            } else {
                e[k + 1] = h.ip6Src(l, 0);
                e[k + 2] = h.ip6Src(l, 1);
                e[k + 3] = h.ip6Dst(l, 0);
                e[k + 4] = h.ip6Dst(l, 1);
            }
        }
        return e;
    }
}
