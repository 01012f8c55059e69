package org.handshakelab.traffic;

/** How a TCP connection ended, as the lab's generators make it end: who closed first, or how it failed. */
public enum TcpEnding {
    /** The client sent the first FIN, the server answered with its own: a normal four-way close. */
    CLIENT_CLOSED_FIRST("the client sent the first FIN, then the server sent its FIN"),
    /** The server sent the first FIN (HTTP {@code Connection: close}), then the client sent its FIN. */
    SERVER_CLOSED_FIRST("the server sent the first FIN, then the client sent its FIN"),
    /** The client aborted with RST (SO_LINGER 0, then close) instead of a FIN. */
    CLIENT_RESET("the client aborted the connection with RST"),
    /** Nothing listened on the port: the client's SYN was answered with RST,ACK. */
    REFUSED("nothing listened: the SYN was answered with RST,ACK");

    private final String description;

    TcpEnding(String description) {
        this.description = description;
    }

    /** One sentence saying what is on the wire. */
    public String description() {
        return description;
    }
}
