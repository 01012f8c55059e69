package org.handshakelab.dissect.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.handshakelab.LabException;
import org.handshakelab.capture.DecryptionSecret;
import org.handshakelab.capture.SecretsType;

/**
 * The secrets of an SSH key log as Wireshark's SSH dissector reads it ({@code ssh.keylog_file}, or a pcapng
 * Decryption Secrets Block of type {@code SSHK}), looked up by the 16-byte cookie of an SSH_MSG_KEXINIT
 * (RFC 4253 §7.1).
 *
 * <p>Lines: {@code <cookie> <private key>} (Wireshark 4.0: the ephemeral X25519 private scalar of the side
 * that sent the KEXINIT with that cookie, RFC 8731 §3), {@code <cookie> PRIVATE_KEY <key>} (the same, newer
 * form) and {@code <cookie> SHARED_SECRET <K>} (the shared secret K, big-endian, newer Wireshark). Blank lines
 * and lines starting with {@code #} are skipped; any other line that does not parse is kept as a
 * {@link Problem}, never thrown. {@link #toString()} never shows a secret.
 *
 * @param secrets  the usable lines, in file order
 * @param problems the lines that were not usable
 */
public record SshSecrets(List<Secret> secrets, List<Problem> problems) {

    private static final HexFormat HEX = HexFormat.of();
    /** Longest shared secret accepted: an 8192-bit DH group's K plus a sign byte. */
    static final int MAX_SHARED_SECRET = 1025;

    /** What a line gives for its cookie. */
    public enum Kind {
        /** The ephemeral private key (X25519 scalar) of the side that sent the cookie. */
        PRIVATE_KEY,
        /** The shared secret K of the key exchange the cookie started. */
        SHARED_SECRET
    }

    /**
     * One usable line.
     *
     * @param cookie the KEXINIT cookie, 32 lower-case hex digits ({@code ssh.cookie})
     * @param kind   what {@code value} is
     * @param value  the key bytes (copied in and out)
     */
    public record Secret(String cookie, Kind kind, byte[] value) {

        /** Checks the cookie and copies the value. */
        public Secret {
            Objects.requireNonNull(kind, "kind");
            if (cookie == null || !cookie.matches("[0-9a-f]{32}")) {
                throw new IllegalArgumentException("cookie must be 32 lower-case hex digits: " + cookie);
            }
            value = Objects.requireNonNull(value, "value").clone();
            if (kind == Kind.PRIVATE_KEY && value.length != 32) {
                throw new IllegalArgumentException("value must be 32 bytes for a private key: " + value.length);
            }
            if (value.length == 0 || value.length > MAX_SHARED_SECRET) {
                throw new IllegalArgumentException("value must be 1.." + MAX_SHARED_SECRET + " bytes: "
                        + value.length);
            }
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Secret s && s.cookie.equals(cookie) && s.kind == kind && Arrays.equals(s.value, value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(cookie, kind, Arrays.hashCode(value));
        }

        /** The cookie and the kind only: a secret stays out of logs and notebooks. */
        @Override
        public String toString() {
            return "Secret[cookie=" + cookie + ", " + kind + "]";
        }
    }

    /**
     * A line that could not be used.
     *
     * @param line    1-based line number
     * @param message what is wrong with it
     */
    public record Problem(int line, String message) {

        /** Checks for null. */
        public Problem {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return "SSH key log line " + line + ": " + message;
        }
    }

    /** Copies the lists. */
    public SshSecrets {
        secrets = List.copyOf(Objects.requireNonNull(secrets, "secrets"));
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    }

    /** No secrets: nothing is decrypted. */
    public static SshSecrets none() {
        return new SshSecrets(List.of(), List.of());
    }

