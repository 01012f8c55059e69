package org.handshakelab.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    final String name;
    final AddressTable addresses = AddressTable.create();
    final AppFields app = new AppFields();
    final Map<Integer, int[]> extraLayers = new HashMap<>();
    final List<CaptureAnomaly> captureAnomalies = new ArrayList<>();
    int size;
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

    static PacketTable run(CaptureFile capture, TableOptions options) {
        boolean pipelined = options.dissectors().isEmpty() && capture.size() >= PipelinedBuild.MIN_FILE_SIZE
                && Runtime.getRuntime().availableProcessors() >= 2 && !SINGLE_THREADED;
        return run(capture, options, pipelined);
    }

    /** Builds on two threads ({@link PipelinedBuild}, no application dissectors) or on the calling one. */
    static PacketTable run(CaptureFile capture, TableOptions options, boolean pipelined) {
        // a guess from the file size (frames of a few hundred bytes) saves the first doublings
        long guess = capture.size() / 512;
        TableBuilder b = new TableBuilder(capture.name(), (int) Math.max(INITIAL_ROWS, Math.min(guess, 1 << 20)));
        if (pipelined) {
            if (!options.dissectors().isEmpty()) {
                throw new IllegalArgumentException("a pipelined build runs no application dissectors: "
                        + options.dissectors().size() + " given");
            }
            PipelinedBuild.fill(b, capture);
        } else {
            b.fill(capture, options);
        }
        return new PacketTable(b);
    }

    /** {@code -Dhandshakelab.table.singleThreaded=true} builds on the calling thread only (for comparisons). */
    static final boolean SINGLE_THREADED = Boolean.getBoolean("handshakelab.table.singleThreaded");

    private void fill(CaptureFile capture, TableOptions options) {
        FrameCursor cursor = capture.cursor();
        FrameHeaders h = FrameHeaders.create();
        TcpAnalyzer tcp = TcpAnalyzer.create(addresses, app, options.dissectors());
        boolean first = true;
        long last = 0;
        while (cursor.next()) {
            long frame = cursor.frameNumber();
            long ts = cursor.timestampNanos();
            if (first) {
                referenceTime = reference(ts);
                first = false;
            }
            h.dissect(cursor);
            tcp.process(h, frame, ts == FrameCursor.NO_TIMESTAMP ? 0 : ts);
            int row = size;
            headerColumns(row, h, ts, cursor.originalLength());
            analysisColumns(row, tcp);
            size++;
            last = frame;
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
        app.seal();
        trim();
    }

    /** The columns read from the frame's headers (written by the reading thread in a pipelined build). */
    void headerColumns(int row, FrameHeaders h, long ts, long originalLength) {
        if (row == timestamps.length) {
            growHeader(row * 2);
        }
        timestamps[row] = ts;
        frameLengths[row] = (int) Math.min(originalLength, Integer.MAX_VALUE);
        int layers = h.ipLayers();
        if (layers > 0) {
            ipSrc[row] = address(h, 0, true);
            ipDst[row] = address(h, 0, false);
            ipShown[row] = shown(h, 0);
            if (layers > 1) {
                int[] extra = new int[3 * (layers - 1)];
                for (int l = 1; l < layers; l++) {
                    extra[3 * (l - 1)] = address(h, l, true);
                    extra[3 * (l - 1) + 1] = address(h, l, false);
                    extra[3 * (l - 1) + 2] = shown(h, l);
                }
                extraLayers.put(row, extra);
            }
        } else {
            ipSrc[row] = PacketTable.NO_ADDRESS;
            ipDst[row] = PacketTable.NO_ADDRESS;
        }
        if (h.tcpLevel() != FrameHeaders.TCP_NONE) {
            srcPorts[row] = (char) h.srcPort();
            dstPorts[row] = (char) h.dstPort();
            if (h.tcpLevel() == FrameHeaders.TCP_HEADER || h.seqShownEarly()) {
                rawSeqs[row] = h.seq();
            }
            if (h.tcpLevel() == FrameHeaders.TCP_HEADER) {
                flags[row] = (short) h.flags();
                rawAcks[row] = h.ack();
                windows[row] = (char) h.window();
            }
        }
        headerAnomalies[row] = (int) h.anomalyBits();
    }

    /** The columns of the TCP analysis (written by the analysing thread in a pipelined build). */
    void analysisColumns(int row, TcpAnalyzer tcp) {
        if (row == presence.length) {
            growAnalysis(row * 2);
        }
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

    private int address(FrameHeaders h, int layer, boolean source) {
        if (h.ipVersion(layer) == 4) {
            return addresses.ipv4(source ? h.ip4Src(layer) : h.ip4Dst(layer));
        }
        return source ? addresses.ipv6(h.ip6Src(layer, 0), h.ip6Src(layer, 1))
                : addresses.ipv6(h.ip6Dst(layer, 0), h.ip6Dst(layer, 1));
    }

    private static byte shown(FrameHeaders h, int layer) {
        return (byte) ((h.ipSrcShown(layer) ? PacketTable.SRC_SHOWN : 0) | (h.ipDstShown(layer) ? PacketTable.DST_SHOWN : 0));
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

    private void growHeader(int n) {
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
    }

    private void growAnalysis(int n) {
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

    private void trim() {
        if (timestamps.length != size) {
            growHeader(size);
        }
        if (presence.length != size) {
            growAnalysis(size);
        }
    }
}
