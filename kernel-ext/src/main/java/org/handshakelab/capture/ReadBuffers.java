package org.handshakelab.capture;

import java.nio.ByteBuffer;

/**
 * Where a reading cursor ({@link CaptureFile#cursor(ReadBuffers)}) gets the buffers it reads the file into,
 * window after window. A cursor asks for the next buffer only when a record does not fit in the current one,
 * and from then on never touches the previous buffer again: the owner decides when a buffer can be filled
 * anew (e.g. once every frame read from it has been dissected on another thread).
 */
@FunctionalInterface
public interface ReadBuffers {

    /**
     * A buffer of at least {@code minCapacity} bytes for the cursor's next window; the cursor clears it and
     * fills it from the file, so its contents and position do not matter.
     */
    ByteBuffer take(int minCapacity);
}
