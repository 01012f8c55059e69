package org.handshakelab.flow;

import java.nio.ByteBuffer;
import org.handshakelab.dissect.DissectionSink;
import org.handshakelab.dissect.KeyMaterial;
import org.handshakelab.dissect.StreamDissector;

/**
 * Recognises an application protocol by content, on the first payload of a TCP stream, and opens a
 * {@link StreamDissector} for the stream. Registered with the analyzer in order; the first factory
 * that returns a dissector wins. While all decline and a direction has sent fewer than 16 bytes, they
 * are asked again as more bytes arrive (with all of that direction's bytes so far), so a factory may
 * return null when it has too few bytes to tell; after that the stream is not dissected. The dissector
 * then receives the bytes already seen, with their frames, before the rest.
 *
 * <pre>{@code
 * StreamDissectorFactory http = (stream, direction, payload, sink) ->
 *         startsWithMethod(payload) ? new HttpDissector(sink) : null;
 * }</pre>
 */
@FunctionalInterface
public interface StreamDissectorFactory {

    /**
     * A dissector for {@code stream}, or null when {@code firstPayload} is not this protocol.
     *
     * @param stream       the connection (stream index, client and server)
     * @param direction    0 when the payload comes from the client, 1 from the server
     * @param firstPayload the first payload bytes, from position to limit; read-only and only valid
     *                     during the call: look, do not keep (the same bytes are then passed to
     *                     {@link StreamDissector#accept})
     * @param sink         where the dissector reports fields, phases and anomalies
     */
    StreamDissector open(TcpStreamInfo stream, int direction, ByteBuffer firstPayload, DissectionSink sink);

    /**
     * This factory decrypting with {@code keys} as well (the table passes the key log and the capture's
     * Decryption Secrets Blocks); factories that decrypt nothing return themselves.
     */
    default StreamDissectorFactory withKeys(KeyMaterial keys) {
        return this;
    }

    /** This factory, its dissectors' messages also handed to {@code tap}; keys given later still reach it. */
    default StreamDissectorFactory tapped(MessageTap tap) {
        return new TappedFactory(this, tap);
    }
}
