package org.handshakelab.flow;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.handshakelab.dissect.DissectionSink;
import org.handshakelab.dissect.Field;
import org.handshakelab.dissect.KeyMaterial;
import org.handshakelab.dissect.StreamDissector;

/**
 * A factory whose dissectors' messages also go to a {@link MessageTap}. It passes {@link #withKeys} on to
 * the factory it wraps, so a tapped factory still decrypts (a lambda factory would inherit the interface's
 * default and drop the keys).
 */
record TappedFactory(StreamDissectorFactory inner, MessageTap tap) implements StreamDissectorFactory {

    TappedFactory {
        Objects.requireNonNull(inner, "inner");
        Objects.requireNonNull(tap, "tap");
    }

    @Override
    public StreamDissectorFactory withKeys(KeyMaterial keys) {
        return new TappedFactory(inner.withKeys(keys), tap);
    }

    @Override
    public StreamDissector open(TcpStreamInfo stream, int direction, ByteBuffer firstPayload, DissectionSink sink) {
        int index = stream.stream();
        return inner.open(stream, direction, firstPayload, new DissectionSink() {
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
                tap.message(index, frame, dir, message);
            }
        });
    }
}
