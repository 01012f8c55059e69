package org.handshakelab.view;

import java.nio.charset.StandardCharsets;

/** Bounded big-endian reads from a frame's bytes: a read past the end gives -1, never an exception. */
final class Bytes {

    final byte[] b;

    Bytes(byte[] b) {
        this.b = b;
    }

    boolean has(int at, int n) {
        return at >= 0 && n >= 0 && at + n <= b.length;
    }

    int u8(int at) {
        return has(at, 1) ? b[at] & 0xFF : -1;
    }

    int u16(int at) {
        return has(at, 2) ? (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF : -1;
    }

    int u24(int at) {
        return has(at, 3) ? (b[at] & 0xFF) << 16 | (b[at + 1] & 0xFF) << 8 | b[at + 2] & 0xFF : -1;
    }

    long u32(int at) {
        return has(at, 4) ? ((long) (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8
                | b[at + 3] & 0xFF) : -1;
    }

    String hex(int at, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = at; i < Math.min(b.length, at + n); i++) {
            s.append(Character.forDigit((b[i] >> 4) & 15, 16)).append(Character.forDigit(b[i] & 15, 16));
        }
        return s.toString();
    }

    /** Up to {@code max} hex digits of bytes, with an ellipsis when longer. */
    String hexShort(int at, int n, int maxBytes) {
        return n <= maxBytes ? hex(at, n) : hex(at, maxBytes) + "…";
    }

    String ascii(int at, int n) {
        int end = Math.min(b.length, at + n);
        return at >= end ? "" : new String(b, at, end - at, StandardCharsets.ISO_8859_1);
    }

    String mac(int at) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            s.append(i == 0 ? "" : ":").append(hex(at + i, 1));
        }
        return s.toString();
    }

    String ipv4(int at) {
        return u8(at) + "." + u8(at + 1) + "." + u8(at + 2) + "." + u8(at + 3);
    }

    /** As Wireshark and the packet table print it: zeros compressed (RFC 5952), e.g. {@code 2001:db8::1}. */
    String ipv6(int at) {
        if (!has(at, 16)) {
            return "[address cut short]";
        }
        return org.handshakelab.flow.IpText.ipv6(u32(at) << 32 | u32(at + 4), u32(at + 8) << 32 | u32(at + 12));
    }
}
