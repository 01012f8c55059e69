package org.handshakelab.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.handshakelab.LabException;
import org.handshakelab.capture.CaptureAnomaly;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.FrameCursor;
import org.handshakelab.dissect.FrameHeaders;
import org.handshakelab.flow.AddressTable;
import org.handshakelab.flow.TcpAnalyzer;

/**
 * The one pass that fills a {@link PacketTable}: cursor, header dissection, TCP analysis, columns. The
 * loop allocates nothing per frame but the occasional doubling of the column arrays, which are trimmed
 * to size at the end.
 */
final class TableBuilder {

    private static final int INITIAL_ROWS = 1024;
    /** Rows a streaming build holds at first: the rows not yet told are fewer than two batches. */
    private static final int STREAMED_ROWS = 4 * FrameBatch.SIZE;
    /** Java arrays stop a little below 2^31 elements. */
    static final int MAX_ROWS = Integer.MAX_VALUE - 16;

    final String name;
    final AddressTable addresses = AddressTable.create();
    final AppFields app = new AppFields();
    final Map<Integer, int[]> extraLayers = new HashMap<>();
    final List<CaptureAnomaly> captureAnomalies = new ArrayList<>();
    int size;
    /** The row at index 0 of the arrays: rows before it were handed to the listener and dropped (streaming). */
    int base;
    int streamCount;
    long referenceTime;
    long[] timestamps;
    int[] frameLengths;
    int[] ipSrc;
    int[] ipDst;
    byte[] ipShown;
    char[] srcPorts;
    char[] dstPorts;
    int[] streams;
    short[] presence;
    short[] flags;
    int[] seqs;
    int[] acks;
    int[] rawSeqs;
    int[] rawAcks;
    int[] lens;
    char[] windows;
    int[] scaledWindows;
    short[] analysis;
    byte[] phases;
    byte[] directions;
    int[] headerAnomalies;

    private TableBuilder(String name, int capacity) {
        this.name = name;
        allocate(capacity);
    }

    /** Told about rows that are final, while the table is being built (on the building thread). */
    interface RowListener {
        /** Rows {@code from} to {@code to}, in a copy of their own ({@link PacketTable#base} is {@code from}). */
        void rows(PacketTable rows, int from, int to);
    }

    private RowListener listener;
    private int announced;

    /**
     * Builds, telling {@code listener} about final rows as they become final, and keeping only the rows it
     * has not been told about yet; returns what was wrong with the file's framing.
     */
    static List<CaptureAnomaly> run(CaptureFile capture, TableOptions options, RowListener listener) {
        return run(capture, options, pipelined(capture), Objects.requireNonNull(listener, "listener"))
                .captureAnomalies();
    }

    static PacketTable run(CaptureFile capture, TableOptions options) {
        return run(capture, options, pipelined(capture));
    }

    private static boolean pipelined(CaptureFile capture) {
        return capture.size() >= PipelinedBuild.MIN_FILE_SIZE && Runtime.getRuntime().availableProcessors() >= 2
                && !SINGLE_THREADED;
    }

    /** Builds on two threads with read buffers of {@code chunkSize} bytes, at most {@code chunks} (for tests). */
    static PacketTable runPipelined(CaptureFile capture, TableOptions options, int chunkSize, int chunks) {
        TableBuilder b = new TableBuilder(capture.name(), INITIAL_ROWS);
        PipelinedBuild.fill(b, capture, options, chunkSize, chunks);
        return new PacketTable(b);
    }

    /** Builds on two threads ({@link PipelinedBuild}) or on the calling one. */
    static PacketTable run(CaptureFile capture, TableOptions options, boolean pipelined) {
        return run(capture, options, pipelined, null);
    }

    private static PacketTable run(CaptureFile capture, TableOptions options, boolean pipelined,
                                   RowListener listener) {
        // a guess from the file size (frames of a few hundred bytes) saves the first doublings; streamed rows
        // are dropped once told (a few batches at most)
        long guess = listener != null ? STREAMED_ROWS : capture.size() / 512;
        TableBuilder b = new TableBuilder(capture.name(), (int) Math.max(INITIAL_ROWS, Math.min(guess, 1 << 20)));
        b.listener = listener;
        if (pipelined) {
            PipelinedBuild.fill(b, capture, options);
        } else {
            b.fill(capture, options);
        }
        return new PacketTable(b);
    }

