package org.handshakelab.dissect.ssh;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads SSH data types (RFC 4251 §5) from a payload. Every length is checked against what is left; a short
 * read throws {@link Malformed}, which the dissector turns into an anomaly.
 */
final class SshReader {

    /** The bytes do not hold what their lengths promise. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] bytes;
    private int pos;

    SshReader(byte[] bytes) {
        this.bytes = bytes;
    }

    int remaining() {
        return bytes.length - pos;
    }

    private void need(long n, String what) {
        if (n < 0 || n > remaining()) {
            throw new Malformed(what + " needs " + n + " bytes, only " + remaining() + " left");
        }
    }

    int u8(String what) {
        need(1, what);
        return bytes[pos++] & 0xFF;
    }

    boolean bool(String what) {
        return u8(what) != 0;
    }

    long u32(String what) {
        need(4, what);
        long v = (long) (bytes[pos] & 0xFF) << 24 | (bytes[pos + 1] & 0xFF) << 16 | (bytes[pos + 2] & 0xFF) << 8
                | bytes[pos + 3] & 0xFF;
        pos += 4;
        return v;
    }

    byte[] bytes(int n, String what) {
        need(n, what);
        byte[] b = Arrays.copyOfRange(bytes, pos, pos + n);
        pos += n;
        return b;
    }

    /** {@code string}: uint32 length and that many bytes. */
    byte[] string(String what) {
        long n = u32(what + " length");
        need(n, what);
        return bytes((int) n, what);
    }

    /** Skips a {@code string} without copying it (a password must not end up in a heap copy); its length. */
    int skipString(String what) {
        long n = u32(what + " length");
        need(n, what);
        pos += (int) n;
        return (int) n;
    }

    String hexString(String what) {
        return HexFormat.of().formatHex(string(what));
    }

    String text(String what) {
        return new String(string(what), StandardCharsets.UTF_8);
    }

    /** {@code name-list}: comma-separated US-ASCII names; empty for an empty string. */
    List<String> nameList(String what) {
        String s = new String(string(what), StandardCharsets.US_ASCII);
        return s.isEmpty() ? List.of() : List.of(s.split(",", -1));
    }

    /** {@code mpint} as hex of its two's-complement bytes, as tshark prints it. */
    String mpint(String what) {
        return hexString(what);
    }

    /** A copy of all the bytes, read or not (a KEXINIT payload goes into the exchange hash whole). */
    byte[] whole() {
        return bytes.clone();
    }

    String restHex() {
        return HexFormat.of().formatHex(bytes(remaining(), "rest"));
    }
}
