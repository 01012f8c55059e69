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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.handshakelab.capture.CaptureAnomaly;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.FrameCursor;
import org.handshakelab.dissect.Field;
import org.handshakelab.dissect.HeaderAnomaly;
import org.handshakelab.dissect.TcpFlags;
import org.handshakelab.flow.AddressTable;
import org.handshakelab.flow.TcpAnalysisFlag;
import org.handshakelab.flow.TcpPhase;

/**
 * One row per frame of a capture with its frame, IP and TCP fields, and the application fields the
 * dissectors report: the data behind the lab's tables and charts, and behind {@code ./lab table --tsv}.
 *
 * <pre>{@code
 * PacketTable t = PacketTable.build(CaptureFile.open(Path.of("captures/https.pcapng")));
 * t.size();                          // frames
 * t.text(Column.TCP_SEQ, 3);         // "1", as tshark prints tcp.seq for frame 4
 * t.phase(0);                        // TcpPhase.HANDSHAKE_SYN
 * }</pre>
 *
 * <p>Columnar: primitive arrays, one entry per frame (rows are 0-based, frame numbers 1-based), about
 * 70 bytes of heap per frame; application fields live in a sparse side structure. Values are formatted
 * exactly as {@code tshark -T fields -E occurrence=a -E aggregator=,} prints them, and a field is empty
 * exactly when tshark prints nothing. Immutable once built, so it may be shared between threads.
 */
public final class PacketTable {

    static final byte SRC_SHOWN = 1;
    static final byte DST_SHOWN = 2;
    static final byte NO_ADDRESS = -1;

    final String name;
    final int size;
    /**
     * The row at index 0 of the column arrays: 0, except in a copy of rows a streaming build hands out
     * ({@link #writeTsv(CaptureFile, TableOptions, OutputStream, List)}), which holds only those rows.
     */
    final int base;
    final long[] timestamps;
    final int[] frameLengths;
    final int[] ipSrc;
    final int[] ipDst;
    final byte[] ipShown;
    final Map<Integer, int[]> extraLayers;
    final char[] srcPorts;
    final char[] dstPorts;
    final int[] streams;
    final short[] presence;
    final short[] flags;
    final int[] seqs;
    final int[] acks;
    final int[] rawSeqs;
    final int[] rawAcks;
    final int[] lens;
    final char[] windows;
    final int[] scaledWindows;
    final short[] analysis;
    final byte[] phases;
    final byte[] directions;
    final int[] headerAnomalies;
    final AddressTable addresses;
    /** The text of each address id the rows use, when the table is a copy for another thread; else null. */
    final String[] addressTexts;
    final AppFields app;
    final int streamCount;
    final long referenceTime;
    final List<CaptureAnomaly> captureAnomalies;

    /** The table {@code b} built. */
    PacketTable(TableBuilder b) {
        name = b.name;
        size = b.size;
        base = b.base;
        timestamps = b.timestamps;
        frameLengths = b.frameLengths;
        ipSrc = b.ipSrc;
        ipDst = b.ipDst;
        ipShown = b.ipShown;
        extraLayers = Map.copyOf(b.extraLayers);
        srcPorts = b.srcPorts;
        dstPorts = b.dstPorts;
        streams = b.streams;
        presence = b.presence;
        flags = b.flags;
        seqs = b.seqs;
        acks = b.acks;
        rawSeqs = b.rawSeqs;
        rawAcks = b.rawAcks;
        lens = b.lens;
        windows = b.windows;
        scaledWindows = b.scaledWindows;
        analysis = b.analysis;
        phases = b.phases;
        directions = b.directions;
        headerAnomalies = b.headerAnomalies;
        addresses = b.addresses;
        addressTexts = null;
        app = b.app;
        streamCount = b.streamCount;
        referenceTime = b.referenceTime;
        captureAnomalies = List.copyOf(b.captureAnomalies);
    }

