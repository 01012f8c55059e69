package org.handshakelab;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.handshakelab.dissect.DissectionSink;
import org.handshakelab.dissect.Field;
import org.handshakelab.dissect.KeyMaterial;
import org.handshakelab.dissect.StreamDissector;
import org.handshakelab.flow.AppStreamDissectors;
import org.handshakelab.flow.StreamDissectorFactory;
import org.handshakelab.flow.TcpStreamInfo;

/**
 * The lab's application dissectors, keeping every message they report besides the table's fields: the packet
 * table has one value per field, a notebook also wants the ClientHello's cipher suites or the KEXINIT lists.
 */
final class MessageLog implements StreamDissectorFactory {

    private final List<Dissected> messages;
    private final StreamDissectorFactory inner;

    MessageLog() {
        this(new ArrayList<>(), AppStreamDissectors.INSTANCE);
    }

    private MessageLog(List<Dissected> messages, StreamDissectorFactory inner) {
        this.messages = messages;
        this.inner = inner;
    }

    /**
     * The log decrypting with {@code keys} as well, into the same list: the table hands its factories the key
     * log and the capture's Decryption Secrets Blocks through here, and without this override (the interface's
     * default returns {@code this}) the messages would stay those an eavesdropper sees.
     */
    @Override
    public StreamDissectorFactory withKeys(KeyMaterial keys) {
        return new MessageLog(messages, inner.withKeys(keys));
    }

    @Override
    public StreamDissector open(TcpStreamInfo stream, int direction, ByteBuffer firstPayload, DissectionSink sink) {
        DissectionSink tee = new DissectionSink() {
            @Override
            public void field(int frame, Field field, String value) {
                sink.field(frame, field, value);
            }

            @Override
            public void phase(int frame, String label) {
                sink.phase(frame, label);
            }

            @Override
            public void anomaly(int frame, String message) {
                sink.anomaly(frame, message);
            }

            @Override
            public void message(int frame, int dir, Object message) {
                sink.message(frame, dir, message);
                messages.add(new Dissected(frame, stream.stream(), dir, message));
            }
        };
        return inner.open(stream, direction, firstPayload, tee);
    }

    /** The messages in frame order (a message reported late, e.g. encrypted bytes, sorts by its frame). */
    List<Dissected> messages() {
        List<Dissected> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparingInt(Dissected::frame)); // stable: wire order within a frame stays
        return List.copyOf(sorted);
    }
}
