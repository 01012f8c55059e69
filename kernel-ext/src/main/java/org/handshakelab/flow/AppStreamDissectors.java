package org.handshakelab.flow;

import java.nio.ByteBuffer;

import org.handshakelab.dissect.AppProtocols;
import org.handshakelab.dissect.DissectionSink;
import org.handshakelab.dissect.KeyMaterial;
import org.handshakelab.dissect.StreamDissector;

/**
 * The lab's application dissectors (HTTP/1.x, TLS, SSH) as a {@link StreamDissectorFactory}: the
 * protocol is recognised from the stream's first payload bytes, whatever the ports, except where a port
 * makes Wireshark show another protocol (see {@link WiresharkPorts}): the lab shows no field Wireshark
 * would not show.
 */
public final class AppStreamDissectors implements StreamDissectorFactory {

    /** The instance without keys; it keeps no state. */
    public static final AppStreamDissectors INSTANCE = new AppStreamDissectors(KeyMaterial.none());

    private final KeyMaterial keys;

    private AppStreamDissectors(KeyMaterial keys) {
        this.keys = keys;
    }

    /**
     * The dissectors decrypting with {@code keys} (TLS and SSH key logs) where they can; keys with only bad
     * lines are kept too, so a session can say why it stayed encrypted.
     */
    public static AppStreamDissectors with(KeyMaterial keys) {
        return keys.isNone() ? INSTANCE : new AppStreamDissectors(keys);
    }

    /** The secrets these dissectors decrypt with. */
    public KeyMaterial keys() {
        return keys;
    }

    @Override
    public StreamDissectorFactory withKeys(KeyMaterial more) {
        return with(keys.and(more));
    }

    @Override
    public StreamDissector open(TcpStreamInfo stream, int direction, ByteBuffer firstPayload, DissectionSink sink) {
        if (WiresharkPorts.takenByOtherDissector(stream.serverPort(), stream.clientPort())) {
            return null;
        }
        // One dissector for both directions that recognises each direction by its own first bytes, so an
        // HTTP request answered by an SSH banner shows both for what they are.
        return AppProtocols.detect(firstPayload, direction).isPresent() ? AppProtocols.dissector(sink, keys) : null;
    }
}
