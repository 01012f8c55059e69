package org.handshakelab.traffic;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.function.Predicate;

import org.bouncycastle.tls.TlsProtocol;

/**
 * Drives a BouncyCastle {@link TlsProtocol} in non-blocking mode over a socket.
 *
 * <p>Non-blocking mode is used, rather than BouncyCastle's blocking streams, because those close the socket
 * together with the TLS session: here the socket stays ours, so each end sends close_notify, then its FIN,
 * in the order the lab wants to show, and nothing is reset.
 */
final class TlsWire {

    private static final int CHUNK = 16 * 1024 + 2048;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final TlsProtocol protocol;
    private final TlsPeerLog log;
    private final byte[] inBuffer = new byte[CHUNK];
    private final byte[] outBuffer = new byte[CHUNK];
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    TlsWire(Socket socket, TlsProtocol protocol, TlsPeerLog log) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.protocol = protocol;
        this.log = log;
    }

    /** Runs the handshake the protocol has begun (connect or accept) to its end. */
    void handshake() throws IOException {
        flush();
        while (protocol.isHandshaking()) {
            if (!pump()) {
                throw new EOFException("the peer closed the connection during the handshake");
            }
        }
        if (!protocol.isConnected()) {
            throw new EOFException("the handshake ended without a connection");
        }
    }

    /** Encrypts and sends application data. */
    void send(byte[] data) throws IOException {
        protocol.writeApplicationData(data, 0, data.length);
        flush();
    }

    /** Receives application data until {@code complete} holds for all received so far; returns all of it. */
    byte[] receiveUntil(Predicate<byte[]> complete) throws IOException {
        while (!complete.test(received.toByteArray())) {
            if (!pump()) {
                throw new EOFException("the peer closed the connection after " + received.size()
                        + " bytes of application data");
            }
        }
        return received.toByteArray();
    }

    /**
     * Closes first: close_notify, then wait for the peer's close_notify and FIN, then our FIN. Once closed,
     * BouncyCastle accepts no more input, so the peer's answer is read as raw bytes up to its FIN.
     */
    void closeFirst() throws IOException {
        protocol.close();
        flush();
        drainToEof();
        finish();
    }

    /** Closes second: wait for the peer's close_notify (BouncyCastle answers it), then our FIN. */
    void closeSecond() throws IOException {
        while (!protocol.isClosed()) {
            if (!pump()) {
                break; // a FIN without close_notify: the close log shows the missing alert
            }
        }
        flush();
        finish();
        drainToEof();
    }

    private void finish() throws IOException {
        log.fin();
        socket.shutdownOutput();
    }

    /** Reads what arrives, feeds it to the protocol, sends any answer; false at the peer's FIN. */
    private boolean pump() throws IOException {
        int n = in.read(inBuffer);
        if (n < 0) {
            return false;
        }
        try {
            protocol.offerInput(inBuffer, 0, n);
        } catch (IOException | RuntimeException e) {
            // a failing offerInput has queued a fatal alert: send it so the peer learns why
            flushQuietly();
            throw e;
        }
        flush();
        int available;
        while ((available = protocol.getAvailableInputBytes()) > 0) {
            int r = protocol.readInput(inBuffer, 0, Math.min(available, inBuffer.length));
            received.write(inBuffer, 0, r);
        }
        return true;
    }

    private void drainToEof() throws IOException {
        while (in.read(inBuffer) >= 0) {
            // the peer's last records; the protocol is closed and takes no more
        }
    }

    private void flush() throws IOException {
        int available;
        while ((available = protocol.getAvailableOutputBytes()) > 0) {
            int n = protocol.readOutput(outBuffer, 0, Math.min(available, outBuffer.length));
            out.write(outBuffer, 0, n);
        }
        out.flush();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (IOException | RuntimeException e) {
            // the connection is already failing; the original error is the one to report
        }
    }
}
