package org.handshakelab.flow;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The first payload bytes of a stream while they are too few to recognise its protocol (a client may
 * send a single byte first): kept with their frames, offered to the factories again as more arrive, and
 * replayed to the dissector that finally takes the stream. At most {@link #BYTES} bytes per direction
 * are offered before giving up.
 */
final class Detection {

    /** How many bytes of a direction the factories see before the stream is given up on. */
    static final int BYTES = 16;

    /** Receives the kept payload in the order it arrived. */
    interface Replay {
        void accept(int direction, ByteBuffer data, long frame);
    }

    private record Piece(int direction, long frame, byte[] data) {
    }

    private final List<Piece> pieces = new ArrayList<>();
    private final byte[][] joined = {new byte[0], new byte[0]};

    void add(int direction, long frame, ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.get(data.position(), copy, 0, copy.length);
        pieces.add(new Piece(direction, frame, copy));
        byte[] j = joined[direction];
        byte[] more = Arrays.copyOf(j, j.length + copy.length);
        System.arraycopy(copy, 0, more, j.length, copy.length);
        joined[direction] = more;
    }

    int length(int direction) {
        return joined[direction].length;
    }

    /** Everything kept from {@code direction}, read-only. */
    ByteBuffer bytes(int direction) {
        return ByteBuffer.wrap(joined[direction]).asReadOnlyBuffer();
    }

    void replay(Replay target) {
        for (Piece p : pieces) {
            target.accept(p.direction(), ByteBuffer.wrap(p.data()).asReadOnlyBuffer(), p.frame());
        }
    }
}
