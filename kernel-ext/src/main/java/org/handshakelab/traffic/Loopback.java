package org.handshakelab.traffic;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import org.handshakelab.LabException;

/**
 * The loopback address the lab's traffic runs on, free ports on it, and sockets with bounded waits.
 *
 * <p>Everything binds 127.0.0.1 (never a wildcard address), so nothing the lab starts is reachable from the
 * network, and a capture on {@code lo} sees all of it. Every connect and read has a timeout.
 */
public final class Loopback {

    /** The address as text, as it appears in {@code Host:} headers and Wireshark's {@code ip.addr}. */
    public static final String HOST = "127.0.0.1";

    /** 127.0.0.1. */
    public static final InetAddress ADDRESS = address();

    /** The default bound on connects and reads. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    /**
     * How long the side that closes second waits after the peer's FIN before sending its own. Linux delays the
     * ACK of a FIN (up to 200 ms); closing at once would piggyback that ACK on our FIN, and the capture would show
     * three segments instead of the textbook four: FIN, ACK, FIN, ACK.
     */
    public static final Duration CLOSE_PAUSE = Duration.ofMillis(250);

    private static final int BACKLOG = 16;

    private Loopback() {
    }

    private static InetAddress address() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("127.0.0.1 is a valid address", e);
        }
    }

    /** A server socket on 127.0.0.1 and a free port chosen by the kernel; accepts time out after {@code timeout}. */
    public static ServerSocket listen(Duration timeout) {
        ServerSocket server = null;
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(ADDRESS, 0), BACKLOG);
            server.setSoTimeout(millis(timeout, "timeout"));
            return server;
        } catch (IOException e) {
            closeQuietly(server);
            throw new LabException("listen on " + HOST + ": " + e.getMessage() + "; check that the loopback "
                    + "interface is up (ip link set lo up)", e);
        }
    }

    /**
     * A port on 127.0.0.1 where nothing listens right now: the kernel picks a free one, we close it again.
     * Another program could take it in between; on a lab machine that is rare enough.
     */
    public static int freePort() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(ADDRESS, 0), 1);
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new LabException("find a free port on " + HOST + ": " + e.getMessage() + "; check that the "
                    + "loopback interface is up (ip link set lo up)", e);
        }
    }

    /**
     * A client socket bound to 127.0.0.1 (so its port is known even if the connect fails) and not yet connected;
     * reads time out after {@code timeout}.
     */
    public static Socket unconnected(Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(ADDRESS, 0));
            socket.setSoTimeout(millis(timeout, "timeout"));
            return socket;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /** Connects {@code socket} to 127.0.0.1:{@code port}, waiting at most {@code timeout}. */
    public static void connect(Socket socket, int port, Duration timeout) throws IOException {
        Objects.requireNonNull(socket, "socket");
        socket.connect(new InetSocketAddress(ADDRESS, checkPort(port)), millis(timeout, "timeout"));
    }

    /** {@code 127.0.0.1:port}. */
    public static String hostPort(int port) {
        return HOST + ":" + checkPort(port);
    }

    /** Checks a TCP port number. */
    public static int checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
        return port;
    }

    /** A timeout in whole milliseconds, 1 ms to 10 minutes: bounded waits only, never 0 (which means forever). */
    static int millis(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException(name + " must be 1 ms..10 min: " + timeout);
        }
        return (int) Math.max(1, timeout.toMillis());
    }

    /** Waits {@link #CLOSE_PAUSE}; an interrupt cuts it short and stays set. */
    static void pauseBeforeClose() {
        try {
            Thread.sleep(CLOSE_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // closing after a failure: the first failure is the one to report
            }
        }
    }
}