    /**
     * A copy of rows {@code from} (inclusive) to {@code to} of a streaming build, for a writer on another
     * thread: it shares nothing the build goes on changing. {@code app} holds those rows' application fields,
     * {@code addressTexts} the text of every address id they use.
     */
    PacketTable(TableBuilder b, int from, int to, AppFields app, String[] addressTexts) {
        int lo = from - b.base;
        int hi = to - b.base;
        name = b.name;
        size = to;
        base = from;
        timestamps = Arrays.copyOfRange(b.timestamps, lo, hi);
        frameLengths = Arrays.copyOfRange(b.frameLengths, lo, hi);
        ipSrc = Arrays.copyOfRange(b.ipSrc, lo, hi);
        ipDst = Arrays.copyOfRange(b.ipDst, lo, hi);
        ipShown = Arrays.copyOfRange(b.ipShown, lo, hi);
        Map<Integer, int[]> extra = new java.util.HashMap<>();
        b.extraLayers.forEach((row, layers) -> {
            if (row >= from && row < to) {
                extra.put(row, layers);
            }
        });
        extraLayers = extra.isEmpty() ? Map.of() : Map.copyOf(extra);
        srcPorts = Arrays.copyOfRange(b.srcPorts, lo, hi);
        dstPorts = Arrays.copyOfRange(b.dstPorts, lo, hi);
        streams = Arrays.copyOfRange(b.streams, lo, hi);
        presence = Arrays.copyOfRange(b.presence, lo, hi);
        flags = Arrays.copyOfRange(b.flags, lo, hi);
        seqs = Arrays.copyOfRange(b.seqs, lo, hi);
        acks = Arrays.copyOfRange(b.acks, lo, hi);
        rawSeqs = Arrays.copyOfRange(b.rawSeqs, lo, hi);
        rawAcks = Arrays.copyOfRange(b.rawAcks, lo, hi);
        lens = Arrays.copyOfRange(b.lens, lo, hi);
        windows = Arrays.copyOfRange(b.windows, lo, hi);
        scaledWindows = Arrays.copyOfRange(b.scaledWindows, lo, hi);
        analysis = Arrays.copyOfRange(b.analysis, lo, hi);
        phases = Arrays.copyOfRange(b.phases, lo, hi);
        directions = Arrays.copyOfRange(b.directions, lo, hi);
        headerAnomalies = Arrays.copyOfRange(b.headerAnomalies, lo, hi);
        addresses = b.addresses;
        this.addressTexts = addressTexts;
        this.app = app;
        streamCount = b.streamCount;
        referenceTime = b.referenceTime;
        captureAnomalies = List.of();
    }

    /** Builds the table of {@code capture} in one pass, with the frame, IP and TCP columns only. */
    public static PacketTable build(CaptureFile capture) {
        return build(capture, TableOptions.defaults());
    }

    /** Builds the table of {@code capture} in one pass, running the application dissectors of {@code options}. */
    public static PacketTable build(CaptureFile capture, TableOptions options) {
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(options, "options");
        return TableBuilder.run(capture, options);
    }

