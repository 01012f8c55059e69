package org.handshakelab.view;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.Frame;
import org.handshakelab.capture.FrameCursor;
import org.handshakelab.dissect.FrameHeaders;

/**
 * Re-reads chosen frames of a capture: the packet table keeps fields, not bytes, so the TCP options of the
 * Info column and the bytes of the details pane come from one more walk through the (memory-mapped) file.
 */
final class FrameWalk {

    private FrameWalk() {
    }

    /** What the Info column needs beyond the table: TCP options in wire order and the payload's first line. */
    record Extras(byte[] options, String firstLine) {
        static final Extras NONE = new Extras(new byte[0], "");
    }

    /** The extras of each of {@code rows} (0-based, any order), index for index. */
    static Extras[] extras(CaptureFile capture, int[] rows) {
        Extras[] out = new Extras[rows.length];
        Arrays.fill(out, Extras.NONE);
        if (rows.length == 0) {
            return out;
        }
        int[] order = sortedIndexes(rows);
        FrameCursor cursor = capture.cursor();
        FrameHeaders headers = FrameHeaders.create();
        int next = 0;
        int row = -1;
        while (next < order.length && cursor.next()) {
            row++;
            if (row < rows[order[next]]) {
                continue;
            }
            headers.dissect(cursor);
            Extras extras = extrasOf(headers);
            while (next < order.length && rows[order[next]] == row) {
                out[order[next++]] = extras;
            }
        }
        return out;
    }

    /** The frame of 0-based {@code row}, or null when the capture has fewer frames. */
    static Frame frame(CaptureFile capture, int row) {
        FrameCursor cursor = capture.cursor();
        for (int i = 0; cursor.next(); i++) {
            if (i == row) {
                return cursor.frame();
            }
        }
        return null;
    }

    private static Extras extrasOf(FrameHeaders h) {
        if (h.tcpLevel() != FrameHeaders.TCP_HEADER || !h.headerComplete()) {
            return Extras.NONE;
        }
        ByteBuffer b = h.tcpBuffer();
        int end = h.payloadOffset();
        int start = end - h.headerLength() + 20;
        byte[] options = new byte[Math.max(0, end - start)];
        for (int i = 0; i < options.length; i++) {
            options[i] = b.get(start + i);
        }
        int n = Math.min(h.payloadCaptured(), 200);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int c = b.get(end + i) & 0xFF;
            if (c == '\r' || c == '\n') {
                break;
            }
            if (c < 0x20 || c > 0x7E) {
                line.setLength(0);
                break;
            }
            line.append((char) c);
        }
        return new Extras(options, line.toString());
    }

    private static int[] sortedIndexes(int[] rows) {
        Integer[] boxed = new Integer[rows.length];
        for (int i = 0; i < rows.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Integer.compare(rows[a], rows[b]));
        int[] order = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            order[i] = boxed[i];
        }
        return order;
    }
}
