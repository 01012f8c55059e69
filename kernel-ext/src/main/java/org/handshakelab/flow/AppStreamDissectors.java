package org.handshakelab.flow;

import java.nio.ByteBuffer;

import org.handshakelab.dissect.AppProtocols;
import org.handshakelab.dissect.DissectionSink;
import org.handshakelab.dissect.StreamDissector;

/**
 * The lab's application dissectors (HTTP/1.x, TLS, SSH) as a {@link StreamDissectorFactory}: the
 * protocol is recognised from the stream's first payload bytes, whatever the ports.
 */
public final class AppStreamDissectors implements StreamDissectorFactory {

    /** The one instance; it keeps no state. */
    public static final AppStreamDissectors INSTANCE = new AppStreamDissectors();

    private AppStreamDissectors() {
    }

    @Override
    public StreamDissector open(TcpStreamInfo stream, int direction, ByteBuffer firstPayload, DissectionSink sink) {
        // One dissector for both directions that recognises each direction by its own first bytes, so an
        // HTTP request answered by an SSH banner shows both for what they are.
        return AppProtocols.detect(firstPayload, direction).isPresent() ? AppProtocols.dissector(sink) : null;
    }
}
