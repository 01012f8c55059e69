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
        // a guess from the file size (frames of a few hundred bytes) saves the first doublings
        long guess = capture.size() / 512;
        TableBuilder b = new TableBuilder(capture.name(), (int) Math.max(INITIAL_ROWS, Math.min(guess, 1 << 20)));
        b.fill(capture, options);
        return new PacketTable(b);
    }

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
                // Wireshark's frame.time_relative counts from frame 1, or from 0 when frame 1 has no time
                referenceTime = ts == FrameCursor.NO_TIMESTAMP ? 0 : ts;
                first = false;
            }
            h.dissect(cursor);
            tcp.process(h, frame, ts == FrameCursor.NO_TIMESTAMP ? 0 : ts);
            add(h, tcp, ts, cursor.originalLength());
            last = frame;
        }
        tcp.finish(last);
        streamCount = tcp.streamCount();
        captureAnomalies.addAll(cursor.anomalies());
        app.seal();
        trim();
    }

    private void add(FrameHeaders h, TcpAnalyzer tcp, long ts, long originalLength) {
        int row = size;
        if (row == timestamps.length) {
            grow(row * 2);
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
            ipShown[row] = 0;
        }
        int p = tcp.presence();
        presence[row] = (short) p;
        if (p != 0) {
            srcPorts[row] = (char) h.srcPort();
            dstPorts[row] = (char) h.dstPort();
            streams[row] = tcp.stream();
            flags[row] = (short) h.flags();
            seqs[row] = tcp.seq();
            acks[row] = tcp.ack();
            rawSeqs[row] = h.seq();
            rawAcks[row] = h.ack();
            lens[row] = tcp.len();
            windows[row] = (char) h.window();
            scaledWindows[row] = tcp.scaledWindow();
            analysis[row] = (short) tcp.analysisFlags();
            phases[row] = (byte) tcp.phase().ordinal();
        }
        directions[row] = (byte) tcp.direction();
        headerAnomalies[row] = (int) h.anomalyBits();
        size++;
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
        streams = new int[n];
        presence = new short[n];
        flags = new short[n];
        seqs = new int[n];
        acks = new int[n];
        rawSeqs = new int[n];
        rawAcks = new int[n];
        lens = new int[n];
        windows = new char[n];
        scaledWindows = new int[n];
        analysis = new short[n];
        phases = new byte[n];
        directions = new byte[n];
        headerAnomalies = new int[n];
    }

    private void grow(int n) {
        timestamps = Arrays.copyOf(timestamps, n);
        frameLengths = Arrays.copyOf(frameLengths, n);
        ipSrc = Arrays.copyOf(ipSrc, n);
        ipDst = Arrays.copyOf(ipDst, n);
        ipShown = Arrays.copyOf(ipShown, n);
        srcPorts = Arrays.copyOf(srcPorts, n);
        dstPorts = Arrays.copyOf(dstPorts, n);
        streams = Arrays.copyOf(streams, n);
        presence = Arrays.copyOf(presence, n);
        flags = Arrays.copyOf(flags, n);
        seqs = Arrays.copyOf(seqs, n);
        acks = Arrays.copyOf(acks, n);
        rawSeqs = Arrays.copyOf(rawSeqs, n);
        rawAcks = Arrays.copyOf(rawAcks, n);
        lens = Arrays.copyOf(lens, n);
        windows = Arrays.copyOf(windows, n);
        scaledWindows = Arrays.copyOf(scaledWindows, n);
        analysis = Arrays.copyOf(analysis, n);
        phases = Arrays.copyOf(phases, n);
        directions = Arrays.copyOf(directions, n);
        headerAnomalies = Arrays.copyOf(headerAnomalies, n);
    }

    private void trim() {
        if (timestamps.length != size) {
            grow(size);
        }
    }
}
