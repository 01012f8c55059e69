package org.handshakelab.traffic;

import java.util.List;

/**
 * What one end of a finished TLS connection knows about it.
 *
 * @param side                which end
 * @param localPort           its TCP port
 * @param peerPort            the other end's TCP port
 * @param version             the negotiated version
 * @param cipherSuite         the negotiated cipher suite
 * @param keyLog              the session's secrets as this end derived them
 * @param sent                the application data it sent (the HTTP request or response), decrypted
 * @param received            the application data it received, decrypted
 * @param closeNotifyReceived whether the peer's close_notify arrived before its FIN
 * @param alerts              alerts other than close_notify it sent or received (empty when all went well)
 */
public record TlsEndpoint(TlsSide side, int localPort, int peerPort, TlsVersion version, TlsCipherSuite cipherSuite,
        KeyLog keyLog, String sent, String received, boolean closeNotifyReceived, List<String> alerts) {

    /** Checks and copies. */
    public TlsEndpoint {
        if (side == null || version == null || cipherSuite == null || keyLog == null || sent == null
                || received == null || alerts == null) {
            throw new IllegalArgumentException("side, version, cipherSuite, keyLog, sent, received and alerts must be set");
        }
        alerts = List.copyOf(alerts);
    }

    /** The first line of what it received: {@code HTTP/1.1 200 OK} at the client, the request line at the server. */
    public String receivedFirstLine() {
        int end = received.indexOf("\r\n");
        return end < 0 ? received : received.substring(0, end);
    }
}
