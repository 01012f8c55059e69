package org.handshakelab.dissect.tls;

/** ServerHelloDone (RFC 5246 §7.4.5): the server's first flight is complete; it has no body. */
public record ServerHelloDone() implements TlsHandshake {

    @Override
    public int type() {
        return TlsHandshakeType.SERVER_HELLO_DONE.code();
    }
}
