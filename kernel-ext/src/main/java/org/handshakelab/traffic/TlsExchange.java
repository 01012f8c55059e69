package org.handshakelab.traffic;

import java.time.Duration;
import java.util.List;

import org.handshakelab.LabException;

/**
 * One HTTPS exchange on loopback, both ends run by the lab: handshake, {@code GET /}, {@code 200 OK},
 * close_notify from both sides, TCP close. Its {@link #keyLog()} holds the session's real secrets, so a capture
 * of it can be decrypted in Wireshark ({@code tls.keylog_file}).
 *
 * <pre>
 * TlsExchange exchange = TlsExchange.run(TlsOptions.builder().version(TlsVersion.TLS_1_2).build());
 * exchange.keyLog().write(Path.of("keys.log"));
 * </pre>
 *
 * @param client     what the client saw
 * @param server     what the server saw
 * @param closeOrder the close_notify alerts and FINs in wire order
 */
public record TlsExchange(TlsEndpoint client, TlsEndpoint server, List<TlsCloseEvent> closeOrder) {

    private static final Duration SERVER_GRACE = Duration.ofSeconds(2);

    /** Checks and copies. */
    public TlsExchange {
        if (client == null || server == null) {
            throw new IllegalArgumentException("client and server must not be null");
        }
        closeOrder = List.copyOf(closeOrder);
    }

    /** Runs an exchange with the default options (TLS 1.3, AES-128-GCM, a fresh localhost certificate). */
    public static TlsExchange run() {
        return run(TlsOptions.defaults());
    }

    /** Starts a server on a free port (or {@code options.port()}), runs the client against it, stops the server. */
    public static TlsExchange run(TlsOptions options) {
        try (TlsHttpServer server = TlsHttpServer.start(options)) {
            return run(server);
        }
    }

    /** Runs the client against a started server (start a capture between the two), with the server's options. */
    public static TlsExchange run(TlsHttpServer server) {
        TlsEndpoint client;
        try {
            client = TlsHttpClient.get(server.port(), server.options(), server.closeLog());
        } catch (LabException e) {
            // the server usually fails right after the client (it reads the client's alert): say how, if it did
            server.failureWithin(SERVER_GRACE).ifPresent(e::addSuppressed);
            server.close();
            throw e;
        }
        return new TlsExchange(client, server.await(), server.closeLog().events());
    }

    /** The server's port. */
    public int serverPort() {
        return server.localPort();
    }

    /** The client's (ephemeral) port. */
    public int clientPort() {
        return client.localPort();
    }

    /** The negotiated version. */
    public TlsVersion version() {
        return client.version();
    }

    /** The negotiated cipher suite. */
    public TlsCipherSuite cipherSuite() {
        return client.cipherSuite();
    }

    /** The key log as the client wrote it (what {@code SSLKEYLOGFILE} would hold). */
    public KeyLog keyLog() {
        return client.keyLog();
    }

    /** The ClientHello.random in hex, the key the key log is filed under. */
    public String clientRandom() {
        return keyLog().lines().get(0).clientRandom();
    }

    /** The HTTP request as sent, decrypted. */
    public String request() {
        return client.sent();
    }

    /** The HTTP response as received, decrypted. */
    public String response() {
        return client.received();
    }

    /** Which side sent close_notify first. */
    public TlsSide closedFirst() {
        return closeOrder.isEmpty() ? null : closeOrder.get(0).side();
    }

    /** A capture filter for this connection, e.g. {@code tcp port 40123}. */
    public String captureFilter() {
        return "tcp port " + serverPort();
    }
}
