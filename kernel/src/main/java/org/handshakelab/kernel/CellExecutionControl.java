package org.handshakelab.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;

import jdk.jshell.execution.DirectExecutionControl;

/**
 * Runs each JShell snippet on its own thread inside the kernel process and keeps the value it
 * returned, so the kernel can hand the real object (not its {@code toString}) to the renderers.
 *
 * <p>{@link #stop()} first interrupts the snippet's thread (which ends a sleep, a blocking read or
 * a capture loop that checks its interrupt flag); a thread still running after a grace period,
 * such as a busy loop, is stopped with {@code Thread.stop}, which Java 17 to 19 still honour.
 */
final class CellExecutionControl extends DirectExecutionControl {

    private static final long GRACE_MILLIS = 400;
    /**
     * The control channel can overtake the shell channel: an interrupt sent right after an execute may
     * arrive before that cell starts. One that arrives this shortly before a cell starts stops it.
     */
    private static final long EARLY_INTERRUPT_NANOS = 500_000_000L;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ThreadGroup cells = new ThreadGroup("lab-cells");
    private final CellLoader loader;

    private volatile Thread running;
    private volatile boolean armed;
    private volatile boolean stopRequested;
    /** When an interrupt came between cells: Jupyter may deliver it before the execute it follows. */
    private volatile boolean idleInterrupt;
    private volatile long idleInterruptNanos;
    private volatile Object lastValue;

    CellExecutionControl(CellLoader loader) {
        super(loader);
        this.loader = loader;
    }

    /**
     * A cell starts: from now until {@link #endCell()} an interrupt counts, even one that arrives
     * while JShell is still compiling and no snippet thread runs yet.
     */
    void beginCell() {
        stopRequested = idleInterrupt && System.nanoTime() - idleInterruptNanos < EARLY_INTERRUPT_NANOS;
        idleInterrupt = false;
        armed = true;
    }

    /** True between {@link #beginCell()} and {@link #endCell()}. */
    boolean armed() {
        return armed;
    }

    /** The cell is over; a late interrupt is ignored. */
    void endCell() {
        armed = false;
        stopRequested = false;
    }

    /** Clears the value before a snippet is evaluated. */
    void reset() {
        lastValue = null;
    }

    /** The object the last invoked snippet returned, or null. */
    Object lastValue() {
        return lastValue;
    }

    /** True when the user interrupted the current cell. */
    boolean wasStopped() {
        return stopRequested;
    }

    /** True when the calling thread is running cell code. */
    boolean isCellThread() {
        return Thread.currentThread() == running;
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(cells, () -> {
            try {
                result[0] = doit.invoke(null);
            } catch (InvocationTargetException e) {
                failure[0] = e;
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "cell-" + THREADS.incrementAndGet());
        thread.setContextClassLoader(loader.classLoader());
        thread.setDaemon(true);
        running = thread;
        try {
            // stop() sets the flag before it reads running; this reads the flag after setting running,
            // so an interrupt is either seen here or delivered to the started thread.
            if (stopRequested) {
                throw new StoppedException();
            }
            thread.start();
            thread.join();
        } finally {
            running = null;
        }
        Throwable f = failure[0];
        if (f instanceof InvocationTargetException ite && ite.getCause() instanceof ThreadDeath || f instanceof ThreadDeath) {
            throw new StoppedException();
        }
        if (f instanceof InvocationTargetException ite) {
            throw ite;
        }
        if (f instanceof Exception e) {
            throw e;
        }
        if (f != null) {
            throw new InvocationTargetException(f);
        }
        lastValue = result[0];
        return valueString(result[0]);
    }

    @Override
    public void stop() {
        if (!armed) {
            idleInterruptNanos = System.nanoTime();
            idleInterrupt = true;
            return;
        }
        stopRequested = true;
        Thread thread = running;
        if (thread == null) {
            return; // still compiling: the next snippet sees the flag and does not run
        }
        thread.interrupt();
        Thread watchdog = new Thread(() -> {
            try {
                thread.join(GRACE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (thread.isAlive()) {
                forceStop(thread);
            }
        }, "cell-stopper");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void forceStop(Thread thread) {
        try {
            thread.stop();
        } catch (UnsupportedOperationException e) {
            System.err.println("This Java (" + Runtime.version() + ") cannot stop a busy loop; "
                    + "restart the kernel, or run the kernel on Java 17.");
        }
    }
}
