package org.handshakelab.traffic;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A named scenario for {@link RecordMain}: the capture's name, one sentence on what it shows, and the traffic.
 *
 * @param name        the capture's name ({@code captures/<name>.pcapng})
 * @param description what the capture shows
 * @param scenario    the traffic
 */
public record RecordScenario(String name, String description, Recorder.Scenario scenario) {

    /** Checks the components. */
    public RecordScenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(scenario, "scenario");
    }

    /** The HTTP and TCP scenarios of the bundled captures. */
    public static List<RecordScenario> http() {
        return List.of(
                of("http-keepalive", HttpVariant.KEEP_ALIVE, "three-way handshake, two HTTP/1.1 GETs on one "
                        + "keep-alive connection, then a four-way close started by the client"),
                of("http-close", HttpVariant.CLOSE, "three-way handshake, one GET with Connection: close, the "
                        + "server closes first, then the client"),
                of("tcp-rst", HttpVariant.RESET, "three-way handshake, one GET, then the client aborts the "
                        + "connection with RST (SO_LINGER 0) instead of a FIN"),
                of("tcp-refused", HttpVariant.REFUSED, "a SYN to a port where nothing listens, answered with "
                        + "RST,ACK: connection refused"));
    }

    /** A scenario running {@code variant} (against its own server, or a free port for REFUSED). */
    public static RecordScenario of(String name, HttpVariant variant, String description) {
        return new RecordScenario(name, description, http(variant, exchange -> { }));
    }

    /** Traffic for {@link Recorder}: {@code variant} on loopback; {@code sink} gets what it did. */
    public static Recorder.Scenario http(HttpVariant variant, Consumer<? super HttpExchange> sink) {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(sink, "sink");
        return recording -> {
            if (variant == HttpVariant.REFUSED) {
                int port = Loopback.freePort();
                recording.start(port);
                sink.accept(HttpExchange.run(variant, port));
                return List.of();
            }
            try (HttpLabServer server = HttpLabServer.start()) {
                recording.start(server.port());
                HttpExchange exchange = HttpExchange.run(variant, server.port());
                server.awaitConnections(1, Loopback.TIMEOUT); // the server's last segment is sent
                sink.accept(exchange);
            }
            return List.of();
        };
    }
}
