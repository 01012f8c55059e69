package org.handshakelab.table;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.FrameCursor;
import org.handshakelab.dissect.FrameHeaders;
import org.handshakelab.flow.TcpAnalyzer;

/**
 * The table build on two cores: a reader thread walks the capture, dissects the headers and fills the
 * header columns; the calling thread runs the TCP analysis, which must see the frames in order, and
 * fills the analysis columns. They hand over batches of frames through two small queues, so each thread
 * writes only its own columns and the reader's cache misses on the file overlap with the analysis.
 * Used when no application dissector needs the payload (they run with the analysis, on one thread).
 */
final class PipelinedBuild {

    /** Below this the second thread does not pay for itself. */
    static final long MIN_FILE_SIZE = 4L << 20;
    private static final int BATCH = 4096;
    private static final int BATCHES = 4;

    /** One batch of frames: what the analysis needs from each frame's headers. */
    private static final class Batch {
        final int[] src = new int[BATCH];
        final int[] dst = new int[BATCH];
        final int[] ports = new int[BATCH];
        final int[] seq = new int[BATCH];
        final int[] ack = new int[BATCH];
        final int[] flagsAndWindow = new int[BATCH];
        final int[] headerLength = new int[BATCH];
        final int[] seglen = new int[BATCH];
        final byte[] bits = new byte[BATCH];
        final byte[] shift = new byte[BATCH];
        final long[] ts = new long[BATCH];
        int count;
        long firstFrame;
        boolean last;
        FrameCursor cursor;
        Throwable failure;
    }

    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
    private volatile boolean cancelled;

    private PipelinedBuild() {
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch());
        }
    }

    static void fill(TableBuilder b, CaptureFile capture) {
        new PipelinedBuild().run(b, capture);
    }

    private void run(TableBuilder b, CaptureFile capture) {
        Thread reader = new Thread(() -> read(b, capture), "packet-table-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            analyse(b);
        } finally {
            cancelled = true;
            free.clear();
        }
    }

    /** The reading thread: cursor, header dissection, header columns, batches. */
    private void read(TableBuilder b, CaptureFile capture) {
        Batch batch = null;
        try {
            FrameCursor cursor = capture.cursor();
            FrameHeaders h = FrameHeaders.create();
            boolean first = true;
            batch = take(free);
            while (cursor.next()) {
                long ts = cursor.timestampNanos();
                if (first) {
                    b.referenceTime = TableBuilder.reference(ts);
                    first = false;
                }
                h.dissect(cursor);
                int row = (int) (cursor.frameNumber() - 1);
                b.headerColumns(row, h, ts, cursor.originalLength());
                if (batch.count == 0) {
                    batch.firstFrame = cursor.frameNumber();
                }
                record(batch, batch.count++, h, b, ts);
                if (batch.count == BATCH) {
                    put(batch);
                    batch = take(free);
                }
            }
            batch.last = true;
            batch.cursor = cursor;
            put(batch);
        } catch (Throwable e) {
            if (batch == null) {
                batch = new Batch();
            }
            batch.failure = e;
            batch.last = true;
            full.offer(batch);
        }
    }

    private static void record(Batch batch, int i, FrameHeaders h, TableBuilder b, long ts) {
        int level = h.tcpLevel();
        if (level == FrameHeaders.TCP_NONE) {
            batch.bits[i] = 0;
            return;
        }
        batch.bits[i] = (byte) (TcpAnalyzer.IN_PORTS | (level == FrameHeaders.TCP_HEADER ? TcpAnalyzer.IN_HEADER : 0)
                | (h.seqShownEarly() ? TcpAnalyzer.IN_SEQ_EARLY : 0)
                | (h.headerComplete() ? TcpAnalyzer.IN_COMPLETE : 0));
        batch.ports[i] = h.srcPort() << 16 | h.dstPort();
        batch.seq[i] = h.seq();
        if (level == FrameHeaders.TCP_HEADER) {
            batch.src[i] = h.netVersion() == 4 ? b.addresses.ipv4(h.netSrc4())
                    : b.addresses.ipv6(h.netSrc6(0), h.netSrc6(1));
            batch.dst[i] = h.netVersion() == 4 ? b.addresses.ipv4(h.netDst4())
                    : b.addresses.ipv6(h.netDst6(0), h.netDst6(1));
            batch.ack[i] = h.ack();
            batch.flagsAndWindow[i] = h.flags() << 16 | h.window();
            batch.headerLength[i] = h.headerLength();
            batch.seglen[i] = h.segmentLength();
            batch.shift[i] = (byte) h.options().windowScale();
            batch.ts[i] = ts == FrameCursor.NO_TIMESTAMP ? 0 : ts;
        }
    }

    /** The calling thread: TCP analysis in frame order, analysis columns. */
    private void analyse(TableBuilder b) {
        TcpAnalyzer tcp = TcpAnalyzer.create(b.addresses, b.app, java.util.List.of());
        long last = 0;
        while (true) {
            Batch batch = take(full);
            if (batch.failure != null) {
                rethrow(batch.failure);
            }
            for (int i = 0; i < batch.count; i++) {
                long frame = batch.firstFrame + i;
                int bits = batch.bits[i];
                if (bits == 0) {
                    tcp.analyzeSegment(-1, -1, 0, 0, 0, 0, 0, 0, 0, -1, 0, -1, frame, 0);
                    b.analysisColumns((int) (frame - 1), tcp);
                    continue;
                }
                int fw = batch.flagsAndWindow[i];
                int ports = batch.ports[i];
                tcp.analyzeSegment(batch.src[i], batch.dst[i], ports >>> 16, ports & 0xFFFF, batch.seq[i],
                        batch.ack[i], fw >>> 16, fw & 0xFFFF, batch.headerLength[i], batch.seglen[i], bits,
                        batch.shift[i], frame, batch.ts[i]);
                b.analysisColumns((int) (frame - 1), tcp);
            }
            if (batch.count > 0) {
                last = batch.firstFrame + batch.count - 1;
            }
            b.size += batch.count;
            if (batch.last) {
                b.finish(tcp, last, batch.cursor);
                return;
            }
            batch.count = 0;
            free.offer(batch);
        }
    }

    private <T> T take(BlockingQueue<T> queue) {
        try {
            while (true) {
                T t = queue.poll(100, TimeUnit.MILLISECONDS);
                if (t != null) {
                    return t;
                }
                if (cancelled) {
                    throw new IllegalStateException("table build cancelled");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
            throw new IllegalStateException("table build interrupted", e);
        }
    }

    private void put(Batch batch) throws InterruptedException {
        while (!full.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            if (cancelled) {
                throw new InterruptedException("table build cancelled");
            }
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("reading the capture failed: " + t, t);
    }
}
