package org.handshakelab.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.handshakelab.LabException;

/**
 * A live capture with libpcap (through pcap4j), written as it runs to a pcapng file that {@link CaptureFile}
 * reads: what you capture here is exactly what the file reader gives back.
 *
 * <pre>{@code
 * try (LiveCapture live = LiveCapture.start(LiveOptions.builder().filter("tcp port " + port).build())) {
 *     ... run traffic on 127.0.0.1 ...
 *     live.awaitQuiet(Duration.ofMillis(200), Duration.ofSeconds(5));
 *     CaptureFile capture = live.stop();
 * }
 * }</pre>
 *
 * <p>{@link #start} opens the capture before it returns, so traffic sent afterwards is captured. The packets
 * are read on a background thread and written with libpcap's timestamps (nanoseconds where the platform has
 * them, else microseconds), original lengths and the handle's link type (Ethernet on Linux {@code lo}). The
 * capture ends at a packet or time limit, on {@link #stop()}, or when the thread waiting in {@link #await()} or
 * {@link #capture} is interrupted (a notebook cell's stop button): it notices at once, collects what libpcap
 * still holds for a few tens of milliseconds and returns what it captured, leaving the interrupt flag set.
 *
 * <p>Without the capture privilege, without libpcap, with a bad interface or filter: {@link LabException} with
 * a one-line message saying what to do. {@link #available()} asks first, without throwing.
 */
public final class LiveCapture implements AutoCloseable {

    /** How a capture ended (or that it has not yet). */
    public enum Ending {
        /** Still capturing. */
        RUNNING,
        /** The packet limit was reached. */
        PACKET_LIMIT,
        /** The time limit passed. */
        TIME_LIMIT,
        /** {@link #stop()} or {@link #close()} was called. */
        STOPPED,
        /** The thread waiting for the capture was interrupted. */
        INTERRUPTED,
        /** libpcap reported an error, or the frame listener threw; {@link #stop()} rethrows it. */
        FAILED
    }

    // after a stop: keep reading until libpcap has been quiet this long (covers its buffer timeout) ...
    private static final long DRAIN_QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(3L * LiveHandle.BUFFER_TIMEOUT_MILLIS);
    // ... but no longer than this, on a busy interface
    private static final long DRAIN_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long JOIN_LIMIT_SECONDS = 5;

    private final LiveOptions options;
    private final LiveHandle handle;
    private final CaptureWriter writer;
    private final Path path;
    private final Consumer<? super Frame> listener;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final long startNanos = System.nanoTime();
    private final Thread worker;
    private volatile Ending ending = Ending.RUNNING;
    private volatile Ending stopRequest;
    private volatile long packets;
    private volatile long lastPacketNanos = startNanos;
    private volatile RuntimeException failure;
    private CaptureFile result;

    private LiveCapture(LiveOptions options, LiveHandle handle, CaptureWriter writer, Path path,
                        Consumer<? super Frame> listener) {
        this.options = options;
        this.handle = handle;
        this.writer = writer;
        this.path = path;
        this.listener = listener;
        this.worker = new Thread(this::run, "live-capture-" + options.interfaceName());
        worker.setDaemon(true);
    }

    /** Whether live capture on {@code lo} works here; when not, the reason says what to do. Never throws. */
    public static LiveAvailability available() {
        return available(LiveOptions.defaults());
    }

    /** Whether a capture with these options' interface (and fallback name, for the message) can be opened. */
    public static LiveAvailability available(LiveOptions options) {
        Objects.requireNonNull(options, "options");
        String problem = LiveLibrary.problem();
        if (problem != null) {
            return LiveAvailability.no(LiveLibrary.libraryMessage(problem, options.fallback()), "");
        }
        String version = "";
        try {
            version = LiveHandle.libraryVersion();
            LiveOptions probe = options.toBuilder().filter("").snaplen(64).build();
            try (LiveHandle h = LiveHandle.open(probe)) {
                return LiveAvailability.yes(version);
            }
        } catch (LabException e) {
            return LiveAvailability.no(e.getMessage(), version);
        } catch (RuntimeException | LinkageError e) {
            return LiveAvailability.no(LiveLibrary.libraryMessage(String.valueOf(e), options.fallback()), version);
        }
    }

    /** Starts capturing; returns once the capture is open, so traffic sent after this is captured. */
    public static LiveCapture start(LiveOptions options) {
        return start(options, null);
    }

