package org.handshakelab.dissect;

/**
 * Receives what a {@link StreamDissector} finds. Every call names the frame (1-based, as Wireshark
 * numbers frames) on which the thing is complete: a TLS record spanning three segments is reported
 * on the third.
 */
public interface DissectionSink {

    /**
     * One value of a table field, in wire order: a frame that completes two TLS records gets two
     * {@link Field#TLS_RECORD_CONTENT_TYPE} calls. Values are formatted as tshark prints them
     * ({@code 22}, {@code 1}, {@code GET}, {@code 200}, {@code SSH-2.0-OpenSSH_9.2}).
     */
    void field(int frame, Field field, String value);

    /** The handshake step this frame completes, e.g. "TLS ClientHello", "SSH KEXINIT (server)". */
    void phase(int frame, String label);

    /** Something malformed in this frame's bytes: where and what. Never thrown, always reported. */
    void anomaly(int frame, String message);

    /**
     * A dissected message (a record from {@code dissect.tls}, {@code dissect.ssh} or
     * {@code dissect.http}), for the detail views. {@code direction} is 0 from the client (the side
     * that opened the connection), 1 from the server.
     */
    default void message(int frame, int direction, Object message) {
    }

    /**
     * Whether this sink uses {@link #message}: one that keeps only fields, phases and anomalies (the packet
     * table) says no, and dissectors may then skip building what only the messages carry (HTTP's header
     * fields, for example). The fields, phases and anomalies reported are the same either way.
     */
    default boolean keepsMessages() {
        return true;
    }
}
