package org.handshakelab.traffic;

import java.util.List;
import java.util.Objects;

/**
 * One connection as an {@link HttpLabServer} saw it, recorded when the server is done with it.
 *
 * @param clientPort   the client's TCP port
 * @param requestLines the request lines received, in order (e.g. {@code "GET /hello HTTP/1.1"})
 * @param ending       how the connection ended, seen from the server
 */
public record HttpConnection(int clientPort, List<String> requestLines, TcpEnding ending) {

    /** Copies the list and checks the components. */
    public HttpConnection {
        requestLines = List.copyOf(Objects.requireNonNull(requestLines, "requestLines"));
        Objects.requireNonNull(ending, "ending");
    }
}
