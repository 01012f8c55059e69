package org.handshakelab.view;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.dissect.DissectionSink;
import org.handshakelab.dissect.Field;
import org.handshakelab.dissect.KeyMaterial;
import org.handshakelab.dissect.StreamDissector;
import org.handshakelab.flow.AppStreamDissectors;
import org.handshakelab.flow.StreamDissectorFactory;
import org.handshakelab.flow.TcpStreamInfo;
import org.handshakelab.table.PacketTable;
import org.handshakelab.table.TableOptions;

/**
 * The messages (records of {@code dissect.tls}, {@code dissect.ssh}, {@code dissect.http}) the lab's
 * dissectors report on one frame. The packet table keeps only their fields, so the capture is dissected
 * again with the same dissectors, and the messages of that frame are kept: whatever the dissectors learn
 * (decrypted TLS or SSH messages) shows up here unchanged.
 */
final class FrameMessages {

    /** One message and the side that sent it (0 client, 1 server). */
    record Message(int direction, Object message) {
    }

    private FrameMessages() {
    }

    static List<Message> of(CaptureFile capture, int frame) {
        List<Message> out = new ArrayList<>();
        PacketTable.build(capture, TableOptions.builder().dissector(new Tee(AppStreamDissectors.INSTANCE, frame, out))
                .build());
        return out;
    }

    /**
     * The lab's dissectors, keeping the messages of one frame. A class rather than a lambda: the table hands
     * it the capture's secrets through {@link #withKeys}, which a lambda (the interface's default, returning
     * itself) would drop, and then no decrypted message would ever show here.
     */
    private record Tee(StreamDissectorFactory inner, int frame, List<Message> out) implements StreamDissectorFactory {

        @Override
        public StreamDissectorFactory withKeys(KeyMaterial keys) {
            return new Tee(inner.withKeys(keys), frame, out);
        }

        @Override
        public StreamDissector open(TcpStreamInfo stream, int direction, ByteBuffer firstPayload, DissectionSink sink) {
            DissectionSink both = new DissectionSink() {
                @Override
                public void field(int f, Field field, String value) {
                    sink.field(f, field, value);
                }

                @Override
                public void phase(int f, String label) {
                    sink.phase(f, label);
                }

                @Override
                public void anomaly(int f, String message) {
                    sink.anomaly(f, message);
                }

                @Override
                public void message(int f, int dir, Object message) {
                    if (f == frame) {
                        out.add(new Message(dir, message));
                    }
                    sink.message(f, dir, message);
                }
            };
            return inner.open(stream, direction, firstPayload, both);
        }
    }
}
