package org.handshakelab.traffic;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.handshakelab.LabException;

/**
 * An HTTPS client for one request: connects to 127.0.0.1, runs the TLS handshake with SNI and the host check,
 * sends {@code GET <path> HTTP/1.1}, reads the response by its Content-Length, and closes with close_notify and
 * FIN. It keeps the session's secrets as an NSS key log, the way a browser does with {@code SSLKEYLOGFILE}.
 */
public final class TlsHttpClient {

    private TlsHttpClient() {
    }

    /**
     * One request to the lab's TLS server on 127.0.0.1:{@code port}.
     *
     * @throws LabException when the connection or the handshake fails (e.g. the host check), naming the alert
     */
    public static TlsEndpoint get(int port, TlsOptions options) {
        return get(port, options, new TlsCloseLog());
    }

    static TlsEndpoint get(int port, TlsOptions options, TlsCloseLog closeLog) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
        TlsPeerLog log = new TlsPeerLog(TlsSide.CLIENT, closeLog);
        int timeout = TlsHttpServer.timeoutMillis(options);
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeout);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeout);
            TlsClientProtocol protocol = new TlsClientProtocol();
            TlsWire wire = new TlsWire(socket, protocol, log);
            protocol.connect(new TlsClientPeer(new BcTlsCrypto(new SecureRandom()), options, log));
            wire.handshake();
            byte[] request = TlsHttp.request(options.serverName(), port, options.path());
            wire.send(request);
            byte[] response = wire.receiveUntil(TlsHttp::isCompleteResponse);
            if (options.closeFirst() == TlsSide.CLIENT) {
                wire.closeFirst();
            } else {
                wire.closeSecond();
            }
            return new TlsEndpoint(TlsSide.CLIENT, socket.getLocalPort(), port, log.version(), log.cipherSuite(),
                    log.keyLog(), new String(request, StandardCharsets.UTF_8),
                    new String(response, StandardCharsets.UTF_8), log.closeNotifyReceived(), log.alerts());
        } catch (IOException | RuntimeException e) {
            throw LabException.of("TLS client to " + options.serverName() + " (127.0.0.1:" + port + ")",
                    TlsFailures.describe(e, log), TlsFailures.remedy(e, log), e);
        }
    }
}
