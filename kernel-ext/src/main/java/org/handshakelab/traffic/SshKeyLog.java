package org.handshakelab.traffic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.handshakelab.LabException;

/**
 * The secrets of one SSH session in the key log format of Wireshark's SSH dissector ({@code ssh.keylog_file}).
 *
 * <p>Each line is {@code <cookie> <private key>} in lower-case hex: the 16-byte cookie of the SSH_MSG_KEXINIT sent
 * by one endpoint (RFC 4253 §7.1) and the ephemeral curve25519 private scalar of that same endpoint (RFC 8731 §3,
 * x for the client, y for the server). With either line Wireshark recomputes the shared secret K from the public
 * key of the other side, the exchange hash H and the session keys, and decrypts everything after SSH_MSG_NEWKEYS.
 *
 * @param entries one entry per endpoint and key exchange, in the order the exchanges started
 */
public record SshKeyLog(List<Entry> entries) {

    private static final HexFormat HEX = HexFormat.of();

    /** Which endpoint disclosed its secret. */
    public enum Role {
        /** The client: its KEXINIT cookie and its ephemeral private key x. */
        CLIENT,
        /** The server: its KEXINIT cookie and its ephemeral private key y. */
        SERVER
    }

    /**
     * One key log line.
     *
     * @param role       the endpoint whose cookie and private key these are
     * @param cookie     the 16-byte cookie of that endpoint's SSH_MSG_KEXINIT
     * @param privateKey the endpoint's 32-byte ephemeral X25519 private scalar
     */
    public record Entry(Role role, byte[] cookie, byte[] privateKey) {

        /** Checks the lengths and copies the arrays. */
        public Entry {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(cookie, "cookie");
            Objects.requireNonNull(privateKey, "privateKey");
            if (cookie.length != SshKeyCapture.COOKIE_LENGTH) {
                throw new IllegalArgumentException("cookie must be 16 bytes: " + cookie.length);
            }
            if (privateKey.length != SshKeyCapture.X25519_KEY_LENGTH) {
                throw new IllegalArgumentException("privateKey must be 32 bytes: " + privateKey.length);
            }
            cookie = cookie.clone();
            privateKey = privateKey.clone();
        }

        @Override
        public byte[] cookie() {
            return cookie.clone();
        }

        @Override
        public byte[] privateKey() {
            return privateKey.clone();
        }

        /** The cookie as Wireshark shows it in {@code ssh.cookie}: 32 lower-case hex digits. */
        public String cookieHex() {
            return HEX.formatHex(cookie);
        }

        /** The line as Wireshark reads it: {@code <cookie hex> <private key hex>}. */
        public String line() {
            return cookieHex() + " " + HEX.formatHex(privateKey);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry
                    && role == ((Entry) o).role
                    && Arrays.equals(cookie, ((Entry) o).cookie)
                    && Arrays.equals(privateKey, ((Entry) o).privateKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(role, Arrays.hashCode(cookie), Arrays.hashCode(privateKey));
        }

        /** Shows the role and the cookie only: the private key stays out of logs and stack traces. */
        @Override
        public String toString() {
            return "Entry[" + role + " cookie=" + cookieHex() + "]";
        }
    }

    /** Copies the list. */
    public SshKeyLog {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    }

    /** The lines in file order. */
    public List<String> lines() {
        return entries.stream().map(Entry::line).collect(Collectors.toUnmodifiableList());
    }

    /** Only the entries of one endpoint, e.g. to show that the client's secret alone is enough. */
    public SshKeyLog only(Role role) {
        Objects.requireNonNull(role, "role");
        return new SshKeyLog(entries.stream().filter(e -> e.role() == role).collect(Collectors.toList()));
    }

    /** The file content: one line per entry, each ending in a newline. */
    public String text() {
        return lines().stream().map(line -> line + "\n").collect(Collectors.joining());
    }

    /**
     * Writes the key log to {@code file} (replacing it), for {@code tshark -o ssh.keylog_file:<file>}.
     *
     * @return {@code file}
     * @throws LabException if the file cannot be written
     */
    public Path write(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return Files.writeString(file, text(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw LabException.of(file.toString(), "cannot write the SSH key log (" + e.getMessage() + ")",
                    "choose a writable folder, e.g. a temporary directory", e);
        }
    }
}
