package org.handshakelab.table;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.DecryptionSecret;
import org.handshakelab.capture.FrameCursor;
import org.handshakelab.capture.ReadBuffers;
import org.handshakelab.dissect.FrameHeaders;
import org.handshakelab.flow.TcpAnalyzer;

/**
 * The table build on two cores: a reader thread reads the capture and dissects the headers into
 * {@link FrameBatch}es; the calling thread consumes them in order (columns and TCP analysis, which must
 * see the frames in order), exactly as a one-thread build does. Application dissectors read each payload
 * where the reader found it.
 *
 * <p>The reader reads the file into buffers rather than walking its memory mapping: copying a page from
 * the page cache costs less than faulting it into a mapping, and a buffer used again stays in the cache,
 * where the walk through a mapping stalls on every frame. With application dissectors, which read the
 * payloads after the reader has moved on, the buffers come from a pool, and a buffer goes back to the pool
 * once every batch with frames in it has been consumed; without, the reader fills one buffer again and again.
 *
 * <p>Many batches are in flight: a batch written on one core and read on the other costs the writer a
 * cache miss per line when it fills the batch again while the reader's cache still holds it.
 *
 * <p>A capture {@linkplain CaptureFile#load() loaded} into memory is walked through its mapping instead: no
 * copy, no page faults, and the payloads stay where they are.
 */
final class PipelinedBuild {

    /** Below this the second thread does not pay for itself. */
    static final long MIN_FILE_SIZE = 4L << 20;
    /** Enough that a batch is out of the consumer's cache when the reader fills it again (see above). */
    private static final int BATCHES = 32;
    /**
     * With application dissectors the consumer is the slower side and the reader mostly waits; fewer batches
     * in flight hold fewer read buffers.
     */
    private static final int BATCHES_WITH_PAYLOADS = 8;
    /** Read buffers: small enough to stay in the cache between the read and the dissection. */
    static final int CHUNK = 1 << 20;
    /** More than the batches in flight span (1024 frames of a typical capture are well under 1 MiB). */
    private static final int CHUNKS = 32;
    /**
     * How long a thread of a build without application dissectors polls for its next batch before it sleeps.
     * Waking a sleeping thread costs the waker a futex call and the other core an interrupt, about 25 µs a
     * batch on this project's 2-core VM: a third of the build's time went there. The two threads have a core
     * each, so polling takes nobody's time; with application dissectors a third thread (the TSV writer) may
     * need the core, so those builds sleep at once.
     */
    private static final long SPIN_NANOS = 1_000_000;

    private final BlockingQueue<FrameBatch> free = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<FrameBatch> full = new ArrayBlockingQueue<>(BATCHES);
    private final boolean payloads;
    private volatile boolean cancelled;

    /** Read buffers not in use; made when needed, up to {@link #CHUNKS}. */
    private final BlockingQueue<ByteBuffer> freeChunks;
    private int chunksMade;
    /** Read buffers in use, oldest first, with the window number the reader's cursor gave each. */
    private final Queue<Held> held = new ConcurrentLinkedQueue<>();
    private long chunksTaken;
    /** The batch the reader is filling. */
    private FrameBatch batch;
    private FrameCursor cursor;
    private int secretsSeen;

    private record Held(long window, ByteBuffer buffer) {
    }

    private final int chunkSize;
    private final int chunks;

    private PipelinedBuild(boolean payloads, int chunkSize, int chunks) {
        if (chunkSize < 1 || chunks < 2) {
            throw new IllegalArgumentException("chunkSize must be >= 1 and chunks >= 2: " + chunkSize + ", " + chunks);
        }
        this.chunkSize = chunkSize;
        this.chunks = chunks;
        this.freeChunks = new ArrayBlockingQueue<>(chunks);
        this.payloads = payloads;
        for (int i = 0; i < (payloads ? BATCHES_WITH_PAYLOADS : BATCHES); i++) {
            free.add(new FrameBatch());
        }
    }

    static void fill(TableBuilder b, CaptureFile capture, TableOptions options) {
        fill(b, capture, options, CHUNK, CHUNKS);
    }

    /** With read buffers of {@code chunkSize} bytes, at most {@code chunks} of them (tests use tiny ones). */
    static void fill(TableBuilder b, CaptureFile capture, TableOptions options, int chunkSize, int chunks) {
        boolean payloads = !options.dissectors().isEmpty();
        new PipelinedBuild(payloads, chunkSize, chunks).run(b, capture, options);
    }

