package org.handshakelab.traffic;

import org.handshakelab.capture.SecretsType;

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

    /** Every scenario of the bundled captures: HTTP and TCP, then HTTPS, then SSH. */
    public static List<RecordScenario> all() {
        List<RecordScenario> all = new java.util.ArrayList<>(http());
        all.addAll(tls());
        all.addAll(ssh());
        return List.copyOf(all);
    }

    /** HTTPS: one GET inside TLS 1.2 and inside TLS 1.3, each closed with close_notify, keys embedded. */
    public static List<RecordScenario> tls() {
        return List.of(
                new RecordScenario("https-tls12", "TLS 1.2 (ECDHE-RSA, AES-128-GCM) handshake with the course's "
                        + "self-signed localhost certificate, one GET inside, close_notify from both sides, then the "
                        + "TCP close; the TLS key log is embedded",
                        tls(TlsOptions.builder().version(TlsVersion.TLS_1_2).build())),
                new RecordScenario("https-tls13", "TLS 1.3 (TLS_AES_128_GCM_SHA256) handshake with the same "
                        + "certificate, one GET inside, close_notify from both sides, then the TCP close; the TLS "
                        + "key log is embedded",
                        tls(TlsOptions.builder().version(TlsVersion.TLS_1_3).build())));
    }

    /** SSH: version exchange, KEXINIT, curve25519 key exchange, password auth, one command, DISCONNECT. */
    public static List<RecordScenario> ssh() {
        return List.of(new RecordScenario("ssh-exec", "SSH-2 session with Apache MINA SSHD: version exchange, "
                + "KEXINIT both ways, curve25519-sha256 key exchange, ssh-ed25519 host key, NEWKEYS, password "
                + "authentication, `echo hello`, SSH_MSG_DISCONNECT, then the TCP close; the SSH key log is embedded",
                ssh(SshOptions.builder().build())));
    }

    /** Traffic for {@link Recorder}: one HTTPS exchange; returns its TLS key log as a secret. */
    public static Recorder.Scenario tls(TlsOptions options) {
        Objects.requireNonNull(options, "options");
        return recording -> {
            try (TlsHttpServer server = TlsHttpServer.start(options)) {
                recording.start(server.port());
                TlsExchange exchange = TlsExchange.run(server);
                return List.of(Recorder.keyLog(SecretsType.TLS_KEY_LOG, exchange.keyLog().text()));
            }
        };
    }

    /** Traffic for {@link Recorder}: one SSH exchange; returns its SSH key log as a secret. */
    public static Recorder.Scenario ssh(SshOptions options) {
        Objects.requireNonNull(options, "options");
        return recording -> {
            try (SshLabServer server = SshLabServer.start(options)) {
                recording.start(server.port());
                SshExchange exchange = SshExchange.run(server, options);
                return List.of(Recorder.keyLog(SecretsType.SSH_KEY_LOG, exchange.keyLog().text()));
            }
        };
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