    /**
     * Writes the table of {@code capture} as TSV to {@code out} while it is being built (rows are final once
     * the frames after them are analysed), as {@link #writeTsv(OutputStream, List)} would afterwards. Rows are
     * dropped once written, so the heap it needs does not grow with the capture (but for the few values the
     * application dissectors report).
     *
     * @return what was wrong with the capture file itself (its framing), as {@link #captureAnomalies()} says
     */
    public static List<CaptureAnomaly> writeTsv(CaptureFile capture, TableOptions options, OutputStream out,
                                       List<Column> columns) throws IOException {
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(out, "out");
        if (Objects.requireNonNull(columns, "columns").isEmpty()) {
            throw new IllegalArgumentException("columns must not be empty");
        }
        Tsv tsv = new Tsv(null, columns);
        tsv.header(out);
        try (TsvWriter writer = TsvWriter.start(tsv, capture.name())) {
            List<CaptureAnomaly> anomalies = TableBuilder.run(capture, options, writer);
            writer.finish();
            return anomalies;
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The capture's name. */
    public String name() {
        return name;
    }

    /** The number of rows (frames). */
    public int size() {
        return size;
    }

    /** The number of TCP streams ({@code tcp.stream} runs from 0 to this minus one). */
    public int streamCount() {
        return streamCount;
    }

    /** What was wrong with the capture file itself (its framing), as its reader found it. */
    public List<CaptureAnomaly> captureAnomalies() {
        return captureAnomalies;
    }

    private void check(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row must be 0.." + (size - 1) + ": " + row);
        }
    }

    /** {@code frame.number} of {@code row}: row + 1. */
    public long frameNumber(int row) {
        check(row);
        return row + 1L;
    }

    /** Nanoseconds since the epoch, or {@link FrameCursor#NO_TIMESTAMP}. */
    public long timestampNanos(int row) {
        check(row);
        return timestamps[row];
    }

    /** {@code frame.len}, saturated at {@link Integer#MAX_VALUE}. */
    public int frameLength(int row) {
        check(row);
        return frameLengths[row];
    }

    /** Whether {@code column} has a value in {@code row} (tshark prints something). */
    public boolean has(Column column, int row) {
        check(row);
        int p = presence[row];
        return switch (column) {
            case FRAME_NUMBER -> true;
            case FRAME_TIME_RELATIVE -> timestamps[row] != FrameCursor.NO_TIMESTAMP;
            case IP_SRC -> (ipShown[row] & SRC_SHOWN) != 0 || extraShown(row, SRC_SHOWN);
            case IP_DST -> (ipShown[row] & DST_SHOWN) != 0 || extraShown(row, DST_SHOWN);
            case TCP_SRCPORT, TCP_DSTPORT -> (p & HAS_PORTS) != 0;
            case TCP_STREAM -> (p & HAS_STREAM) != 0;
            case TCP_FLAGS -> (p & HAS_FLAGS) != 0;
            case TCP_SEQ -> (p & HAS_SEQ) != 0;
            case TCP_ACK -> (p & HAS_ACK) != 0;
            case TCP_SEQ_RAW -> (p & HAS_SEQ_RAW) != 0;
            case TCP_ACK_RAW -> (p & HAS_ACK_RAW) != 0;
            case TCP_LEN -> (p & HAS_LEN) != 0;
            case TCP_WINDOW_SIZE_VALUE -> (p & HAS_WINDOW) != 0;
            default -> !app.values(row + 1, column.field()).isEmpty();
        };
    }

    private boolean extraShown(int row, byte bit) {
        int[] extra = extraLayers.get(row);
        if (extra == null) {
            return false;
        }
        for (int i = 2; i < extra.length; i += 3) {
            if ((extra[i] & bit) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The value of {@code column} in {@code row} exactly as tshark prints it; empty when it prints nothing. */
    public String text(Column column, int row) {
        check(row);
        if (column.field() != null) {
            return String.join(",", app.values(row + 1, column.field()));
        }
        if (!has(column, row)) {
            return "";
        }
        return switch (column) {
            case FRAME_NUMBER -> Long.toString(row + 1L);
            case FRAME_TIME_RELATIVE -> Tsv.seconds(timestamps[row] - referenceTime);
            case IP_SRC -> addressList(row, true);
            case IP_DST -> addressList(row, false);
            case TCP_SRCPORT -> Integer.toString(srcPorts[row]);
            case TCP_DSTPORT -> Integer.toString(dstPorts[row]);
            case TCP_STREAM -> Integer.toString(streams[row]);
            case TCP_FLAGS -> TcpFlags.hex(flags[row]);
            case TCP_SEQ -> Integer.toUnsignedString(seqs[row]);
            case TCP_ACK -> Integer.toUnsignedString(acks[row]);
            case TCP_SEQ_RAW -> Integer.toUnsignedString(rawSeqs[row]);
            case TCP_ACK_RAW -> Integer.toUnsignedString(rawAcks[row]);
            case TCP_LEN -> Integer.toString(lens[row]);
            case TCP_WINDOW_SIZE_VALUE -> Integer.toString(windows[row]);
            default -> throw new IllegalStateException("unhandled column " + column);
        };
    }

    /** Every shown IPv4 source (or destination) of the row, outermost first, comma-separated (occurrence=a). */
    private String addressList(int row, boolean source) {
        byte bit = source ? SRC_SHOWN : DST_SHOWN;
        StringBuilder s = new StringBuilder();
        if ((ipShown[row] & bit) != 0) {
            s.append(addresses.format(source ? ipSrc[row] : ipDst[row]));
        }
        int[] extra = extraLayers.get(row);
        if (extra != null) {
            for (int i = 0; i < extra.length; i += 3) {
                if ((extra[i + 2] & bit) != 0) {
                    s.append(s.length() > 0 ? "," : "").append(addresses.format(extra[i + (source ? 0 : 1)]));
                }
            }
        }
        return s.toString();
    }

    /** The source address of the first IP header (IPv4 or IPv6), or null when the frame has none. */
    public String sourceAddress(int row) {
        check(row);
        return ipSrc[row] < 0 ? null : addresses.format(ipSrc[row]);
    }

    /** The destination address of the first IP header (IPv4 or IPv6), or null when the frame has none. */
    public String destinationAddress(int row) {
        check(row);
        return ipDst[row] < 0 ? null : addresses.format(ipDst[row]);
    }

    /** {@code tcp.srcport}, -1 when none. */
    public int srcPort(int row) {
        return has(Column.TCP_SRCPORT, row) ? srcPorts[row] : -1;
    }

    /** {@code tcp.dstport}, -1 when none. */
    public int dstPort(int row) {
        return has(Column.TCP_DSTPORT, row) ? dstPorts[row] : -1;
    }

    /** {@code tcp.stream}, -1 when none. */
    public int stream(int row) {
        return has(Column.TCP_STREAM, row) ? streams[row] : -1;
    }

    /** {@code tcp.flags} (see {@link TcpFlags}), -1 when none. */
    public int flags(int row) {
        return has(Column.TCP_FLAGS, row) ? flags[row] : -1;
    }

    /** {@code tcp.seq} (relative), -1 when none. */
    public long seq(int row) {
        return has(Column.TCP_SEQ, row) ? Integer.toUnsignedLong(seqs[row]) : -1;
    }

    /** {@code tcp.ack} (relative when the ACK flag is set), -1 when none. */
    public long ack(int row) {
        return has(Column.TCP_ACK, row) ? Integer.toUnsignedLong(acks[row]) : -1;
    }

    /** {@code tcp.seq_raw}, -1 when none. */
    public long seqRaw(int row) {
        return has(Column.TCP_SEQ_RAW, row) ? Integer.toUnsignedLong(rawSeqs[row]) : -1;
    }

    /** {@code tcp.ack_raw}, -1 when none. */
    public long ackRaw(int row) {
        return has(Column.TCP_ACK_RAW, row) ? Integer.toUnsignedLong(rawAcks[row]) : -1;
    }

    /** {@code tcp.len}, -1 when none. */
    public int len(int row) {
        return has(Column.TCP_LEN, row) ? lens[row] : -1;
    }

    /** {@code tcp.window_size_value}, -1 when none. */
    public int window(int row) {
        return has(Column.TCP_WINDOW_SIZE_VALUE, row) ? windows[row] : -1;
    }

    /** {@code tcp.window_size}: the window scaled once both SYNs agreed on a shift, -1 when none. */
    public int windowScaled(int row) {
        return has(Column.TCP_WINDOW_SIZE_VALUE, row) ? scaledWindows[row] : -1;
    }

    /** The {@link TcpAnalysisFlag}s of the row. */
    public Set<TcpAnalysisFlag> analysis(int row) {
        check(row);
        EnumSet<TcpAnalysisFlag> set = EnumSet.noneOf(TcpAnalysisFlag.class);
        for (TcpAnalysisFlag f : TcpAnalysisFlag.values()) {
            if (f.in(analysis[row])) {
                set.add(f);
            }
        }
        return set;
    }

    /** The {@link TcpAnalysisFlag} bits of the row. */
    public int analysisBits(int row) {
        check(row);
        return analysis[row] & 0xFFFF;
    }

    /** The handshake or close step of the row. */
    public TcpPhase phase(int row) {
        check(row);
        return TcpPhase.of(phases[row]);
    }

    /** 0 when the segment comes from the stream's client, 1 from its server, -1 without a stream. */
    public int direction(int row) {
        check(row);
        return directions[row];
    }

    /** What was wrong with the row's link, IP or TCP header. */
    public Set<HeaderAnomaly> headerAnomalies(int row) {
        check(row);
        EnumSet<HeaderAnomaly> set = EnumSet.noneOf(HeaderAnomaly.class);
        for (HeaderAnomaly a : HeaderAnomaly.values()) {
            if ((headerAnomalies[row] & (1 << a.ordinal())) != 0) {
                set.add(a);
            }
        }
        return set;
    }

    /** The values application dissectors reported for {@code field} in {@code row}, in wire order. */
    public List<String> values(Field field, int row) {
        check(row);
        return app.values(row + 1, field);
    }

    /** The phases (TCP's, then the application's) of the row: e.g. "TCP handshake 1/3", "TLS ClientHello". */
    public List<String> phaseLabels(int row) {
        check(row);
        List<String> out = new ArrayList<>();
        TcpPhase p = phase(row);
        if (p != TcpPhase.NONE) {
            out.add(p.label());
        }
        out.addAll(app.phases(row + 1));
        return out;
    }

    /** Every anomaly of the row: header ones, then those the application dissectors reported. */
    public List<String> anomalies(int row) {
        List<String> out = new ArrayList<>();
        for (HeaderAnomaly a : headerAnomalies(row)) {
            out.add(a.message());
        }
        out.addAll(app.anomalies(row + 1));
        return out;
    }

    /** Writes the rows as tab-separated values with a header line, as tshark -T fields -E header=y does. */
    public void writeTsv(OutputStream out, List<Column> columns) throws IOException {
        Objects.requireNonNull(out, "out");
        if (Objects.requireNonNull(columns, "columns").isEmpty()) {
            throw new IllegalArgumentException("columns must not be empty");
        }
        new Tsv(this, columns).write(out);
    }

    /** Heap bytes held by the table: columns, addresses and the application side structure. */
    public long heapBytes() {
        long perRow = 8 + 4 + 4 + 4 + 1 + 2 + 2 + 4 + 2 + 2 + 4 + 4 + 4 + 4 + 4 + 2 + 4 + 2 + 1 + 1 + 4;
        long arrays = 21 * 16L;
        return perRow * timestamps.length + arrays + addresses.heapBytes() + app.heapBytes()
                + extraLayers.size() * 64L;
    }
}