    private void run(TableBuilder b, CaptureFile capture, TableOptions options) {
        Thread reader = new Thread(() -> read(b, capture), "packet-table-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            consume(b, options);
        } finally {
            cancelled = true;
            free.clear();
        }
    }

    /** The reading thread: cursor and header dissection into batches. */
    private void read(TableBuilder b, CaptureFile capture) {
        try {
            batch = take(free);
            cursor = capture.cursor(payloads ? this::chunk : reuse());
            FrameHeaders h = FrameHeaders.create();
            while (cursor.next()) {
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
                    handOver();
                }
            }
            batch.last = true;
            batch.cursor = cursor;
            handOver();
        } catch (Throwable e) {
            if (batch == null) {
                batch = new FrameBatch();
            }
            batch.failure = e;
            batch.last = true;
            full.offer(batch);
        } finally {
            if (cursor != null) {
                cursor.close();
            }
        }
    }

    /** Hands the batch being filled to the consumer and takes a free one (unless it was the last). */
    private void handOver() throws InterruptedException {
        List<DecryptionSecret> now = cursor.secrets();
        // a copy only when there are new ones: the reader's list is not shared across threads
        batch.secrets = now.size() == secretsSeen ? null : List.copyOf(now);
        secretsSeen = now.size();
        batch.window = cursor.windowNumber();
        FrameBatch given = batch;
        batch = null;
        put(given);
        batch = given.last ? null : take(free);
    }

    /**
     * The reader's cursor wants its next buffer. When none is free, the frames read so far go to the consumer
     * first: the buffers they hold come back only once they are consumed.
     */
    private ByteBuffer chunk(int minCapacity) {
        ByteBuffer buffer;
        if (minCapacity > chunkSize) {
            buffer = ByteBuffer.allocate(minCapacity); // a block over a chunk (1 MiB): rare, and not pooled
        } else {
            buffer = freeChunks.poll();
            if (buffer == null && chunksMade < chunks) {
                chunksMade++;
                buffer = ByteBuffer.allocate(chunkSize);
            }
            if (buffer == null) {
                try {
                    if (batch != null && batch.count > 0) {
                        handOver();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("table build cancelled", e);
                }
                buffer = take(freeChunks);
            }
        }
        held.add(new Held(++chunksTaken, buffer));
        return buffer;
    }

    /**
     * Without application dissectors a batch keeps no bytes of the file, so the reader can fill one buffer
     * again and again, which stays in its cache.
     */
    private ReadBuffers reuse() {
        ByteBuffer one = ByteBuffer.allocateDirect(chunkSize);
        return minCapacity -> minCapacity > chunkSize ? ByteBuffer.allocate(minCapacity) : one;
    }

    /** After {@code batch} is consumed: frames still to come are in its last window or later ones. */
    private void release(FrameBatch consumed) {
        for (Held h = held.peek(); h != null && h.window() < consumed.window; h = held.peek()) {
            held.poll();
            if (h.buffer().capacity() == chunkSize) {
                freeChunks.offer(h.buffer());
            }
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
            FrameBatch next = take(full);
            if (next.failure != null) {
                rethrow(next.failure);
            }
            if (next.secrets != null) {
                secretsSoFar.set(0, next.secrets);
            }
            b.consume(next, tcp);
            release(next);
            if (next.count > 0) {
                last = next.firstFrame + next.count - 1;
            }
            if (next.last) {
                b.finish(tcp, last, next.cursor);
                return;
            }
            next.count = 0;
            free.offer(next);
        }
    }

    private <T> T take(BlockingQueue<T> queue) {
        T first = payloads ? queue.poll() : spinPoll(queue);
        if (first != null) {
            return first;
        }
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

    /** The queue's head, polled for up to {@link #SPIN_NANOS}; null if nothing came. */
    private static <T> T spinPoll(BlockingQueue<T> queue) {
        long deadline = 0;
        for (int i = 0; ; i++) {
            T t = queue.poll();
            if (t != null) {
                return t;
            }
            if ((i & 63) == 0) {
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + SPIN_NANOS;
                } else if (now - deadline > 0) {
                    return null;
                }
            }
            Thread.onSpinWait();
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