    /** {@code -Dhandshakelab.table.singleThreaded=true} builds on the calling thread only (for comparisons). */
    static final boolean SINGLE_THREADED = Boolean.getBoolean("handshakelab.table.singleThreaded");

    /** One thread: dissect a batch of frames, then consume it. */
    private void fill(CaptureFile capture, TableOptions options) {
        FrameCursor cursor = capture.cursor();
        FrameHeaders h = FrameHeaders.create();
        TcpAnalyzer tcp = TcpAnalyzer.create(addresses, app, options.dissectorsFor(cursor::secrets));
        boolean feed = !options.dissectors().isEmpty();
        FrameBatch batch = new FrameBatch();
        batch.payloads = feed;
        long last = 0;
        while (cursor.next()) {
            long ts = cursor.timestampNanos();
            if (cursor.frameNumber() == 1) {
                referenceTime = reference(ts);
            }
            h.dissect(cursor);
            if (batch.count == 0) {
                batch.firstFrame = cursor.frameNumber();
            }
            batch.add(h, ts, cursor.originalLength());
            if (feed) {
                batch.payload(h);
            }
            if (batch.count == FrameBatch.SIZE) {
                consume(batch, tcp);
                batch.count = 0;
            }
            last = cursor.frameNumber();
        }
        if (batch.count > 0) {
            consume(batch, tcp);
        }
        finish(tcp, last, cursor);
    }

    /** Wireshark's frame.time_relative counts from frame 1, or from 0 when frame 1 has no time. */
    static long reference(long firstTimestamp) {
        return firstTimestamp == FrameCursor.NO_TIMESTAMP ? 0 : firstTimestamp;
    }

    void finish(TcpAnalyzer tcp, long lastFrame, FrameCursor cursor) {
        tcp.finish(lastFrame);
        streamCount = tcp.streamCount();
        captureAnomalies.addAll(cursor.anomalies());
        announce(size);
        app.seal();
        trim();
    }

    /**
     * Tells the listener about rows up to {@code to}: the application fields of a row are final once a
     * later frame is analysed (dissectors report on the frame being processed), and the last row's at
     * the end, when open streams are ended.
     */
    private void announce(int to) {
        if (listener != null && to > announced) {
            listener.rows(snapshot(announced, to), announced, to);
            announced = to;
            drop(to);
        }
    }

    /** The text of each address id told rows use, made here so that the listener's thread needs no table. */
    private String[] addressTexts = new String[16];

    /**
     * A copy of rows {@code from} to {@code to} that the listener may read on another thread, with their
     * application fields (taken out of {@link #app}) and the text of their addresses.
     */
    private PacketTable snapshot(int from, int to) {
        for (int row = from; row < to; row++) {
            text(ipSrc[row - base]);
            text(ipDst[row - base]);
        }
        for (Map.Entry<Integer, int[]> e : extraLayers.entrySet()) {
            if (e.getKey() >= from && e.getKey() < to) {
                int[] layers = e.getValue();
                for (int i = 0; i < layers.length; i += 3) {
                    text(layers[i]);
                    text(layers[i + 1]);
                }
            }
        }
        return new PacketTable(this, from, to, app.cut(to), addressTexts);
    }

    private void text(int id) {
        if (id < 0) {
            return;
        }
        if (id >= addressTexts.length) {
            addressTexts = Arrays.copyOf(addressTexts, Math.max(id + 1, addressTexts.length * 2));
        }
        if (addressTexts[id] == null) {
            addressTexts[id] = addresses.format(id);
        }
    }

    /**
     * Drops the rows before {@code to} (told to the listener), moving the rest to the start of the arrays and
     * zeroing the slots after them: a row leaves the columns it has no value for as they are.
     */
    private void drop(int to) {
        int keep = size - to;
        int from = to - base;
        int held = size - base;
        for (Object column : new Object[] {timestamps, frameLengths, ipSrc, ipDst, ipShown, srcPorts, dstPorts,
                flags, rawSeqs, rawAcks, windows, headerAnomalies, presence, streams, seqs, acks, lens,
                scaledWindows, analysis, phases, directions}) {
            System.arraycopy(column, from, column, 0, keep);
            if (column instanceof long[] a) {
                Arrays.fill(a, keep, held, 0L);
            } else if (column instanceof int[] a) {
                Arrays.fill(a, keep, held, 0);
            } else if (column instanceof short[] a) {
                Arrays.fill(a, keep, held, (short) 0);
            } else if (column instanceof char[] a) {
                Arrays.fill(a, keep, held, (char) 0);
            } else {
                Arrays.fill((byte[]) column, keep, held, (byte) 0);
            }
        }
        base = to;
        if (!extraLayers.isEmpty()) {
            extraLayers.keySet().removeIf(row -> row < to);
        }
    }

