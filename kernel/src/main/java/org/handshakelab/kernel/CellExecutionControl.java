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
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ThreadGroup cells = new ThreadGroup("lab-cells");
    private final CellLoader loader;

    private volatile Thread running;
    private volatile boolean stopRequested;
    private volatile Object lastValue;

    CellExecutionControl(CellLoader loader) {
        super(loader);
        this.loader = loader;
    }

    /** Clears the value and stop flag before a snippet is evaluated. */
    void reset() {
        lastValue = null;
        stopRequested = false;
    }

    /** The object the last invoked snippet returned, or null. */
    Object lastValue() {
        return lastValue;
    }

    /** True when the last snippet ended because the user interrupted it. */
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
        Thread thread = running;
        if (thread == null) {
            return;
        }
        stopRequested = true;
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
