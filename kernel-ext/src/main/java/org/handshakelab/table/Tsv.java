package org.handshakelab.table;

import static org.handshakelab.flow.TcpAnalyzer.HAS_ACK;
import static org.handshakelab.flow.TcpAnalyzer.HAS_ACK_RAW;
import static org.handshakelab.flow.TcpAnalyzer.HAS_FLAGS;
import static org.handshakelab.flow.TcpAnalyzer.HAS_LEN;
import static org.handshakelab.flow.TcpAnalyzer.HAS_PORTS;
import static org.handshakelab.flow.TcpAnalyzer.HAS_SEQ;
import static org.handshakelab.flow.TcpAnalyzer.HAS_SEQ_RAW;
import static org.handshakelab.flow.TcpAnalyzer.HAS_STREAM;
import static org.handshakelab.flow.TcpAnalyzer.HAS_WINDOW;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.handshakelab.capture.FrameCursor;
import org.handshakelab.dissect.Field;

/**
 * Writes a {@link PacketTable} as tshark's {@code -T fields -E header=y -E separator=/t -E occurrence=a
 * -E aggregator=,} output, straight into a byte buffer: numbers are formatted by hand, and the common
 * columns need no string per value. {@link PacketTable#text} is the reference for every format.
 */
final class Tsv {

    private static final int FLUSH_AT = 1 << 16;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private PacketTable t;
    private final Column[] columns;
    private final byte[] buf = new byte[FLUSH_AT + 4096];
    private int n;
    private OutputStream out;
    private int[] ipText = new int[0];
    private byte[][] ipCache = new byte[0][];

    Tsv(PacketTable table, List<Column> columns) {
        this.t = table;
        this.columns = columns.toArray(new Column[0]);
    }

    /** Seconds with nine decimals, as tshark prints {@code frame.time_relative}. */
    static String seconds(long nanos) {
        String sign = nanos < 0 ? "-" : "";
        long abs = Math.abs(nanos);
        return sign + abs / 1_000_000_000L + "." + String.format("%09d", abs % 1_000_000_000L);
    }

    void write(OutputStream out) throws IOException {
        header(out);
        rows(t, 0, t.size);
        flush();
    }

    /** Starts the output: the header line. */
    void header(OutputStream out) {
        this.out = out;
        for (int c = 0; c < columns.length; c++) {
            if (c > 0) {
                buf[n++] = '\t';
            }
            ascii(columns[c].wiresharkName());
        }
        buf[n++] = '\n';
    }

    /** Rows {@code from} (inclusive) to {@code to} of {@code table}, which may hold only those rows ({@link PacketTable#base}). */
    void rows(PacketTable table, int from, int to) throws IOException {
        if (table.app != (t == null ? null : t.app)) {
            appCursor = 0;
        }
        t = table;
        for (int row = from; row < to; row++) {
            appHere = seekApp(row + 1);
            for (int c = 0; c < columns.length; c++) {
                if (c > 0) {
                    buf[n++] = '\t';
                }
                cell(columns[c], row);
                if (n > FLUSH_AT) {
                    out.write(buf, 0, n);
                    n = 0;
                }
            }
            buf[n++] = '\n';
        }
    }

    /** Writes out what is buffered. */
    void flush() throws IOException {
        out.write(buf, 0, n);
        n = 0;
        out.flush();
    }

    /** Cell {@code column} of {@code row}, which is at index {@code row - t.base} of the table's arrays. */
    private void cell(Column column, int row) throws IOException {
        int i = row - t.base;
        int p = t.presence[i];
        switch (column) {
            case FRAME_NUMBER -> number(row + 1);
            case FRAME_TIME_RELATIVE -> {
                if (t.timestamps[i] != FrameCursor.NO_TIMESTAMP) {
                    seconds9(t.timestamps[i] - t.referenceTime);
                }
            }
            case IP_SRC -> ip(row, i, t.ipSrc, PacketTable.SRC_SHOWN);
            case IP_DST -> ip(row, i, t.ipDst, PacketTable.DST_SHOWN);
            case TCP_SRCPORT -> when(p, HAS_PORTS, t.srcPorts[i]);
            case TCP_DSTPORT -> when(p, HAS_PORTS, t.dstPorts[i]);
            case TCP_STREAM -> when(p, HAS_STREAM, t.streams[i]);
            case TCP_FLAGS -> {
                if ((p & HAS_FLAGS) != 0) {
                    int f = t.flags[i];
                    buf[n++] = '0';
                    buf[n++] = 'x';
                    buf[n++] = '0';
                    buf[n++] = HEX[(f >>> 8) & 15];
                    buf[n++] = HEX[(f >>> 4) & 15];
                    buf[n++] = HEX[f & 15];
                }
            }
            case TCP_SEQ -> whenUnsigned(p, HAS_SEQ, t.seqs[i]);
            case TCP_ACK -> whenUnsigned(p, HAS_ACK, t.acks[i]);
            case TCP_SEQ_RAW -> whenUnsigned(p, HAS_SEQ_RAW, t.rawSeqs[i]);
            case TCP_ACK_RAW -> whenUnsigned(p, HAS_ACK_RAW, t.rawAcks[i]);
            case TCP_LEN -> when(p, HAS_LEN, t.lens[i]);
            case TCP_WINDOW_SIZE_VALUE -> when(p, HAS_WINDOW, t.windows[i]);
            default -> app(column.field(), row);
        }
    }

    private void when(int presence, int bit, int value) {
        if ((presence & bit) != 0) {
            number(value);
        }
    }