    /**
     * The columns and the TCP analysis of a batch's frames, in frame order, and their payloads to the
     * application dissectors when the batch carries them.
     */
    void consume(FrameBatch batch, TcpAnalyzer tcp) {
        int n = batch.count;
        if ((long) size + n > MAX_ROWS) {
            throw LabException.of(name, "more than " + MAX_ROWS + " frames, too many for one table",
                    "split the capture, e.g. editcap -c 100000000 " + name + " part.pcapng");
        }
        int held = size - base;
        if (held + n > timestamps.length) {
            grow((int) Math.min(MAX_ROWS, Math.max(timestamps.length * 2L, held + n)));
        }
        for (int i = 0; i < n; i++) {
            int row = held + i;
            long frame = size + i + 1L;
            long ts = batch.ts[i];
            timestamps[row] = ts;
            frameLengths[row] = batch.wire[i];
            headerAnomalies[row] = batch.anomalies[i];
            int ip = batch.ip[i];
            int src = PacketTable.NO_ADDRESS;
            int dst = PacketTable.NO_ADDRESS;
            if ((ip & 0xF) != 0) {
                if ((ip & 0xF) == 4) {
                    src = addresses.ipv4(batch.src4[i]);
                    dst = addresses.ipv4(batch.dst4[i]);
                } else {
                    src = addresses.ipv6(batch.srcHi[i], batch.srcLo[i]);
                    dst = addresses.ipv6(batch.dstHi[i], batch.dstLo[i]);
                }
                ipShown[row] = (byte) (((ip & FrameBatch.SRC_SHOWN) != 0 ? PacketTable.SRC_SHOWN : 0)
                        | ((ip & FrameBatch.DST_SHOWN) != 0 ? PacketTable.DST_SHOWN : 0));
            }
            ipSrc[row] = src;
            ipDst[row] = dst;
            long[] extra = (ip & (FrameBatch.MORE | FrameBatch.NET_ELSEWHERE)) != 0 ? batch.extra[i] : null;
            if ((ip & FrameBatch.MORE) != 0) {
                extraLayers.put(size + i, layers(extra));
            }
            int meta = batch.meta[i];
            int bits = (meta >>> 8) & 0xFF;
            int ports = batch.ports[i];
            int fw = batch.flagsWindow[i];
            if (meta != 0) {
                srcPorts[row] = (char) (ports >>> 16);
                dstPorts[row] = (char) ports;
                if ((bits & (TcpAnalyzer.IN_HEADER | TcpAnalyzer.IN_SEQ_EARLY)) != 0) {
                    rawSeqs[row] = batch.seq[i];
                }
                if ((bits & TcpAnalyzer.IN_HEADER) != 0) {
                    flags[row] = (short) (fw >>> 16);
                    rawAcks[row] = batch.ack[i];
                    windows[row] = (char) fw;
                    if ((ip & FrameBatch.NET_ELSEWHERE) != 0) {
                        src = address((int) extra[0], extra[1], extra[2]);
                        dst = address((int) extra[0], extra[3], extra[4]);
                    }
                }
            }
            tcp.analyzeSegment(src, dst, ports >>> 16, ports & 0xFFFF, batch.seq[i], batch.ack[i], fw >>> 16,
                    fw & 0xFFFF, meta >>> 16, batch.seglen[i], bits, (meta & 0xFF) - 1, frame,
                    ts == FrameCursor.NO_TIMESTAMP ? 0 : ts);
            if (batch.payloads && batch.payloadBuffer[i] != null) {
                tcp.feed(frame, batch.payloadBuffer[i], batch.payloadOffset[i], batch.payloadCaptured[i], fw >>> 16,
                        batch.seq[i], batch.seglen[i], (bits & TcpAnalyzer.IN_COMPLETE) != 0, meta >>> 16);
            }
            analysisColumns(row, tcp);
        }
        size += n;
        if (size - 1 - announced >= ANNOUNCE_AT_LEAST) {
            announce(size - 1);
        }
    }

