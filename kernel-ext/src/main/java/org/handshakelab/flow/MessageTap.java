package org.handshakelab.flow;

/**
 * Sees every message a factory's dissectors report (see {@link StreamDissectorFactory#tapped}), besides the
 * table's fields: what the notebooks and the detail views read the records from.
 */
@FunctionalInterface
public interface MessageTap {

    /**
     * One dissected message.
     *
     * @param stream    the TCP stream ({@code tcp.stream})
     * @param frame     the frame that completed it (1-based)
     * @param direction 0 from the client, 1 from the server
     * @param message   the record ({@code dissect.tls}, {@code dissect.ssh}, {@code dissect.http})
     */
    void message(int stream, int frame, int direction, Object message);
}
