package org.handshakelab;

import java.util.List;
import java.util.Objects;

/**
 * One flight of a handshake: the messages one side sends before it waits for the other (RFC 8446 §2 draws
 * TLS this way), with the frames that carried them.
 *
 * @param number   1 for the first flight
 * @param from     "client" or "server"
 * @param frames   the frame numbers, in order
 * @param messages the handshake steps, in wire order, e.g. "TLS ServerHello"
 */
public record Flight(int number, String from, List<Integer> frames, List<String> messages) {

    /** Copies the lists. */
    public Flight {
        if (number < 1) {
            throw new IllegalArgumentException("number must be >= 1: " + number);
        }
        Objects.requireNonNull(from, "from");
        frames = List.copyOf(frames);
        messages = List.copyOf(messages);
    }
}