    /**
     * Rows handed to the listener at a time: a frame-by-frame build (application dissectors) would
     * otherwise make a table view per frame.
     */
    private static final int ANNOUNCE_AT_LEAST = 1024;

    private int address(int version, long hi, long lo) {
        return version == 4 ? addresses.ipv4((int) lo) : addresses.ipv6(hi, lo);
    }

    /** The further IP headers of a frame as the table keeps them: (src id, dst id, shown bits) each. */
    private int[] layers(long[] extra) {
        int count = extra.length / 5 - 1;
        int[] out = new int[3 * count];
        for (int l = 0; l < count; l++) {
            int k = 5 * (l + 1);
            int version = (int) extra[k] & 0xF;
            out[3 * l] = address(version, extra[k + 1], extra[k + 2]);
            out[3 * l + 1] = address(version, extra[k + 3], extra[k + 4]);
            out[3 * l + 2] = ((extra[k] & FrameBatch.SRC_SHOWN) != 0 ? PacketTable.SRC_SHOWN : 0)
                    | ((extra[k] & FrameBatch.DST_SHOWN) != 0 ? PacketTable.DST_SHOWN : 0);
        }
        return out;
    }

    /** The columns of the TCP analysis. */
    private void analysisColumns(int row, TcpAnalyzer tcp) {
        int p = tcp.presence();
        presence[row] = (short) p;
        if (p != 0) {
            streams[row] = tcp.stream();
            seqs[row] = tcp.seq();
            acks[row] = tcp.ack();
            lens[row] = tcp.len();
            scaledWindows[row] = tcp.scaledWindow();
            analysis[row] = (short) tcp.analysisFlags();
            phases[row] = (byte) tcp.phase().ordinal();
        }
        directions[row] = (byte) tcp.direction();
    }

    private void allocate(int n) {
        timestamps = new long[n];
        frameLengths = new int[n];
        ipSrc = new int[n];
        ipDst = new int[n];
        ipShown = new byte[n];
        srcPorts = new char[n];
        dstPorts = new char[n];
        flags = new short[n];
        rawSeqs = new int[n];
        rawAcks = new int[n];
        windows = new char[n];
        headerAnomalies = new int[n];
        presence = new short[n];
        streams = new int[n];
        seqs = new int[n];
        acks = new int[n];
        lens = new int[n];
        scaledWindows = new int[n];
        analysis = new short[n];
        phases = new byte[n];
        directions = new byte[n];
    }

    private void grow(int n) {
        timestamps = Arrays.copyOf(timestamps, n);
        frameLengths = Arrays.copyOf(frameLengths, n);
        ipSrc = Arrays.copyOf(ipSrc, n);
        ipDst = Arrays.copyOf(ipDst, n);
        ipShown = Arrays.copyOf(ipShown, n);
        srcPorts = Arrays.copyOf(srcPorts, n);
        dstPorts = Arrays.copyOf(dstPorts, n);
        flags = Arrays.copyOf(flags, n);
        rawSeqs = Arrays.copyOf(rawSeqs, n);
        rawAcks = Arrays.copyOf(rawAcks, n);
        windows = Arrays.copyOf(windows, n);
        headerAnomalies = Arrays.copyOf(headerAnomalies, n);
        presence = Arrays.copyOf(presence, n);
        streams = Arrays.copyOf(streams, n);
        seqs = Arrays.copyOf(seqs, n);
        acks = Arrays.copyOf(acks, n);
        lens = Arrays.copyOf(lens, n);
        scaledWindows = Arrays.copyOf(scaledWindows, n);
        analysis = Arrays.copyOf(analysis, n);
        phases = Arrays.copyOf(phases, n);
        directions = Arrays.copyOf(directions, n);
    }

    /** Gives back spare rows when they are more than a quarter: copying 70 bytes a row costs more than keeping a few. */
    private void trim() {
        int held = size - base;
        if (timestamps.length > held + held / 4 + INITIAL_ROWS) {
            grow(held);
        }
    }
}
