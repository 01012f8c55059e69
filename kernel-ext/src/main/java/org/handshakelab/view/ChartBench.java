package org.handshakelab.view;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.CaptureWriter;
import org.handshakelab.capture.LinkType;
import org.handshakelab.table.PacketTable;

/**
 * {@code ./lab bench-chart [FILE] [--packets N] [--png OUT]}: how long the time–sequence chart of one connection takes to
 * build and draw as PNG. Without FILE it writes a synthetic capture of one bulk-transfer connection of N
 * packets (default 1,000,000: data segments, an ACK for every second one, a loss and retransmission every
 * 50,000), so the chart covers a million packets; with FILE it charts the file's largest stream. Prints the
 * best and median of 5 runs after a warm-up; the table build is not timed.
 */
public final class ChartBench {

    private ChartBench() {
    }

    /** Entry point. */
    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path file = null;
        int packets = 1_000_000;
        Path png = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--packets") && i + 1 < args.length) {
                packets = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--png") && i + 1 < args.length) {
                png = Path.of(args[++i]);
            } else {
                file = Path.of(args[i]);
            }
        }
        run(file, packets, png, System.out);
    }

    static void run(Path file, int packets, Path png, PrintStream out) throws IOException {
        Path synthetic = null;
        try {
            if (file == null) {
                synthetic = Files.createTempFile("chart-bench", ".pcapng");
                writeBulkTransfer(synthetic, packets);
                file = synthetic;
            }
            CaptureFile capture = CaptureFile.open(file);
            long b = System.nanoTime();
            PacketTable table = PacketTable.build(capture);
            out.printf(Locale.ROOT, "capture: %s: %,d frames, %,d streams (table built in %.2f s, not timed below)%n",
                    capture.name(), table.size(), table.streamCount(), (System.nanoTime() - b) / 1e9);
            int stream = largestStream(table);
            long[] times = new long[5];
            TimeSequenceChart chart = null;
            for (int warm = 0; warm < 3; warm++) {
                TimeSequenceChart.of(table, stream).png();
            }
            for (int i = 0; i < times.length; i++) {
                long s = System.nanoTime();
                chart = TimeSequenceChart.of(table, stream);
                byte[] bytes = chart.png();
                times[i] = System.nanoTime() - s;
                if (bytes.length < 100) {
                    throw new IllegalStateException("PNG too small: " + bytes.length);
                }
            }
            Arrays.sort(times);
            if (png != null) {
                Files.write(png, chart.png());
            }
            long points = chart.chart().getSeriesMap().values().stream().mapToLong(v -> v.getXData().length).sum();
            out.printf(Locale.ROOT, "stream %d: %,d packets -> %,d points drawn%s%n", stream, chart.packets(), points,
                    chart.thinned() ? " (thinned)" : "");
            out.printf(Locale.ROOT, "time-sequence chart (build + PNG): best %.3f s, median %.3f s of %d runs%n",
                    times[0] / 1e9, times[times.length / 2] / 1e9, times.length);
        } finally {
            if (synthetic != null) {
                Files.deleteIfExists(synthetic);
            }
        }
    }

    private static int largestStream(PacketTable table) {
        int[] counts = new int[Math.max(1, table.streamCount())];
        for (int r = 0; r < table.size(); r++) {
            if (table.stream(r) >= 0) {
                counts[table.stream(r)]++;
            }
        }
        int best = 0;
        for (int s = 1; s < counts.length; s++) {
            if (counts[s] > counts[best]) {
                best = s;
            }
        }
        return best;
    }

    /**
     * One connection 10.0.0.1:40000 → 10.0.0.2:80 of {@code packets} frames (headers only, the payload not
     * captured: the IP total length still gives each segment its length).
     */
    static void writeBulkTransfer(Path path, int packets) {
        final int mss = 1448;
        long ts = 1_700_000_000_000_000_000L;
        long clientSeq = 1000;
        long serverSeq = 5000;
        long acked = clientSeq + 1;
        try (CaptureWriter w = CaptureWriter.create(path)) {
            w.write(ts, LinkType.ETHERNET.code(), 54, frame(true, clientSeq, 0, 0x002, 0));
            w.write(ts += 50_000, LinkType.ETHERNET.code(), 54, frame(false, serverSeq, clientSeq + 1, 0x012, 0));
            clientSeq++;
            serverSeq++;
            w.write(ts += 50_000, LinkType.ETHERNET.code(), 54, frame(true, clientSeq, serverSeq, 0x010, 0));
            int written = 3;
            int sinceAck = 0;
            while (written < packets - 3) {
                boolean lose = written % 50_000 == 0;
                long seq = clientSeq;
                if (!lose) {
                    w.write(ts += 2_000, LinkType.ETHERNET.code(), 54 + mss, frame(true, seq, serverSeq, 0x018, mss));
                    written++;
                } else {
                    // lost: the retransmission follows a little later
                    w.write(ts += 200_000, LinkType.ETHERNET.code(), 54 + mss, frame(true, seq, serverSeq, 0x018, mss));
                    written++;
                }
                clientSeq += mss;
                if (++sinceAck == 2 && written < packets - 3) {
                    acked = clientSeq;
                    w.write(ts += 1_000, LinkType.ETHERNET.code(), 54, frame(false, serverSeq, acked, 0x010, 0));
                    written++;
                    sinceAck = 0;
                }
            }
            w.write(ts += 50_000, LinkType.ETHERNET.code(), 54, frame(true, clientSeq, serverSeq, 0x011, 0));
            w.write(ts += 50_000, LinkType.ETHERNET.code(), 54, frame(false, serverSeq, clientSeq + 1, 0x011, 0));
            w.write(ts + 50_000, LinkType.ETHERNET.code(), 54, frame(true, clientSeq + 1, serverSeq + 1, 0x010, 0));
        }
    }

    /** Ethernet + IPv4 + a 20-byte TCP header; {@code payload} bytes are counted in IP but not captured. */
    private static byte[] frame(boolean fromClient, long seq, long ack, int flags, int payload) {
        byte[] f = new byte[54];
        f[12] = 0x08;
        f[14] = 0x45;
        int total = 40 + payload;
        f[16] = (byte) (total >> 8);
        f[17] = (byte) total;
        f[22] = 64;
        f[23] = 6;
        byte[] client = {10, 0, 0, 1};
        byte[] server = {10, 0, 0, 2};
        System.arraycopy(fromClient ? client : server, 0, f, 26, 4);
        System.arraycopy(fromClient ? server : client, 0, f, 30, 4);
        int sport = fromClient ? 40000 : 80;
        int dport = fromClient ? 80 : 40000;
        f[34] = (byte) (sport >> 8);
        f[35] = (byte) sport;
        f[36] = (byte) (dport >> 8);
        f[37] = (byte) dport;
        put32(f, 38, seq);
        put32(f, 42, ack);
        f[46] = 0x50;
        f[47] = (byte) flags;
        f[48] = (byte) 0xff;
        f[49] = (byte) 0xff;
        return f;
    }

    private static void put32(byte[] b, int at, long v) {
        b[at] = (byte) (v >> 24);
        b[at + 1] = (byte) (v >> 16);
        b[at + 2] = (byte) (v >> 8);
        b[at + 3] = (byte) v;
    }
}
