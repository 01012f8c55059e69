package org.handshakelab.dissect.tls;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads TLS presentation-language structures (RFC 8446 §3) from a byte range. Every length is checked
 * against what is left before it is used; a short read throws {@link Malformed}, which never leaves
 * this package: the dissector turns it into an anomaly.
 */
final class TlsReader {

    /** The bytes do not hold what their lengths promise. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] bytes;
    private int pos;
    private final int limit;

    TlsReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private TlsReader(byte[] bytes, int from, int limit) {
        this.bytes = bytes;
        this.pos = from;
        this.limit = limit;
    }

    int remaining() {
        return limit - pos;
    }

    boolean hasRemaining() {
        return pos < limit;
    }

    int position() {
        return pos;
    }

    private void need(int n, String what) {
        if (n < 0 || n > limit - pos) {
            throw new Malformed(what + " needs " + n + " bytes, only " + (limit - pos) + " left");
        }
    }

    int u8(String what) {
        need(1, what);
        return bytes[pos++] & 0xFF;
    }

    int u16(String what) {
        need(2, what);
        int v = (bytes[pos] & 0xFF) << 8 | bytes[pos + 1] & 0xFF;
        pos += 2;
        return v;
    }

    int u24(String what) {
        need(3, what);
        int v = (bytes[pos] & 0xFF) << 16 | (bytes[pos + 1] & 0xFF) << 8 | bytes[pos + 2] & 0xFF;
        pos += 3;
        return v;
    }

    byte[] bytes(int n, String what) {
        need(n, what);
        byte[] b = Arrays.copyOfRange(bytes, pos, pos + n);
        pos += n;
        return b;
    }

    String hex(int n, String what) {
        return HexFormat.of().formatHex(bytes(n, what));
    }

    /** A reader over the next {@code n} bytes, which this reader skips. */
    TlsReader sub(int n, String what) {
        need(n, what);
        TlsReader r = new TlsReader(bytes, pos, pos + n);
        pos += n;
        return r;
    }

    /** {@code opaque x<0..2^8-1>} and friends: a vector with a 1, 2 or 3 byte length. */
    TlsReader vector(int lengthBytes, String what) {
        int n = switch (lengthBytes) {
            case 1 -> u8(what + " length");
            case 2 -> u16(what + " length");
            default -> u24(what + " length");
        };
        return sub(n, what);
    }

    /** A copy of the next {@code n} bytes without reading them (fewer when fewer are left). */
    byte[] copyAhead(int n) {
        return Arrays.copyOfRange(bytes, pos, pos + Math.min(n, remaining()));
    }

    /** The rest as a byte array. */
    byte[] rest() {
        return bytes(remaining(), "rest");
    }
}
