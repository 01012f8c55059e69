package org.handshakelab.traffic;

/**
 * One step of closing a TLS connection, in the order it went on the wire.
 *
 * @param side who sent it
 * @param kind what was sent
 */
public record TlsCloseEvent(TlsSide side, Kind kind) {

    /** What a side sends while closing. */
    public enum Kind {
        /** The close_notify alert (RFC 8446 §6.1, RFC 5246 §7.2.1), encrypted like any record. */
        CLOSE_NOTIFY("close_notify"),
        /** The TCP FIN: the side will send nothing more. */
        FIN("FIN");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /** The name as Wireshark shows it. */
        public String wireName() {
            return wireName;
        }
    }

    /** Checks the fields. */
    public TlsCloseEvent {
        if (side == null || kind == null) {
            throw new IllegalArgumentException("side and kind must not be null");
        }
    }

    /** An event. */
    public static TlsCloseEvent of(TlsSide side, Kind kind) {
        return new TlsCloseEvent(side, kind);
    }

    /** {@code "client close_notify"}. */
    @Override
    public String toString() {
        return side + " " + kind.wireName();
    }
}
