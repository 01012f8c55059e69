package org.handshakelab.dissect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.handshakelab.LabException;
import org.handshakelab.capture.DecryptionSecret;
import org.handshakelab.dissect.ssh.SshSecrets;
import org.handshakelab.dissect.tls.TlsKeyLog;

/**
 * The secrets the dissectors may decrypt with, one part per protocol: the TLS key log (NSS format) and
 * the SSH key log (Wireshark's format). Taken from key log files the student names and from the
 * capture's own Decryption Secrets Blocks (see {@link #of(List)}).
 *
 * <pre>{@code
 * KeyMaterial keys = KeyMaterial.keyLog(Path.of("captures/https-tls13.keylog"))
 *         .and(KeyMaterial.of(capture.secrets()));
 * }</pre>
 *
 * @param tls the TLS secrets (NSS key log)
 * @param ssh the SSH secrets (KEXINIT cookie and ephemeral private key or shared secret)
 */
public record KeyMaterial(TlsKeyLog tls, SshSecrets ssh) {

    /** An SSH key log line starts with the 16-byte KEXINIT cookie in hex; an NSS line starts with a label. */
    private static final Pattern SSH_LINE = Pattern.compile("^\\s*[0-9a-fA-F]{32}\\s.*");

    private static final KeyMaterial NONE = new KeyMaterial(TlsKeyLog.empty(), SshSecrets.none());

    /** Checks the components. */
    public KeyMaterial {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(ssh, "ssh");
    }

    /** No secrets: nothing is decrypted. */
    public static KeyMaterial none() {
        return NONE;
    }

    /** The TLS and SSH secrets of a capture's Decryption Secrets Blocks ({@code capture.secrets()}). */
    public static KeyMaterial of(List<DecryptionSecret> blocks) {
        return new KeyMaterial(TlsKeyLog.of(blocks), SshSecrets.of(blocks));
    }

    /** Only SSH secrets. */
    public static KeyMaterial of(SshSecrets ssh) {
        return new KeyMaterial(TlsKeyLog.empty(), ssh);
    }

    /**
     * The secrets of a key log file of either kind, or both mixed: lines that start with a KEXINIT cookie
     * go to SSH, the others to TLS. A file that cannot be read is a {@code LabException}; bad lines are
     * {@link #problems()}, numbered as in the file.
     */
    public static KeyMaterial keyLog(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw LabException.of("key log " + file, "cannot be read (" + e.getMessage() + ")",
                    "check the path; a key log is the text file SSLKEYLOGFILE (TLS) or the lab's SSH key log");
        }
        String[] lines = text.split("\r?\n", -1);
        StringBuilder tlsLines = new StringBuilder();
        StringBuilder sshLines = new StringBuilder();
        for (String line : lines) {
            // Blank lines keep the line numbers of both parts equal to the file's.
            boolean ssh = SSH_LINE.matcher(line).matches();
            tlsLines.append(ssh ? "" : line).append('\n');
            sshLines.append(ssh ? line : "").append('\n');
        }
        return new KeyMaterial(TlsKeyLog.parse(tlsLines.toString(), file.getFileName().toString()),
                SshSecrets.parse(sshLines.toString()));
    }

    /** These secrets and {@code other}'s (other's win where both have one). */
    public KeyMaterial and(KeyMaterial other) {
        return new KeyMaterial(tls.and(other.tls), other.ssh.and(ssh));
    }

    /** Whether there is no secret of any protocol. */
    public boolean isEmpty() {
        return tls.isEmpty() && ssh.isEmpty();
    }

    /**
     * Whether there is nothing to decrypt with and nothing to report: no secret and no bad line. Keys with only
     * bad lines still go to the dissectors, so a session can say why it stayed encrypted.
     */
    public boolean isNone() {
        return isEmpty() && tls.problems().isEmpty() && ssh.problems().isEmpty();
    }

    /** Every line of every part that was skipped, with its source and reason. */
    public List<String> problems() {
        List<String> all = new ArrayList<>(tls.problems());
        ssh.problems().forEach(p -> all.add(p.toString()));
        return all;
    }
}
