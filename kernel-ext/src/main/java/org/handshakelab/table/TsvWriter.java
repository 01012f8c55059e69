package org.handshakelab.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Formats and writes the rows of a streaming build ({@link PacketTable#writeTsv(org.handshakelab.capture.CaptureFile,
 * TableOptions, java.io.OutputStream, java.util.List)}) on its own thread, so that formatting overlaps with the
 * analysis. The build hands over copies of its final rows ({@link TableBuilder#snapshot}); a failed write (a
 * closed pipe, a full disk) stops the build at its next hand-over.
 */
final class TsvWriter implements TableBuilder.RowListener, AutoCloseable {

    /** Row blocks waiting: a few batches' worth, so neither side waits for the other's every step. */
    private static final int QUEUED = 16;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Tsv tsv;
    private final Thread thread;
    private volatile IOException failure;
    private volatile boolean finished;

    private TsvWriter(Tsv tsv, String name) {
        this.tsv = tsv;
        this.thread = new Thread(this::write, "packet-table-tsv " + name);
        thread.setDaemon(true);
    }

    /** A writer whose thread writes through {@code tsv}, whose header is written already. */
    static TsvWriter start(Tsv tsv, String name) {
        TsvWriter w = new TsvWriter(tsv, name);
        w.thread.start();
        return w;
    }

    /** The build's side: hands over a copy of final rows, or reports why the writing stopped. */
    @Override
    public void rows(PacketTable copy, int from, int to) {
        hand(copy);
    }

    /** Waits until every row handed over is written and flushed; throws what went wrong, if anything. */
    void finish() {
        hand(END);
        join();
        finished = true;
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Stops the thread if {@link #finish} was not reached (the build failed). */
    @Override
    public void close() {
        if (!finished) {
            thread.interrupt();
            join();
        }
    }

    private void hand(Object item) {
        try {
            while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                if (failure != null || !thread.isAlive()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("writing the table was interrupted", e);
        }
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }

    private void join() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("writing the table was interrupted", e);
        }
    }

    /** The writer's thread. */
    private void write() {
        try {
            while (true) {
                Object item = queue.take();
                if (item == END) {
                    tsv.flush();
                    return;
                }
                PacketTable rows = (PacketTable) item;
                tsv.rows(rows, rows.base, rows.size);
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            // the build failed and closed the writer: nothing more to write
        }
    }
}