    private void whenUnsigned(int presence, int bit, int value) {
        if ((presence & bit) != 0) {
            if (value >= 0) {
                number(value);
            } else {
                // value / 10 as unsigned, in int arithmetic: code the JIT compiles quickly divides a long with
                // a runtime call, and half of all raw sequence numbers are 2^31 or more
                int q = (value >>> 1) / 5;
                number(q);
                buf[n++] = (byte) ('0' + (value - q * 10));
            }
        }
    }

    private void ip(int row, int i, int[] ids, byte bit) throws IOException {
        boolean any = false;
        if ((t.ipShown[i] & bit) != 0) {
            bytes(addressText(ids[i]));
            any = true;
        }
        int[] extra = t.extraLayers.isEmpty() ? null : t.extraLayers.get(row);
        if (extra != null) {
            int offset = bit == PacketTable.SRC_SHOWN ? 0 : 1;
            for (int k = 0; k < extra.length; k += 3) {
                if ((extra[k + 2] & bit) != 0) {
                    if (any) {
                        buf[n++] = ',';
                    }
                    bytes(addressText(extra[k + offset]));
                    any = true;
                }
            }
        }
    }

    /** The text of an address id, formatted once per address. */
    private byte[] addressText(int id) {
        if (id >= ipCache.length) {
            int size = Math.max(id + 1, ipCache.length * 2);
            ipCache = java.util.Arrays.copyOf(ipCache, size);
        }
        byte[] text = ipCache[id];
        if (text == null) {
            String s = t.addressTexts != null ? t.addressTexts[id] : t.addresses.format(id);
            text = s.getBytes(StandardCharsets.US_ASCII);
            ipCache[id] = text;
        }
        return text;
    }

    private int appCursor;
    /** Whether the row being written has application fields ({@link #appCursor} is at its first). */
    private boolean appHere;

    /** Moves {@link #appCursor} to {@code frame}'s first application field; false when it has none. */
    private boolean seekApp(int frame) {
        AppFields a = t.app;
        if (appCursor < a.size() && a.frame(appCursor) < frame) {
            appCursor = a.firstAtOrAfter(frame);
        }
        return appCursor < a.size() && a.frame(appCursor) == frame;
    }

    private void app(Field field, int row) throws IOException {
        if (!appHere) {
            return;
        }
        AppFields a = t.app;
        int frame = row + 1;
        boolean any = false;
        for (int i = appCursor; i < a.size() && a.frame(i) == frame; i++) {
            if (a.field(i) == field) {
                if (any) {
                    buf[n++] = ',';
                }
                text(a.value(i));
                any = true;
            }
        }
    }

    /** The whole second {@link #seconds9} wrote last, and where it starts: frames come in time order. */
    private long second = -1;
    private long secondStart = -1_000_000_000L;

    private void seconds9(long nanos) {
        if (nanos < 0) {
            buf[n++] = '-';
            nanos = -nanos;
        }
        long within = nanos - secondStart;
        if (within < 0 || within >= 1_000_000_000L) {
            // a long division is a runtime call in code the JIT compiles quickly: once a second, not per frame
            second = nanos / 1_000_000_000L;
            secondStart = second * 1_000_000_000L;
            within = nanos - secondStart;
        }
        number(second);
        buf[n++] = '.';
        int frac = (int) within;
        int pos = n + 9;
        for (int i = 0; i < 4; i++) {
            int q = frac / 100;
            int r = frac - q * 100;
            buf[--pos] = ONES[r];
            buf[--pos] = TENS[r];
            frac = q;
        }
        buf[--pos] = (byte) ('0' + frac);
        n += 9;
    }

    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];

    static {
        for (int i = 0; i < 100; i++) {
            TENS[i] = (byte) ('0' + i / 10);
            ONES[i] = (byte) ('0' + i % 10);
        }
    }

    private void number(long v) {
        if (v <= Integer.MAX_VALUE) {
            number((int) v);
            return;
        }
        int digits = 0;
        for (long x = v; x > 0; x /= 10) {
            digits++;
        }
        for (int i = digits - 1; i >= 0; i--) {
            buf[n + i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        n += digits;
    }

    /** A non-negative int, two digits at a time. */
    private void number(int v) {
        int digits = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5
                : v < 1000000 ? 6 : v < 10000000 ? 7 : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
        int pos = n + digits;
        while (v >= 100) {
            int q = v / 100;
            int r = v - q * 100;
            buf[--pos] = ONES[r];
            buf[--pos] = TENS[r];
            v = q;
        }
        if (v >= 10) {
            buf[--pos] = ONES[v];
            buf[--pos] = TENS[v];
        } else {
            buf[--pos] = (byte) ('0' + v);
        }
        n += digits;
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            buf[n++] = (byte) s.charAt(i);
        }
    }

    /** A text value: UTF-8, flushed through when long (an HTTP URI may be). */
    private void text(String s) throws IOException {
        int length = s.length();
        if (length <= 256) {
            // most values are short ASCII (a method, a status code, a type number): no byte[] per cell
            if (n + length > FLUSH_AT) {
                out.write(buf, 0, n);
                n = 0;
            }
            int start = n;
            for (int i = 0; i < length; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    n = start;
                    bytes(s.getBytes(StandardCharsets.UTF_8));
                    return;
                }
                buf[n++] = (byte) c;
            }
            return;
        }
        bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private void bytes(byte[] b) throws IOException {
        if (n + b.length > FLUSH_AT) {
            out.write(buf, 0, n);
            n = 0;
            if (b.length > FLUSH_AT) {
                out.write(b);
                return;
            }
        }
        System.arraycopy(b, 0, buf, n, b.length);
        n += b.length;
    }
}
