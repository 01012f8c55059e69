package org.handshakelab.table;

import java.io.PrintStream;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.handshakelab.capture.CaptureFile;

/**
 * {@code ./lab bench FILE}: how fast the packet table is built in-process (frame walk, header
 * dissection, TCP analysis with stream index and relative numbers, columns) from a capture already in this
 * process's memory: the file is {@linkplain CaptureFile#load() loaded} first (its
 * load time is printed), so the measured builds read memory and pay no page faults or copies, unlike a
 * one-shot {@code ./lab table}, which reads the file once. A warm-up lets the JIT compile the loop; a full GC
 * runs before each measured build. Also prints how much heap the table keeps per packet.
 */
final class Bench {

    private static final long WARM_UP_NANOS = 3_000_000_000L;
    private static final int MIN_WARM_UP_BUILDS = 3;
    private static final int MAX_WARM_UP_BUILDS = 20;

    private Bench() {
    }

    /**
     * Measures the builds of the capture at {@code file}: loaded into memory (the figure), then, for comparison,
     * reading the file into buffers in each build as a one-shot {@code ./lab table} does.
     */
    static void run(Path file, int runs, PrintStream out) {
        CaptureFile capture = CaptureFile.open(file);
        out.printf(Locale.ROOT, "capture: %s (%,d bytes)%n", capture.name(), capture.size());
        long loadStart = System.nanoTime();
        boolean loaded = capture.load();
        if (loaded) {
            out.printf(Locale.ROOT, "loaded into memory (its mapping's pages touched once) in %.2f s%n",
                    (System.nanoTime() - loadStart) / 1e9);
        } else {
            out.println("larger than one mapping window: every build reads it from the file");
        }
        long start = System.nanoTime();
        int warmUps = 0;
        PacketTable table = null;
        while (warmUps < MIN_WARM_UP_BUILDS
                || (System.nanoTime() - start < WARM_UP_NANOS && warmUps < MAX_WARM_UP_BUILDS)) {
            table = PacketTable.build(capture);
            warmUps++;
        }
        out.printf(Locale.ROOT, "frames: %,d   tcp streams: %,d   warm-up: %d builds in %.1f s%n", table.size(),
                table.streamCount(), warmUps, (System.nanoTime() - start) / 1e9);
        table = null;
        measure(capture, runs, true, "two threads", out);
        measure(capture, runs, false, "one thread ", out);
        if (loaded) {
            // the same file opened again, not loaded: each build reads it from the page cache into buffers
            measure(CaptureFile.open(file), runs, true, "two threads, reading the file in each build", out);
        }
        Runtime rt = Runtime.getRuntime();
        settle();
        long before = rt.totalMemory() - rt.freeMemory();
        PacketTable kept = PacketTable.build(capture);
        settle();
        long after = rt.totalMemory() - rt.freeMemory();
        out.printf(Locale.ROOT, "heap: %.1f bytes/packet retained by the table (measured after GC), "
                        + "%.1f bytes/packet by its own count%n",
                (after - before) / (double) kept.size(), kept.heapBytes() / (double) kept.size());
        Reference.reachabilityFence(kept);
    }

    /** Builds {@code runs} times and prints the median and best rates. */
    private static void measure(CaptureFile capture, int runs, boolean pipelined, String what, PrintStream out) {
        double[] rates = new double[runs];
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            // the previous build's table is garbage now: collect it outside the timed build, so that each
            // run measures one build and not a share of the one before (as a single ./lab table run would)
            settle();
            long t0 = System.nanoTime();
            PacketTable t = TableBuilder.run(capture, TableOptions.defaults(), pipelined);
            long t1 = System.nanoTime();
            seconds[i] = (t1 - t0) / 1e9;
            rates[i] = t.size() / seconds[i];
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double median = sorted[runs / 2];
        out.printf(Locale.ROOT, "build, %s: %.3f s median, %.2f M packets/s median, %.2f M packets/s best (%d runs)%n",
                what, seconds[indexOf(rates, median)], median / 1e6,
                sorted[runs - 1] / 1e6, runs);
    }

    private static int indexOf(double[] values, double v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        return 0;
    }

    private static void settle() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
