package org.handshakelab.traffic;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.handshakelab.LabException;

/**
 * A small HTTP/1.1 server on 127.0.0.1 and a free port, written on plain sockets so that every byte and every
 * close is the lab's choice: it answers each {@code GET} with {@code 200 OK} and a short text body framed by
 * {@code Content-Length}, keeps the connection open for the next request unless asked to close it, and closes
 * cleanly (its FIN only after the client's, or after the response to {@code Connection: close}).
 *
 * <pre>{@code
 * try (HttpLabServer server = HttpLabServer.start()) {
 *     HttpExchange exchange = HttpExchange.run(HttpVariant.KEEP_ALIVE, server.port());
 * }
 * }</pre>
 *
 * <p>Each connection runs on its own daemon thread; at most {@value #MAX_CONNECTIONS} at a time. Idle reads time
 * out; {@link #close()} stops everything within a bounded time.
 */
public final class HttpLabServer implements AutoCloseable {

    /** Connections served at once; more are closed at once (the lab makes one or two). */
    public static final int MAX_CONNECTIONS = 8;

    private final ServerSocket listener;
    private final Duration timeout;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final List<HttpConnection> done = new ArrayList<>();
    private volatile boolean closed;

    private HttpLabServer(Duration timeout) {
        this.timeout = timeout;
        this.listener = Loopback.listen(Duration.ofMillis(200)); // accept wakes up to notice close()
        this.acceptor = new Thread(this::acceptLoop, "http-lab-server-" + listener.getLocalPort());
        acceptor.setDaemon(true);
    }

    /** Starts a server on 127.0.0.1 and a free port, with {@link Loopback#TIMEOUT} on idle reads. */
    public static HttpLabServer start() {
        return start(Loopback.TIMEOUT);
    }

    /** Starts a server whose reads give up after {@code timeout} of silence (then it closes the connection). */
    public static HttpLabServer start(Duration timeout) {
        Loopback.millis(timeout, "timeout");
        HttpLabServer server = new HttpLabServer(timeout);
        server.acceptor.start();
        return server;
    }

    /** The TCP port the server listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The connections finished so far, in the order they finished. */
    public synchronized List<HttpConnection> connections() {
        return List.copyOf(done);
    }

    /**
     * Waits until {@code count} connections are finished (the server has sent its last segment on them), at most
     * {@code timeout}; returns them, or throws LabException on timeout.
     */
    public synchronized List<HttpConnection> awaitConnections(int count, Duration timeout) {
        if (count < 0 || count > 1000) {
            throw new IllegalArgumentException("count must be 0..1000: " + count);
        }
        long end = System.nanoTime() + Objects.requireNonNull(timeout, "timeout").toNanos();
        try {
            while (done.size() < count) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new LabException("http server on " + Loopback.hostPort(port()) + ": " + done.size()
                            + " of " + count + " connections finished after " + timeout.toMillis() + " ms; "
                            + "check that the client connected");
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.copyOf(done);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return; // closed
            }
            if (closed || open.size() >= MAX_CONNECTIONS) {
                Loopback.closeQuietly(socket);
                continue;
            }
            open.add(socket);
            Thread worker = new Thread(() -> serve(socket), "http-lab-conn-" + socket.getPort());
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    private void serve(Socket socket) {
        List<String> requests = new ArrayList<>();
        TcpEnding ending;
        try {
            socket.setSoTimeout(Loopback.millis(timeout, "timeout"));
            ending = converse(socket, requests);
        } catch (SocketException e) {
            // "Connection reset": the client sent RST; anything else here is our own close()
            boolean reset = !closed && String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT)
                    .contains("reset");
            ending = reset ? TcpEnding.CLIENT_RESET : TcpEnding.SERVER_CLOSED_FIRST;
        } catch (IOException e) {
            // a timeout or a malformed request: the server gives up and closes first
            ending = TcpEnding.SERVER_CLOSED_FIRST;
        } finally {
            Loopback.closeQuietly(socket);
            open.remove(socket);
            workers.remove(Thread.currentThread());
        }
        synchronized (this) {
            done.add(new HttpConnection(socket.getPort(), requests, ending));
            notifyAll();
        }
    }

    private TcpEnding converse(Socket socket, List<String> requests) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        while (true) {
            String head = HttpMessages.readHead(in);
            if (head == null) {
                Loopback.pauseBeforeClose();
                return TcpEnding.CLIENT_CLOSED_FIRST; // the client's FIN came first; ours follows in close()
            }
            String line = HttpMessages.firstLine(head);
            requests.add(line);
            String[] parts = line.split(" ");
            boolean good = parts.length == 3 && parts[0].equals("GET") && parts[1].startsWith("/")
                    && parts[2].startsWith("HTTP/1.");
            boolean close = !good || HttpMessages.wantsClose(head);
            String response = good ? HttpMessages.response(200, "OK", HttpMessages.body(parts[1]), close)
                    : HttpMessages.response(400, "Bad Request", "bad request\n", true);
            out.write(response.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (close) {
                // our FIN first; then wait for the client's FIN so the close is clean (no RST for unread data)
                socket.shutdownOutput();
                while (in.read() >= 0) {
                    // discard whatever the client still sends
                }
                // the client has closed too; our close() only frees the socket (no segment left to send)
                return TcpEnding.SERVER_CLOSED_FIRST;
            }
        }
    }

    /** Stops accepting, closes open connections and waits (bounded) for their threads. */
    @Override
    public void close() {
        closed = true;
        Loopback.closeQuietly(listener);
        open.forEach(Loopback::closeQuietly);
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        List<Thread> threads = new ArrayList<>(workers);
        threads.add(acceptor);
        for (Thread t : threads) {
            long left = end - System.nanoTime();
            if (left > 0) {
                try {
                    t.join(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "HttpLabServer[" + Loopback.hostPort(port()) + ", " + connections().size() + " connections done]";
    }
}
