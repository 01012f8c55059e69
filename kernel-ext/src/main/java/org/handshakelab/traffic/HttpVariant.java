package org.handshakelab.traffic;

import java.util.List;

/** The HTTP/1.1 conversations {@link HttpExchange} can have, each ending its TCP connection differently. */
public enum HttpVariant {
    /** Two requests on one persistent connection (RFC 9112 §9.3), then the client closes: FIN, FIN. */
    KEEP_ALIVE(List.of("/hello", "/again"), false, TcpEnding.CLIENT_CLOSED_FIRST),
    /** One request with {@code Connection: close} (RFC 9112 §9.6): the server closes first, then the client. */
    CLOSE(List.of("/hello"), true, TcpEnding.SERVER_CLOSED_FIRST),
    /** One request, then the client aborts the connection with RST instead of closing it. */
    RESET(List.of("/hello"), false, TcpEnding.CLIENT_RESET),
    /** A connect to a port where nothing listens: SYN, then RST,ACK; no request is sent. */
    REFUSED(List.of(), false, TcpEnding.REFUSED);

    private final List<String> paths;
    private final boolean connectionClose;
    private final TcpEnding ending;

    HttpVariant(List<String> paths, boolean connectionClose, TcpEnding ending) {
        this.paths = paths;
        this.connectionClose = connectionClose;
        this.ending = ending;
    }

    /** The request paths, in order. */
    public List<String> paths() {
        return paths;
    }

    /** Whether the (last) request says {@code Connection: close}. */
    public boolean connectionClose() {
        return connectionClose;
    }

    /** How the connection ends. */
    public TcpEnding ending() {
        return ending;
    }
}
