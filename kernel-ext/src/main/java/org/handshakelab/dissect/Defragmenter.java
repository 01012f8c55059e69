package org.handshakelab.dissect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reassembles fragmented IP datagrams (RFC 791 §3.2, RFC 8200 §4.5) as Wireshark does by default: the
 * datagram is dissected in the frame whose fragment completes it, and not in the others. Fragments are
 * rare (loopback's MTU is 64 KiB), so this is the one place of the header stage that allocates; it
 * keeps a bounded number of datagrams and bytes, dropping the oldest beyond that.
 */
final class Defragmenter {

    /** Datagrams waiting for fragments. */
    static final int MAX_PENDING = 256;
    /** Bytes held across all waiting datagrams. */
    static final long MAX_BYTES = 16L << 20;

    private record Key(int version, long srcHi, long srcLo, long dstHi, long dstLo, int id) {
    }

    private record Piece(int offset, byte[] data) {
    }

    private static final class Datagram {
        final List<Piece> pieces = new ArrayList<>();
        int total = -1;
        long bytes;
    }

    private final Map<Key, Datagram> pending = new LinkedHashMap<>();
    private long heldBytes;

    /**
     * Adds the fragment of {@code length} bytes at {@code index} of {@code buffer}, which belongs at
     * {@code offset} of the datagram; returns the whole datagram's payload when this fragment completes
     * it, null otherwise.
     */
    ByteBuffer add(int version, long srcHi, long srcLo, long dstHi, long dstLo, int id,
                   ByteBuffer buffer, int index, int length, int offset, boolean more) {
        Key key = new Key(version, srcHi, srcLo, dstHi, dstLo, id);
        Datagram d = pending.get(key);
        if (d == null) {
            d = new Datagram();
            pending.put(key, d);
        }
        byte[] data = new byte[length];
        buffer.get(index, data, 0, length);
        d.pieces.add(new Piece(offset, data));
        d.bytes += length;
        heldBytes += length;
        if (!more) {
            d.total = offset + length;
        }
        ByteBuffer whole = d.total < 0 ? null : assemble(d);
        if (whole != null) {
            pending.remove(key);
            heldBytes -= d.bytes;
        }
        evict();
        return whole;
    }

    /** The datagram if its fragments cover 0..total without a hole; later fragments overwrite earlier bytes. */
    private static ByteBuffer assemble(Datagram d) {
        boolean[] covered = new boolean[d.total];
        int missing = d.total;
        for (Piece p : d.pieces) {
            int stop = Math.min(d.total, p.offset + p.data.length);
            for (int i = p.offset; i < stop; i++) {
                if (!covered[i]) {
                    covered[i] = true;
                    missing--;
                }
            }
        }
        if (missing > 0) {
            return null;
        }
        byte[] whole = new byte[d.total];
        for (Piece p : d.pieces) {
            int n = Math.min(d.total - p.offset, p.data.length);
            if (n > 0) {
                System.arraycopy(p.data, 0, whole, p.offset, n);
            }
        }
        return ByteBuffer.wrap(whole);
    }

    private void evict() {
        Iterator<Map.Entry<Key, Datagram>> it = pending.entrySet().iterator();
        while ((pending.size() > MAX_PENDING || heldBytes > MAX_BYTES) && it.hasNext()) {
            heldBytes -= it.next().getValue().bytes;
            it.remove();
        }
    }
}
