package org.handshakelab.traffic;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.handshakelab.LabException;

/**
 * One HTTP/1.1 conversation on loopback, client side, and what it did: the generator behind the lab's HTTP
 * captures.
 *
 * <p>The client is a raw socket, so the request bytes are exactly {@link #request(String, int, boolean)}: no
 * library adds headers or tries an h2c upgrade. How the TCP connection ends is the point of each
 * {@link HttpVariant}: a FIN from the client first (keep-alive), a FIN from the server first
 * ({@code Connection: close}), an RST from the client, or a refused connect.
 *
 * <pre>{@code
 * HttpExchange ex = HttpExchange.run(HttpVariant.KEEP_ALIVE);   // own server, then stopped
 * ex.requests();     // ["GET /hello HTTP/1.1\r\nHost: 127.0.0.1:41234\r\n...", "GET /again ..."]
 * ex.ending();       // CLIENT_CLOSED_FIRST
 * }</pre>
 *
 * @param variant    what was done
 * @param serverPort the server's TCP port
 * @param clientPort the client's TCP port (known even when the connect was refused)
 * @param requests   the requests sent, byte for byte (ASCII), in order
 * @param responses  the responses received (head and body), in order
 * @param ending     how the TCP connection ended
 */
public record HttpExchange(HttpVariant variant, int serverPort, int clientPort, List<String> requests,
                           List<String> responses, TcpEnding ending) {

    /** The client's {@code User-Agent}. */
    public static final String USER_AGENT = "HandshakeLab/0.1";

    /** Copies the lists and checks the components. */
    public HttpExchange {
        Objects.requireNonNull(variant, "variant");
        requests = List.copyOf(Objects.requireNonNull(requests, "requests"));
        responses = List.copyOf(Objects.requireNonNull(responses, "responses"));
        Objects.requireNonNull(ending, "ending");
        Loopback.checkPort(serverPort);
        Loopback.checkPort(clientPort);
    }

    /** The request the client sends for {@code path}, exactly: request line, Host, User-Agent, Accept. */
    public static String request(String path, int serverPort, boolean connectionClose) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c >= 0x7F)) {
            throw new IllegalArgumentException("path must start with / and be printable ASCII: \"" + path + "\"");
        }
        return HttpMessages.request(path, serverPort, connectionClose);
    }

    /**
     * Runs {@code variant} against its own {@link HttpLabServer}, started for it and stopped after the server
     * has finished the connection (REFUSED uses a free port with nothing listening instead).
     */
    public static HttpExchange run(HttpVariant variant) {
        Objects.requireNonNull(variant, "variant");
        if (variant == HttpVariant.REFUSED) {
            return run(variant, Loopback.freePort());
        }
        try (HttpLabServer server = HttpLabServer.start()) {
            HttpExchange exchange = run(variant, server.port());
            server.awaitConnections(1, Loopback.TIMEOUT);
            return exchange;
        }
    }

    /** Runs {@code variant} against a server on 127.0.0.1:{@code serverPort}, with {@link Loopback#TIMEOUT}. */
    public static HttpExchange run(HttpVariant variant, int serverPort) {
        return run(variant, serverPort, Loopback.TIMEOUT);
    }

    /**
     * Runs {@code variant} against 127.0.0.1:{@code serverPort}; connects and reads wait at most
     * {@code timeout}.
     *
     * @throws LabException when the server does not answer as expected (or, for REFUSED, when something
     *                      listens)
     */
    public static HttpExchange run(HttpVariant variant, int serverPort, Duration timeout) {
        Objects.requireNonNull(variant, "variant");
        Loopback.checkPort(serverPort);
        Loopback.millis(timeout, "timeout");
        String where = "http " + variant + " to " + Loopback.hostPort(serverPort);
        List<String> requests = new ArrayList<>();
        List<String> responses = new ArrayList<>();
        int clientPort = 0;
        try (Socket socket = Loopback.unconnected(timeout)) {
            clientPort = socket.getLocalPort();
            try {
                Loopback.connect(socket, serverPort, timeout);
            } catch (ConnectException e) {
                if (variant == HttpVariant.REFUSED) {
                    return new HttpExchange(variant, serverPort, clientPort, requests, responses, TcpEnding.REFUSED);
                }
                throw new LabException(where + ": connection refused; start the server first (HttpLabServer.start())",
                        e);
            }
            if (variant == HttpVariant.REFUSED) {
                throw new LabException(where + ": the connect succeeded, so something listens there; use a port "
                        + "with no listener (Loopback.freePort())");
            }
            converse(socket, variant, serverPort, requests, responses);
            if (variant == HttpVariant.RESET) {
                socket.setSoLinger(true, 0); // close() now sends RST and drops the connection
            }
        } catch (IOException e) {
            throw new LabException(where + ": " + e.getMessage() + " (after " + requests.size() + " requests); "
                    + "check that an HttpLabServer runs on that port", e);
        }
        return new HttpExchange(variant, serverPort, clientPort, requests, responses, variant.ending());
    }

    private static void converse(Socket socket, HttpVariant variant, int serverPort, List<String> requests,
                                 List<String> responses) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        List<String> paths = variant.paths();
        for (int i = 0; i < paths.size(); i++) {
            boolean last = i == paths.size() - 1;
            String request = HttpMessages.request(paths.get(i), serverPort, variant.connectionClose() && last);
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            requests.add(request);
            String head = HttpMessages.readHead(in);
            if (head == null) {
                throw new IOException("the server closed the connection without answering");
            }
            responses.add(head + HttpMessages.readBody(in, head));
        }
        if (variant == HttpVariant.KEEP_ALIVE) {
            socket.shutdownOutput(); // our FIN first ...
            expectEnd(in);           // ... then the server's
        } else if (variant == HttpVariant.CLOSE) {
            expectEnd(in);           // the server's FIN first; ours follows when the socket closes
            Loopback.pauseBeforeClose();
        }
    }

    private static void expectEnd(InputStream in) throws IOException {
        int b = in.read();
        if (b >= 0) {
            throw new IOException("unexpected data after the last response (byte 0x" + Integer.toHexString(b) + ")");
        }
    }

    /** The status lines of the responses, e.g. {@code "HTTP/1.1 200 OK"}. */
    public List<String> statusLines() {
        return responses.stream().map(HttpMessages::firstLine).toList();
    }

    /** Whether the connect was refused (nothing listened). */
    public boolean refused() {
        return ending == TcpEnding.REFUSED;
    }
}
