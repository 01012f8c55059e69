package org.handshakelab.traffic;

import java.util.Locale;

/**
 * One line of an NSS key log: {@code <label> <client_random hex> <secret hex>}.
 *
 * @param label        {@code CLIENT_RANDOM} (TLS 1.2 master secret) or a TLS 1.3 label such as
 *                     {@code CLIENT_HANDSHAKE_TRAFFIC_SECRET}
 * @param clientRandom the 32-byte ClientHello.random in lowercase hex: it names the session the secret is for
 * @param secret       the secret in lowercase hex
 */
public record KeyLogLine(String label, String clientRandom, String secret) {

    /** Checks the fields and lowercases the hex. */
    public KeyLogLine {
        if (label == null || !label.matches("[A-Z0-9_]{1,64}")) {
            throw new IllegalArgumentException("label must be 1..64 of A-Z, 0-9, _: " + label);
        }
        if (clientRandom == null || !clientRandom.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("clientRandom must be 64 hex digits: " + clientRandom);
        }
        if (secret == null || !secret.matches("([0-9a-fA-F]{2}){1,128}")) {
            throw new IllegalArgumentException("secret must be 1..128 bytes in hex: " + secret);
        }
        clientRandom = clientRandom.toLowerCase(Locale.ROOT);
        secret = secret.toLowerCase(Locale.ROOT);
    }

    /** A line from raw bytes. */
    public static KeyLogLine of(String label, byte[] clientRandom, byte[] secret) {
        return new KeyLogLine(label, KeyLog.hex(clientRandom), KeyLog.hex(secret));
    }

    /** The line as it appears in the file, without the newline. */
    public String text() {
        return label + " " + clientRandom + " " + secret;
    }

    @Override
    public String toString() {
        return text();
    }
}
