package org.handshakelab.capture;

import java.util.Objects;

/**
 * A problem found in a capture file after its header: bad bytes are data, not exceptions.
 *
 * @param frameNumber the 1-based number of the frame it concerns, or {@link #NO_FRAME}
 * @param offset      the byte offset in the file where the problem is
 * @param message     what is wrong, one line
 */
public record CaptureAnomaly(long frameNumber, long offset, String message) {

    /** Frame number of an anomaly that belongs to no frame (a damaged block, the end of the file). */
    public static final long NO_FRAME = -1;

    /** Checks the components. */
    public CaptureAnomaly {
        Objects.requireNonNull(message, "message");
        if (frameNumber < 1 && frameNumber != NO_FRAME) {
            throw new IllegalArgumentException("frameNumber must be >= 1 or -1: " + frameNumber);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
    }

    @Override
    public String toString() {
        return (frameNumber == NO_FRAME ? "" : "frame " + frameNumber + ", ") + "offset " + offset + ": " + message;
    }
}
