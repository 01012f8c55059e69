package org.handshakelab.traffic;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import org.handshakelab.capture.LiveCapture;
import org.handshakelab.capture.LiveOptions;

/**
 * What a {@link Recorder.Scenario} gets: the capture it starts once it knows its ports, before its first packet.
 *
 * <pre>{@code
 * try (HttpLabServer server = HttpLabServer.start()) {
 *     recording.start(server.port());                 // capture "tcp port <port>" from now on
 *     HttpExchange.run(HttpVariant.KEEP_ALIVE, server.port());
 * }
 * }</pre>
 */
public final class Recording {

    private final String name;
    private final LiveOptions base;
    private LiveCapture live;

    Recording(String name, LiveOptions base) {
        this.name = name;
        this.base = base;
    }

    /** The name of the capture being recorded, e.g. {@code "http-keepalive"}. */
    public String name() {
        return name;
    }

    /** Starts capturing the packets of these TCP ports ({@code tcp port A or tcp port B ...}). */
    public void start(int... ports) {
        Objects.requireNonNull(ports, "ports");
        if (ports.length == 0) {
            throw new IllegalArgumentException("ports must name at least one port: []");
        }
        start(filterFor(ports));
    }

    /** Starts capturing the packets that match this BPF filter; once per recording. */
    public synchronized void start(String filter) {
        Objects.requireNonNull(filter, "filter");
        if (live != null) {
            throw new IllegalStateException("recording " + name + " has already started, with filter \""
                    + live.options().filter() + "\"");
        }
        live = LiveCapture.start(base.toBuilder().filter(filter).build());
    }

    /** {@code tcp port A or tcp port B ...}. */
    static String filterFor(int... ports) {
        return Arrays.stream(ports).map(Loopback::checkPort).mapToObj(p -> "tcp port " + p)
                .collect(Collectors.joining(" or "));
    }

    /** The live capture, or null when the scenario has not started it. */
    synchronized LiveCapture live() {
        return live;
    }
}