    /** The secrets of a key log's text; bad lines become {@link #problems()}. */
    public static SshSecrets parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Secret> secrets = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                secrets.add(line(line));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(i + 1, e.getMessage()));
            }
        }
        return new SshSecrets(secrets, problems);
    }

    /** The secrets of a pcapng Decryption Secrets Block's bytes (type {@code SSHK}: the key log text). */
    public static SshSecrets of(byte[] keyLogBytes) {
        return parse(new String(Objects.requireNonNull(keyLogBytes, "keyLogBytes"), StandardCharsets.UTF_8));
    }

    /** The SSH secrets among a capture's Decryption Secrets Blocks; blocks of other types are skipped. */
    public static SshSecrets of(List<DecryptionSecret> blocks) {
        SshSecrets all = none();
        for (DecryptionSecret block : Objects.requireNonNull(blocks, "blocks")) {
            if (block.type() == SecretsType.SSH_KEY_LOG.code()) {
                all = all.and(of(block.secret()));
            }
        }
        return all;
    }

    /**
     * Reads a key log file.
     *
     * @throws LabException if the file cannot be read
     */
    public static SshSecrets read(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            // ISO-8859-1, as the TLS key log and KeyMaterial.keyLog read theirs: a key log is ASCII, and bytes that
            // are not UTF-8 make bad lines (problems), not an unreadable file
            return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw LabException.of(file.toString(), "cannot read the SSH key log (" + e.getMessage() + ")",
                    "pass the .keylog file written next to the capture, e.g. captures/ssh-exec.keylog", e);
        }
    }

    /** These secrets followed by {@code other}'s (e.g. a key log file and the capture's own block). */
    public SshSecrets and(SshSecrets other) {
        List<Secret> s = new ArrayList<>(secrets);
        s.addAll(other.secrets);
        List<Problem> p = new ArrayList<>(problems);
        p.addAll(other.problems);
        return new SshSecrets(s, p);
    }

    /** Whether there is no usable secret. */
    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    /** The first secret of {@code kind} for {@code cookie} (32 hex digits, any case). */
    public Optional<byte[]> find(String cookie, Kind kind) {
        String c = cookie.toLowerCase(Locale.ROOT);
        return secrets.stream().filter(s -> s.cookie.equals(c) && s.kind == kind).findFirst().map(Secret::value);
    }

    /** The number of secrets and problems only. */
    @Override
    public String toString() {
        return "SshSecrets[" + secrets.size() + " secrets, " + problems.size() + " bad lines]";
    }

    private static Secret line(String line) {
        String[] parts = line.split("\\s+");
        if (parts.length != 2 && parts.length != 3) {
            throw new IllegalArgumentException("expected \"<cookie> <private key>\" or \"<cookie> SHARED_SECRET|"
                    + "PRIVATE_KEY <key>\", found " + parts.length + " words");
        }
        String cookie = parts[0].toLowerCase(Locale.ROOT);
        if (!cookie.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("cookie must be 32 hex digits (16 bytes of SSH_MSG_KEXINIT): "
                    + abbreviate(parts[0]));
        }
        Kind kind = Kind.PRIVATE_KEY;
        if (parts.length == 3) {
            kind = switch (parts[1]) {
                case "SHARED_SECRET" -> Kind.SHARED_SECRET;
                case "PRIVATE_KEY" -> Kind.PRIVATE_KEY;
                default -> throw new IllegalArgumentException("key type must be SHARED_SECRET or PRIVATE_KEY: "
                        + abbreviate(parts[1]));
            };
        }
        String key = parts[parts.length - 1];
        if (key.length() % 2 != 0 || !key.matches("[0-9a-fA-F]+")) {
            throw new IllegalArgumentException("key must be an even number of hex digits (" + key.length()
                    + " characters)");
        }
        byte[] value = HEX.parseHex(key.toLowerCase(Locale.ROOT));
        if (kind == Kind.PRIVATE_KEY && value.length != 32) {
            throw new IllegalArgumentException("private key must be 32 bytes (an X25519 scalar): " + value.length);
        }
        if (value.length > MAX_SHARED_SECRET) {
            throw new IllegalArgumentException("shared secret must be at most " + MAX_SHARED_SECRET + " bytes: "
                    + value.length);
        }
        return new Secret(cookie, kind, value);
    }

    /** Never echoes a whole word: it might be a key. */
    private static String abbreviate(String word) {
        return word.length() <= 12 ? "\"" + word + "\"" : "\"" + word.substring(0, 8) + "...\" (" + word.length()
                + " characters)";
    }
}
