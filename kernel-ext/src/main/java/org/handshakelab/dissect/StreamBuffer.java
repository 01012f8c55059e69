package org.handshakelab.dissect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The not yet dissected bytes of one direction, with the frames that carried them, so that a PDU spanning
 * segments can name every frame it came in. Callers bound every length before they wait for more bytes,
 * so the buffer only ever holds one partial PDU plus one segment. Shared by the HTTP, TLS and SSH dissectors.
 */
public final class StreamBuffer {

    /** Most PDUs waiting for their end (a header section, a record header) are short; longer ones grow it. */
    private byte[] bytes = new byte[256];
    private int head;
    private int tail;
    /** Stream offset of {@code bytes[0]}. */
    private long base;
    /** Per appended segment: the stream offset just past it, and its frame; oldest first from segHead. */
    private long[] segEnd = new long[8];
    private int[] segFrame = new int[8];
    private int segHead;
    private int segCount;

    /** Copies {@code src} from its position to its limit (the position is left as it was). */
    public void append(ByteBuffer src, int frame) {
        append(src, src.position(), src.remaining(), frame);
    }

    /** Copies {@code length} bytes of {@code src} from index {@code from}; the buffer's position is not used. */
    public void append(ByteBuffer src, int from, int length, int frame) {
        if (length == 0) {
            return;
        }
        ensureRoom(length);
        src.get(from, bytes, tail, length);
        tail += length;
        addSegment(base + tail, frame);
    }

    /** Bytes waiting. */
    public int size() {
        return tail - head;
    }

    public int u8(int index) {
        return bytes[head + index] & 0xFF;
    }

    public int u16(int index) {
        return u8(index) << 8 | u8(index + 1);
    }

    public int u24(int index) {
        return u8(index) << 16 | u16(index + 1);
    }

    public long u32(int index) {
        return (long) u16(index) << 16 | u16(index + 2);
    }

    /** A copy of {@code length} bytes at {@code index}. */
    public byte[] copy(int index, int length) {
        return Arrays.copyOfRange(bytes, head + index, head + index + length);
    }

    /**
     * Whether the bytes at {@code index} spell {@code lowerAscii} (lower-case ASCII, kept as bytes) in any case:
     * what {@link String#equalsIgnoreCase} says of their {@link #latin1} text, without making it.
     */
    public boolean equalsIgnoreCase(int index, byte[] lowerAscii) {
        if (index < 0 || index + lowerAscii.length > size()) {
            return false;
        }
        for (int i = 0; i < lowerAscii.length; i++) {
            int b = bytes[head + index + i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerAscii[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code length} bytes at {@code index} as ISO-8859-1 text (one byte, one char). */
    public String latin1(int index, int length) {
        return new String(bytes, head + index, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * The frames that carried the next {@code length} bytes, in order, each once, told to {@code to}:
     * {@link #frames} without a list per call.
     */
    public void frames(int length, java.util.function.IntConsumer to) {
        if (segCount == 1 && tail > head) {
            // the common case: what is buffered came in one segment
            to.accept(segFrame[segHead]);
            return;
        }
        long from = base + head;
        long end = from + Math.max(1, length);
        for (int i = 0; i < segCount; i++) {
            int s = (segHead + i) % segEnd.length;
            long segmentEnd = segEnd[s];
            long start = i == 0 ? Long.MIN_VALUE : segEnd[(segHead + i - 1) % segEnd.length];
            if (segmentEnd > from && start < end) {
                to.accept(segFrame[s]);
            }
            if (segmentEnd >= end) {
                break;
            }
        }
    }

    /** The index of the first {@code b} at or after {@code from}, or -1. */
    public int indexOf(byte b, int from) {
        for (int i = head + from; i < tail; i++) {
            if (bytes[i] == b) {
                return i - head;
            }
        }
        return -1;
    }

    /**
     * In one scan from {@code from}, the index of the first LF (low 32 bits) and of the first ':' before it (high
     * 32 bits), each -1 when there is none: where a header line ends and where its name does.
     */
    public long colonAndLineFeed(int from) {
        int colon = -1;
        for (int i = head + from; i < tail; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                return (long) colon << 32 | (i - head);
            }
            if (b == ':' && colon < 0) {
                colon = i - head;
            }
        }
        return (long) colon << 32 | 0xFFFF_FFFFL;
    }

    /** The frames that carried the next {@code length} bytes, in order, each once. */
    public List<Integer> frames(int length) {
        List<Integer> frames = new ArrayList<>(2);
        frames(length, frames::add);
        return frames;
    }

    /** Drops the next {@code length} bytes. */
    public void consume(int length) {
        head += length;
        long offset = base + head;
        while (segCount > 1 && segEnd[segHead] <= offset) {
            segHead = (segHead + 1) % segEnd.length;
            segCount--;
        }
        if (head == tail) {
            base += head;
            head = 0;
            tail = 0;
        }
    }

    /** Drops everything waiting. */
    public void clear() {
        consume(size());
    }

    private void ensureRoom(int n) {
        if (tail + n <= bytes.length) {
            return;
        }
        int live = tail - head;
        if (live + n <= bytes.length / 2 + bytes.length / 4) {
            System.arraycopy(bytes, head, bytes, 0, live);
        } else {
            byte[] grown = new byte[Math.max(bytes.length * 2, live + n)];
            System.arraycopy(bytes, head, grown, 0, live);
            bytes = grown;
        }
        base += head;
        head = 0;
        tail = live;
    }

    private void addSegment(long end, int frame) {
        if (segCount > 0) {
            int last = (segHead + segCount - 1) % segEnd.length;
            if (segFrame[last] == frame) {
                segEnd[last] = end;
                return;
            }
        }
        if (segCount == segEnd.length) {
            long[] e = new long[segEnd.length * 2];
            int[] f = new int[segEnd.length * 2];
            for (int i = 0; i < segCount; i++) {
                e[i] = segEnd[(segHead + i) % segEnd.length];
                f[i] = segFrame[(segHead + i) % segEnd.length];
            }
            segEnd = e;
            segFrame = f;
            segHead = 0;
        }
        int slot = (segHead + segCount) % segEnd.length;
        segEnd[slot] = end;
        segFrame[slot] = frame;
        segCount++;
    }
}
