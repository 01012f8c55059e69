package org.handshakelab.traffic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A TCP relay on 127.0.0.1 for one connection that keeps a copy of the bytes each way: the wire, seen from outside. */
final class TlsRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
    private final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
    private final Thread thread;

    private TlsRelay(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        listener.setSoTimeout(10_000);
        this.thread = new Thread(this::relay, "tls-relay");
        thread.setDaemon(true);
        thread.start();
    }

    static TlsRelay to(int port) throws IOException {
        return new TlsRelay(port);
    }

    int port() {
        return listener.getLocalPort();
    }

    synchronized byte[] clientBytes() {
        return fromClient.toByteArray();
    }

    synchronized byte[] serverBytes() {
        return fromServer.toByteArray();
    }

    private void relay() {
        try (Socket client = listener.accept();
             Socket server = new Socket(InetAddress.getLoopbackAddress(), target)) {
            client.setSoTimeout(10_000);
            server.setSoTimeout(10_000);
            Thread up = new Thread(() -> copy(client, server, fromClient), "tls-relay-up");
            up.start();
            copy(server, client, fromServer);
            up.join(10_000);
        } catch (IOException | InterruptedException e) {
            // the test sees a failed exchange
        }
    }

    private void copy(Socket from, Socket to, ByteArrayOutputStream copy) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (this) {
                    copy.write(buffer, 0, n);
                }
                out.write(buffer, 0, n);
            }
            to.shutdownOutput(); // pass the FIN on
        } catch (IOException e) {
            // the other direction reports
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        listener.close();
        thread.join(10_000);
    }
}
