package org.handshakelab.flow;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.handshakelab.dissect.DissectionSink;
import org.handshakelab.dissect.Field;
import org.handshakelab.dissect.StreamDissector;

/**
 * A fake application dissector for tests: recognises streams whose first payload starts with
 * {@code magic}, records every byte and call, and reports one {@link Field#HTTP_REQUEST_METHOD} value per
 * line ending in the client's stream, on the frame that completes the line.
 */
final class RecordingDissector implements StreamDissector {

    final TcpStreamInfo stream;
    final int firstDirection;
    final ByteArrayOutputStream[] bytes = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
    final List<String> calls = new ArrayList<>();
    final boolean[] ended = new boolean[2];
    private final DissectionSink sink;
    private final StringBuilder line = new StringBuilder();

    RecordingDissector(TcpStreamInfo stream, int direction, DissectionSink sink) {
        this.stream = stream;
        this.firstDirection = direction;
        this.sink = sink;
    }

    /** A factory for streams starting with {@code magic}, adding each dissector it opens to {@code opened}. */
    static StreamDissectorFactory factory(String magic, List<RecordingDissector> opened) {
        return (stream, direction, payload, sink) -> {
            byte[] head = new byte[Math.min(magic.length(), payload.remaining())];
            payload.get(head);
            if (!new String(head).equals(magic)) {
                return null;
            }
            RecordingDissector d = new RecordingDissector(stream, direction, sink);
            opened.add(d);
            return d;
        };
    }

    @Override
    public void accept(int direction, ByteBuffer data, int frame) {
        calls.add(direction + "@" + frame + ":" + data.remaining());
        while (data.hasRemaining()) {
            byte b = data.get();
            bytes[direction].write(b);
            if (direction == 0) {
                if (b == '\n') {
                    sink.field(frame, Field.HTTP_REQUEST_METHOD, line.toString().strip());
                    sink.phase(frame, "line");
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        }
    }

    @Override
    public void end(int direction, int frame) {
        calls.add("end " + direction + "@" + frame);
        ended[direction] = true;
    }

    String text(int direction) {
        return bytes[direction].toString();
    }
}
