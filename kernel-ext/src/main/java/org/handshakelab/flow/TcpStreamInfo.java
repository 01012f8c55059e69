package org.handshakelab.flow;

/**
 * A TCP connection as Wireshark numbers it, seen from its client (the side that sent the SYN, or when
 * the SYN was not captured, the sender of the first segment other than a SYN-ACK).
 *
 * @param stream     {@code tcp.stream}
 * @param client     the client's address as Wireshark prints it
 * @param clientPort the client's port
 * @param server     the server's address
 * @param serverPort the server's port
 * @param firstFrame the frame that opened the stream
 */
public record TcpStreamInfo(int stream, String client, int clientPort, String server, int serverPort,
                            long firstFrame) {

    /** Checks the components. */
    public TcpStreamInfo {
        if (stream < 0) {
            throw new IllegalArgumentException("stream must be >= 0: " + stream);
        }
        if (client == null || server == null) {
            throw new IllegalArgumentException("client and server must not be null");
        }
        if (clientPort < 0 || clientPort > 0xFFFF || serverPort < 0 || serverPort > 0xFFFF) {
            throw new IllegalArgumentException("ports must be 0..65535: " + clientPort + ", " + serverPort);
        }
    }
}
