package org.handshakelab.dissect;

import java.nio.ByteBuffer;

/**
 * Dissects one application protocol from the two byte streams of a TCP connection.
 *
 * <p>The flow stage feeds each direction's payload in sequence order, without retransmitted or
 * duplicate bytes; a dissector keeps what it needs across calls (a message may span segments) and
 * must never throw on bad bytes: it reports an anomaly and, when it cannot resynchronise, stops
 * dissecting that direction.
 */
public interface StreamDissector {

    /**
     * The next bytes of one direction (0 client to server, 1 server to client), carried by
     * {@code frame}. Reads {@code data} from its position to its limit; the buffer is only valid
     * during the call, so copy what must be kept.
     */
    void accept(int direction, ByteBuffer data, int frame);

    /** The direction ended (FIN, RST or end of capture); {@code frame} is the last frame seen. */
    default void end(int direction, int frame) {
    }
}
