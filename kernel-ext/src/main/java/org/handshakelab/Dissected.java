package org.handshakelab;

import java.util.Objects;

/**
 * One message an application dissector found (a record of {@code dissect.http}, {@code dissect.tls} or
 * {@code dissect.ssh}), with the frame that completed it and who sent it.
 *
 * @param frame     the frame number ({@code frame.number}) on which the message is complete
 * @param stream    the TCP stream ({@code tcp.stream})
 * @param direction 0 from the client (the side that sent the SYN), 1 from the server
 * @param message   the dissected record, e.g. a {@code ClientHello} or a {@code KexInit}
 */
public record Dissected(int frame, int stream, int direction, Object message) {

    /** Checks the components. */
    public Dissected {
        if (frame < 1) {
            throw new IllegalArgumentException("frame must be >= 1: " + frame);
        }
        if (direction != 0 && direction != 1) {
            throw new IllegalArgumentException("direction must be 0 or 1: " + direction);
        }
        Objects.requireNonNull(message, "message");
    }

    /** Whether the client sent it. */
    public boolean fromClient() {
        return direction == 0;
    }

    /** "client" or "server". */
    public String sender() {
        return direction == 0 ? "client" : "server";
    }

    /** The record's simple type name, e.g. {@code ClientHello}. */
    public String kind() {
        return message.getClass().getSimpleName();
    }
}
