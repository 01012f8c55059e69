package org.handshakelab.traffic;

/** The two ends of a TLS connection. */
public enum TlsSide {
    /** The end that sends the ClientHello. */
    CLIENT,
    /** The end that presents the certificate. */
    SERVER;

    /** The other end. */
    public TlsSide peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