    /**
     * Starts capturing and hands each frame, as written, to {@code listener} (on the capture thread; keep it
     * short). A listener that throws ends the capture.
     */
    public static LiveCapture start(LiveOptions options, Consumer<? super Frame> listener) {
        Objects.requireNonNull(options, "options");
        LiveHandle handle = LiveHandle.open(options);
        LiveCapture live;
        try {
            Path path = options.outputPath().orElseGet(LiveCapture::temporaryFile);
            WriteOptions write = WriteOptions.builder(CaptureFormat.PCAPNG).snaplen(handle.snaplen())
                    .nanoseconds(handle.nanoseconds()).build();
            live = new LiveCapture(options, handle, CaptureWriter.create(path, write), path, listener);
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
        live.worker.start();
        return live;
    }

    /** Captures until a limit ends it or the calling thread is interrupted; returns the written capture. */
    public static CaptureFile capture(LiveOptions options) {
        return start(options).await();
    }

    private static Path temporaryFile() {
        try {
            Path file = Files.createTempFile("handshakelab-live-", ".pcapng");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new LabException("live capture: cannot create a temporary file: " + e + "; set "
                    + "LiveOptions.output(...) to a writable path", e);
        }
    }

    private void run() {
        try (LiveHandle h = handle; CaptureWriter w = writer) {
            ending = loop(h, w);
        } catch (RuntimeException e) {
            failure = e;
            ending = Ending.FAILED;
        } finally {
            finished.countDown();
        }
    }

    private Ending loop(LiveHandle h, CaptureWriter w) {
        long deadline = startNanos + options.timeLimit().toNanos();
        boolean timed = !options.timeLimit().isZero();
        long drainStart = 0;
        long count = 0;
        while (true) {
            long now = System.nanoTime();
            if (Thread.interrupted()) {
                requestStop(Ending.STOPPED);
            }
            if (stopRequest == null && timed && now - deadline >= 0) {
                requestStop(Ending.TIME_LIMIT);
            }
            if (stopRequest != null) {
                if (drainStart == 0) {
                    drainStart = now;
                }
                long quietSince = Math.max(drainStart, lastPacketNanos);
                if (now - quietSince >= DRAIN_QUIET_NANOS || now - drainStart >= DRAIN_MAX_NANOS) {
                    return stopRequest;
                }
            }
            byte[] data = h.next();
            if (data == null) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
                continue;
            }
            count++;
            w.write(h.timestampNanos(), h.linkType(), h.originalLength(), data);
            if (listener != null) {
                listener.accept(new Frame(count, -1, h.timestampNanos(), 1, 0, h.linkType(), h.originalLength(),
                        data));
            }
            packets = count;
            lastPacketNanos = System.nanoTime();
            if (options.packetLimit() > 0 && count >= options.packetLimit()) {
                return Ending.PACKET_LIMIT;
            }
        }
    }

    private void requestStop(Ending why) {
        if (stopRequest == null) {
            stopRequest = why;
        }
    }

    /**
     * Waits until a packet or time limit ends the capture and returns it. If the calling thread is interrupted,
     * stops the capture, returns what was captured and leaves the interrupt flag set.
     */
    public CaptureFile await() {
        try {
            finished.await();
        } catch (InterruptedException e) {
            requestStop(Ending.INTERRUPTED);
            Thread.currentThread().interrupt();
        }
        return finish();
    }

    /**
     * Waits until no packet has arrived for {@code quiet} (or the capture ended), at most {@code timeout}:
     * true when it got quiet, false on timeout or when the calling thread was interrupted (flag left set).
     */
    public boolean awaitQuiet(Duration quiet, Duration timeout) {
        Objects.requireNonNull(quiet, "quiet");
        Objects.requireNonNull(timeout, "timeout");
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long now = System.nanoTime();
            if (finished.getCount() == 0 || now - lastPacketNanos >= quiet.toNanos()) {
                return true;
            }
            if (now - end >= 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Stops the capture (collecting what libpcap still holds), closes the file and opens it for reading. Calling
     * it again returns the same capture.
     *
     * @throws LabException when libpcap failed during the capture (the file keeps the packets read before)
     */
    public CaptureFile stop() {
        requestStop(Ending.STOPPED);
        return finish();
    }

    private synchronized CaptureFile finish() {
        if (result != null) {
            return result;
        }
        // file channels are interruptible: with the flag set, opening the file would fail, so the interrupt
        // waits until the capture is in hand
        boolean interrupted = Thread.interrupted();
        try {
            awaitWorker();
            interrupted |= Thread.interrupted();
            if (failure != null) {
                throw failure instanceof LabException l ? l
                        : new LabException("live capture: failed: " + failure + "; capture again", failure);
            }
            result = CaptureFile.open(path);
            return result;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // bounded: the loop notices a stop within one read (non-blocking) and drains for at most DRAIN_MAX_NANOS
    private void awaitWorker() {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    if (!finished.await(JOIN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                        throw new LabException("live capture on " + options.interfaceName() + ": the capture thread "
                                + "did not stop within " + JOIN_LIMIT_SECONDS + " s; restart the kernel");
                    }
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                    requestStop(Ending.INTERRUPTED);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the capture if it still runs; the file stays. */
    @Override
    public void close() {
        requestStop(Ending.STOPPED);
        awaitWorker();
    }

    /** Whether the capture is still running. */
    public boolean running() {
        return finished.getCount() > 0;
    }

    /** How the capture ended, or {@link Ending#RUNNING}. */
    public Ending ending() {
        return ending;
    }

    /** The number of packets captured so far. */
    public long packets() {
        return packets;
    }

    /** The pcapng file the packets are written to. */
    public Path path() {
        return path;
    }

    /** The options of this capture. */
    public LiveOptions options() {
        return options;
    }

    /** The link type of the frames (1, Ethernet, on Linux {@code lo}). */
    public int linkType() {
        return handle.linkType();
    }

    /** Whether the timestamps have nanosecond precision (else microseconds). */
    public boolean nanoseconds() {
        return handle.nanoseconds();
    }

    @Override
    public String toString() {
        return "LiveCapture[" + options.interfaceName() + (options.filter().isEmpty() ? "" : ", \""
                + options.filter() + "\"") + ", " + packets + " packets, " + ending + ", " + path + "]";
    }
}
