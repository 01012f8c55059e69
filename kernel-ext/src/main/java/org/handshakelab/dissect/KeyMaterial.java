package org.handshakelab.dissect;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.handshakelab.capture.DecryptionSecret;
import org.handshakelab.dissect.tls.TlsKeyLog;

/**
 * The secrets the dissectors may decrypt with, one part per protocol: today the TLS key log; an SSH key log
 * can be added as a second component the same way. Taken from key log files the student names and from the
 * capture's own Decryption Secrets Blocks (see {@link #of(List)}).
 *
 * <pre>{@code
 * KeyMaterial keys = KeyMaterial.tlsKeyLog(Path.of("captures/https-tls13.keylog"))
 *         .and(KeyMaterial.of(capture.secrets()));
 * }</pre>
 *
 * @param tls the TLS secrets (NSS key log)
 */
public record KeyMaterial(TlsKeyLog tls) {

    private static final KeyMaterial NONE = new KeyMaterial(TlsKeyLog.empty());

    /** Checks the components. */
    public KeyMaterial {
        Objects.requireNonNull(tls, "tls");
    }

    /** No secrets: nothing is decrypted. */
    public static KeyMaterial none() {
        return NONE;
    }

    /** The secrets of a capture's Decryption Secrets Blocks ({@code capture.secrets()}). */
    public static KeyMaterial of(List<DecryptionSecret> blocks) {
        return new KeyMaterial(TlsKeyLog.of(blocks));
    }

    /** The TLS secrets of an NSS key log file; a file that cannot be read is a {@code LabException}. */
    public static KeyMaterial tlsKeyLog(Path file) {
        return new KeyMaterial(TlsKeyLog.read(file));
    }

    /** These secrets and {@code other}'s (other's win where both have one). */
    public KeyMaterial and(KeyMaterial other) {
        return new KeyMaterial(tls.and(other.tls));
    }

    /** Whether there is no secret of any protocol. */
    public boolean isEmpty() {
        return tls.isEmpty();
    }

    /** Every line of every part that was skipped, with its source and reason. */
    public List<String> problems() {
        return tls.problems();
    }
}
