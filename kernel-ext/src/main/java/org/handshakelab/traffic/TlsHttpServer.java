package org.handshakelab.traffic;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.handshakelab.LabException;

/**
 * An HTTPS server on 127.0.0.1 that serves exactly one connection: TLS handshake with the options' certificate,
 * one {@code GET} answered {@code 200 OK}, close_notify both ways, FIN both ways. Close it to stop waiting.
 *
 * <pre>
 * try (TlsHttpServer server = TlsHttpServer.start(options)) {
 *     // start a capture on server.port() here
 *     TlsExchange exchange = TlsExchange.run(server);
 * }
 * </pre>
 */
public final class TlsHttpServer implements AutoCloseable {

    private final TlsOptions options;
    private final ServerSocket serverSocket;
    private final TlsCloseLog closeLog = new TlsCloseLog();
    private final TlsPeerLog log = new TlsPeerLog(TlsSide.SERVER, closeLog);
    private final CompletableFuture<TlsEndpoint> result = new CompletableFuture<>();
    private final Thread thread;
    private volatile Socket connection;

    private TlsHttpServer(TlsOptions options, ServerSocket serverSocket) {
        this.options = options;
        this.serverSocket = serverSocket;
        this.thread = new Thread(this::serve, "tls-server-" + serverSocket.getLocalPort());
        thread.setDaemon(true);
    }

    /** Binds 127.0.0.1 on {@code options.port()} (0: a free port) and waits for one client in the background. */
    public static TlsHttpServer start(TlsOptions options) {
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 1);
            socket.setSoTimeout(timeoutMillis(options));
        } catch (IOException e) {
            closeQuietly(socket);
            throw LabException.of("TLS server on 127.0.0.1:" + options.port(), "cannot listen: " + e.getMessage(),
                    "use port 0 for a free port, or stop what listens there", e);
        }
        TlsHttpServer server = new TlsHttpServer(options, socket);
        server.thread.start();
        return server;
    }

    /** The port it listens on. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Its options. */
    public TlsOptions options() {
        return options;
    }

    TlsCloseLog closeLog() {
        return closeLog;
    }

    /**
     * Waits for the served connection to end and returns what the server saw.
     *
     * @throws LabException when no client came within the timeout or the connection failed
     */
    public TlsEndpoint await() {
        try {
            return result.get(3 * timeoutMillis(options), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw failure("the connection did not end within " + 3 * timeoutMillis(options) + " ms", e);
        } catch (ExecutionException e) {
            throw failure(TlsFailures.describe(e.getCause(), log), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting", e);
        }
    }

    /** How the served connection failed, if it ended in failure within {@code wait}. */
    Optional<LabException> failureWithin(Duration wait) {
        try {
            result.get(Math.min(wait.toMillis(), 3L * timeoutMillis(options)), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(failure(TlsFailures.describe(e.getCause(), log), e.getCause()));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Stops listening, drops a connection still open and waits for the server thread to end. */
    @Override
    public void close() {
        closeQuietly(serverSocket);
        closeQuietly(connection);
        try {
            thread.join(timeoutMillis(options));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private LabException failure(String problem, Throwable cause) {
        return LabException.of("TLS server on 127.0.0.1:" + port(), problem,
                TlsFailures.remedy(cause, log), cause);
    }

    private void serve() {
        try (Socket socket = serverSocket.accept()) {
            connection = socket;
            serverSocket.close(); // one connection only: later clients are refused, not left waiting
            socket.setSoTimeout(timeoutMillis(options));
            socket.setTcpNoDelay(true); // each flight leaves at once, as timing charts expect
            TlsServerProtocol protocol = new TlsServerProtocol();
            TlsWire wire = new TlsWire(socket, protocol, log);
            protocol.accept(new TlsServerPeer(new BcTlsCrypto(new SecureRandom()), options.serverKey(), log));
            wire.handshake();
            byte[] request = wire.receiveUntil(TlsHttp::isCompleteRequest);
            byte[] response = TlsHttp.response(options.body());
            wire.send(response);
            if (options.closeFirst() == TlsSide.SERVER) {
                wire.closeFirst();
            } else {
                wire.closeSecond();
            }
            result.complete(new TlsEndpoint(TlsSide.SERVER, socket.getLocalPort(), socket.getPort(), log.version(),
                    log.cipherSuite(), log.keyLog(), new String(response, StandardCharsets.UTF_8),
                    new String(request, StandardCharsets.UTF_8), log.closeNotifyReceived(), log.alerts()));
        } catch (Throwable e) {
            result.completeExceptionally(e);
        } finally {
            closeQuietly(serverSocket);
        }
    }

    static int timeoutMillis(TlsOptions options) {
        return (int) Math.max(1, options.timeout().toMillis());
    }

    static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing is best effort: the socket may already be gone
            }
        }
    }
}
