package org.handshakelab.table;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.DecryptionSecret;
import org.handshakelab.capture.FrameCursor;
import org.handshakelab.dissect.FrameHeaders;
import org.handshakelab.flow.TcpAnalyzer;

/**
 * The table build on two cores: a reader thread walks the capture and dissects the headers into
 * {@link FrameBatch}es; the calling thread consumes them in order (columns and TCP analysis, which must
 * see the frames in order), exactly as a one-thread build does. The reader's cache misses on the file
 * overlap with the analysis. Application dissectors read each payload where the reader found it, in the
 * capture's mapping.
 */
final class PipelinedBuild {

    /** Below this the second thread does not pay for itself. */
    static final long MIN_FILE_SIZE = 4L << 20;
    private static final int BATCHES = 4;

    private final BlockingQueue<FrameBatch> free = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<FrameBatch> full = new ArrayBlockingQueue<>(BATCHES);
    private volatile boolean cancelled;
    /** The reader's view of the file, when it is mapped whole; the pre-faulting thread walks it. */
    private volatile java.nio.ByteBuffer mapped;

    private PipelinedBuild() {
        for (int i = 0; i < BATCHES; i++) {
            free.add(new FrameBatch());
        }
    }

    static void fill(TableBuilder b, CaptureFile capture, TableOptions options) {
        new PipelinedBuild().run(b, capture, options);
    }

    private void run(TableBuilder b, CaptureFile capture, TableOptions options) {
        boolean payloads = !options.dissectors().isEmpty();
        Thread reader = new Thread(() -> read(b, capture, payloads), "packet-table-reader");
        reader.setDaemon(true);
        reader.start();
        Thread faulter = new Thread(() -> prefault(capture.size()), "packet-table-prefault");
        faulter.setDaemon(true);
        faulter.setPriority(Thread.MIN_PRIORITY);
        faulter.start();
        try {
            consume(b, options);
        } finally {
            cancelled = true;
            free.clear();
        }
    }

    /** The reading thread: cursor and header dissection into batches. */
    private void read(TableBuilder b, CaptureFile capture, boolean payloads) {
        FrameBatch batch = null;
        try {
            FrameCursor cursor = capture.cursor();
            FrameHeaders h = FrameHeaders.create();
            int secretsSeen = 0;
            batch = take(free);
            while (cursor.next()) {
                if (cursor.frameNumber() == 1) {
                    mapped = cursor.buffer();
                }
                touchNext(cursor);
                long ts = cursor.timestampNanos();
                if (cursor.frameNumber() == 1) {
                    b.referenceTime = TableBuilder.reference(ts);
                }
                h.dissect(cursor);
                if (batch.count == 0) {
                    batch.firstFrame = cursor.frameNumber();
                }
                batch.add(h, ts, cursor.originalLength());
                batch.payloads = payloads;
                if (payloads) {
                    batch.payload(h);
                }
                if (batch.count == FrameBatch.SIZE) {
                    secretsSeen = handOverSecrets(cursor, batch, secretsSeen);
                    put(batch);
                    batch = take(free);
                }
            }
            batch.last = true;
            batch.cursor = cursor;
            handOverSecrets(cursor, batch, secretsSeen);
            put(batch);
        } catch (Throwable e) {
            if (batch == null) {
                batch = new FrameBatch();
            }
            batch.failure = e;
            batch.last = true;
            full.offer(batch);
        }
    }

    /** Gives the batch a copy of the secrets read so far if there are new ones; returns how many there are. */
    private static int handOverSecrets(FrameCursor cursor, FrameBatch batch, int seen) {
        List<DecryptionSecret> now = cursor.secrets();
        batch.secrets = now.size() == seen ? null : List.copyOf(now);
        return now.size();
    }

    private int touched;
    private long faulted;

    /**
     * Touches one byte per page of the mapped file, ahead of the reader: on a fresh mapping every page
     * faults once (about 0.6 s per GiB here), and two threads take those faults about twice as fast as one.
     * Pages already mapped (a second build of the same capture) cost a few nanoseconds each.
     */
    private void prefault(long fileSize) {
        for (int waited = 0; mapped == null && !cancelled && waited < 200; waited++) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
        java.nio.ByteBuffer b = mapped;
        if (b == null || b.capacity() < fileSize) {
            return; // not mapped whole (a file beyond 2 GiB is read in windows): nothing to do ahead
        }
        long sum = 0;
        for (int p = 0; p < b.limit() && !cancelled; p += 4096) {
            sum += b.get(p);
        }
        faulted = sum;
    }

    /**
     * Reads a byte where the next record probably starts (a pcapng block without options right after this
     * frame's data), so that its cache miss overlaps with this frame's dissection instead of stalling the
     * cursor later: the walk through a large file is bound by memory latency, not by work.
     */
    private void touchNext(FrameCursor cursor) {
        java.nio.ByteBuffer b = cursor.buffer();
        int next = cursor.dataPosition() + ((cursor.capturedLength() + 3) & ~3) + 4;
        if (next >= 0 && next + 96 < b.limit()) {
            touched += b.get(next) + b.get(next + 64);
        }
    }

    /** The calling thread: columns and TCP analysis, batch after batch. */
    private void consume(TableBuilder b, TableOptions options) {
        // The stream dissectors get the Decryption Secrets Blocks read up to the batch being consumed, as
        // the one-thread build gives them those read up to the frame (Wireshark: those before the frame).
        List<List<DecryptionSecret>> secretsSoFar = new ArrayList<>(List.of(List.of()));
        TcpAnalyzer tcp = TcpAnalyzer.create(b.addresses, b.app, options.dissectorsFor(() -> secretsSoFar.get(0)));
        long last = 0;
        while (true) {
            FrameBatch batch = take(full);
            if (batch.failure != null) {
                rethrow(batch.failure);
            }
            if (batch.secrets != null) {
                secretsSoFar.set(0, batch.secrets);
            }
            b.consume(batch, tcp);
            if (batch.count > 0) {
                last = batch.firstFrame + batch.count - 1;
            }
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

    private void put(FrameBatch batch) throws InterruptedException {
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
