package org.handshakelab.dissect;

import java.nio.ByteBuffer;

/**
 * The options of one TCP segment (RFC 9293 §3.1, §3.2): MSS, window scale (RFC 7323 §2), SACK
 * permitted and SACK blocks (RFC 2018), timestamps (RFC 7323 §3), and how many others were seen.
 * Walked as Wireshark walks them: End of Option List and No-Operation are one byte, every other
 * kind has a length byte that must be at least 2 and stay inside the header; a kind with a fixed
 * length that is given another one is reported and skipped. Reused frame after frame, like
 * {@link FrameHeaders}.
 */
public final class TcpOptions {

    /** Kind 0: End of Option List. */
    public static final int EOL = 0;
    /** Kind 1: No-Operation. */
    public static final int NOP = 1;
    /** Kind 2: Maximum Segment Size. */
    public static final int MSS = 2;
    /** Kind 3: Window Scale. */
    public static final int WINDOW_SCALE = 3;
    /** Kind 4: SACK Permitted. */
    public static final int SACK_PERMITTED = 4;
    /** Kind 5: SACK. */
    public static final int SACK = 5;
    /** Kind 8: Timestamps. */
    public static final int TIMESTAMPS = 8;
    /** SACK blocks kept per segment (an option holds at most 4). */
    public static final int MAX_SACK_BLOCKS = 4;
    private static final int NOP_NOP_TIMESTAMPS = 0x0101080A;
    /** The largest shift RFC 7323 §2.3 allows; larger ones are used as 14. */
    public static final int MAX_WINDOW_SHIFT = 14;

    private int mss;
    private int windowScale;
    private boolean sackPermitted;
    private int sackBlocks;
    private final int[] sackLeft = new int[MAX_SACK_BLOCKS];
    private final int[] sackRight = new int[MAX_SACK_BLOCKS];
    private boolean timestamps;
    private int tsValue;
    private int tsEcho;
    private int others;
    private int count;

    TcpOptions() {
        clear();
    }

    void clear() {
        mss = -1;
        windowScale = -1;
        sackPermitted = false;
        sackBlocks = 0;
        timestamps = false;
        others = 0;
        count = 0;
    }

    /**
     * Walks {@code length} option bytes at {@code p}; bytes at or after {@code end} were not captured.
     * Problems are added to {@code h}.
     */
    void parse(FrameHeaders h, ByteBuffer b, int p, int length, int end) {
        if (length == 12 && end - p >= 12 && b.getInt(p) == NOP_NOP_TIMESTAMPS) {
            // what most segments carry (Linux): NOP, NOP, Timestamps; the same result as the walk below
            timestamps = true;
            tsValue = b.getInt(p + 4);
            tsEcho = b.getInt(p + 8);
            count = 3;
            return;
        }
        boolean eolSeen = false;
        while (length > 0) {
            if (p >= end) {
                h.anomaly(HeaderAnomaly.TCP_OPTIONS_CUT_SHORT);
                return;
            }
            int kind = b.get(p) & 0xFF;
            if (eolSeen && kind != EOL) {
                h.anomaly(HeaderAnomaly.TCP_OPTION_AFTER_EOL);
                return;
            }
            length--;
            if (kind == EOL || kind == NOP) {
                p++;
                count++;
                eolSeen |= kind == EOL;
                continue;
            }
            if (length == 0) {
                h.anomaly(HeaderAnomaly.TCP_OPTION_BAD_LENGTH);
                return;
            }
            if (p + 1 >= end) {
                h.anomaly(HeaderAnomaly.TCP_OPTIONS_CUT_SHORT);
                return;
            }
            int len = b.get(p + 1) & 0xFF;
            length--;
            if (len < 2 || len - 2 > length) {
                h.anomaly(HeaderAnomaly.TCP_OPTION_BAD_LENGTH);
                return;
            }
            if (p + len > end) {
                // Wireshark throws inside the option's dissector, which ends the whole TCP dissection
                h.anomaly(HeaderAnomaly.TCP_OPTIONS_CUT_SHORT);
                return;
            }
            option(h, b, kind, p, len);
            count++;
            p += len;
            length -= len - 2;
        }
    }

    private void option(FrameHeaders h, ByteBuffer b, int kind, int p, int len) {
        switch (kind) {
            case MSS -> {
                if (expect(h, len, 4)) {
                    mss = b.getShort(p + 2) & 0xFFFF;
                }
            }
            case WINDOW_SCALE -> {
                if (expect(h, len, 3)) {
                    windowScale = Math.min(b.get(p + 2) & 0xFF, MAX_WINDOW_SHIFT);
                }
            }
            case SACK_PERMITTED -> {
                if (expect(h, len, 2)) {
                    sackPermitted = true;
                }
            }
            case SACK -> {
                if ((len - 2) % 8 != 0) {
                    h.anomaly(HeaderAnomaly.TCP_OPTION_BAD_LENGTH);
                }
                for (int q = p + 2; q + 8 <= p + len && sackBlocks < MAX_SACK_BLOCKS; q += 8) {
                    sackLeft[sackBlocks] = b.getInt(q);
                    sackRight[sackBlocks] = b.getInt(q + 4);
                    sackBlocks++;
                }
            }
            case TIMESTAMPS -> {
                if (expect(h, len, 10)) {
                    timestamps = true;
                    tsValue = b.getInt(p + 2);
                    tsEcho = b.getInt(p + 6);
                }
            }
            default -> others++;
        }
    }

    private static boolean expect(FrameHeaders h, int len, int expected) {
        if (len != expected) {
            h.anomaly(HeaderAnomaly.TCP_OPTION_BAD_LENGTH);
            return false;
        }
        return true;
    }

    /** The options read, NOP and EOL included. */
    public int count() {
        return count;
    }

    /** {@code tcp.options.mss_val}, or -1 when absent. */
    public int mss() {
        return mss;
    }

    /** {@code tcp.options.wscale.shift} as used (at most 14), or -1 when absent. */
    public int windowScale() {
        return windowScale;
    }

    /** Whether SACK Permitted was present. */
    public boolean sackPermitted() {
        return sackPermitted;
    }

    /** The number of SACK blocks read. */
    public int sackBlocks() {
        return sackBlocks;
    }

    /** Left edge of SACK block {@code i} (raw sequence number). */
    public int sackLeft(int i) {
        checkBlock(i);
        return sackLeft[i];
    }

    /** Right edge of SACK block {@code i} (raw sequence number). */
    public int sackRight(int i) {
        checkBlock(i);
        return sackRight[i];
    }

    private void checkBlock(int i) {
        if (i < 0 || i >= sackBlocks) {
            throw new IndexOutOfBoundsException("i must be 0.." + (sackBlocks - 1) + ": " + i);
        }
    }

    /** Whether the Timestamps option was present. */
    public boolean hasTimestamps() {
        return timestamps;
    }

    /** {@code tcp.options.timestamp.tsval} (unsigned in an int). */
    public int tsValue() {
        return tsValue;
    }

    /** {@code tcp.options.timestamp.tsecr} (unsigned in an int). */
    public int tsEcho() {
        return tsEcho;
    }

    /** Options of other kinds (MPTCP, TCP-AO, Fast Open, experimental...), counted but not read. */
    public int others() {
        return others;
    }
}
