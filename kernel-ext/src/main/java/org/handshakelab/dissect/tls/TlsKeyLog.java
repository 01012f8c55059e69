package org.handshakelab.dissect.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.handshakelab.LabException;
import org.handshakelab.capture.DecryptionSecret;
import org.handshakelab.capture.SecretsType;

/**
 * TLS secrets from an NSS key log: the {@code SSLKEYLOGFILE} text that browsers, curl, OpenSSL and the lab's
 * own server write, which Wireshark reads through {@code tls.keylog_file} or from a pcapng Decryption Secrets
 * Block. Each line is {@code LABEL <client random> <secret>}, both in hex, keyed by the ClientHello.random of
 * the session it belongs to.
 *
 * <pre>{@code
 * TlsKeyLog keys = TlsKeyLog.read(Path.of("captures/https-tls13.keylog"));
 * keys.secret("SERVER_HANDSHAKE_TRAFFIC_SECRET", clientRandomHex);   // Optional[byte[32]]
 * keys.problems();                                                     // ["line 3: ..."] for bad lines
 * }</pre>
 *
 * <p>A bad line is not an exception: it is skipped and described in {@link #problems()}, as Wireshark skips it.
 * Immutable.
 */
public final class TlsKeyLog {

    /** TLS 1.2 and earlier: the 48-byte master secret. */
    public static final String CLIENT_RANDOM = "CLIENT_RANDOM";
    /** TLS 1.3 {@code c hs traffic} (RFC 8446 §7.1). */
    public static final String CLIENT_HANDSHAKE_TRAFFIC_SECRET = "CLIENT_HANDSHAKE_TRAFFIC_SECRET";
    /** TLS 1.3 {@code s hs traffic}. */
    public static final String SERVER_HANDSHAKE_TRAFFIC_SECRET = "SERVER_HANDSHAKE_TRAFFIC_SECRET";
    /** TLS 1.3 {@code c ap traffic}, generation 0. */
    public static final String CLIENT_TRAFFIC_SECRET_0 = "CLIENT_TRAFFIC_SECRET_0";
    /** TLS 1.3 {@code s ap traffic}, generation 0. */
    public static final String SERVER_TRAFFIC_SECRET_0 = "SERVER_TRAFFIC_SECRET_0";

    /** Labels that are understood; only some are used for decryption. */
    private static final Set<String> LABELS = Set.of(CLIENT_RANDOM, CLIENT_HANDSHAKE_TRAFFIC_SECRET,
            SERVER_HANDSHAKE_TRAFFIC_SECRET, CLIENT_TRAFFIC_SECRET_0, SERVER_TRAFFIC_SECRET_0, "EXPORTER_SECRET",
            "EARLY_EXPORTER_SECRET", "CLIENT_EARLY_TRAFFIC_SECRET", "RSA", "PMS_CLIENT_RANDOM");
    private static final TlsKeyLog EMPTY = new TlsKeyLog(Map.of(), List.of());

    /** "LABEL random" -> secret. */
    private final Map<String, byte[]> secrets;
    private final List<String> problems;

    private TlsKeyLog(Map<String, byte[]> secrets, List<String> problems) {
        this.secrets = secrets;
        this.problems = List.copyOf(problems);
    }

    /** No secrets: nothing is decrypted. */
    public static TlsKeyLog empty() {
        return EMPTY;
    }

    /** Parses key log text; {@code source} names it in the problems ("https.keylog", "DSB at offset 68"). */
    public static TlsKeyLog parse(String text, String source) {
        Objects.requireNonNull(text, "text");
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String problem = parseLine(line, secrets);
            if (problem != null) {
                problems.add(source + " line " + (i + 1) + ": " + problem + "; line ignored");
            }
        }
        return new TlsKeyLog(secrets, problems);
    }

    /** Reads a key log file. A file that cannot be read is a {@link LabException}; bad lines are problems. */
    public static TlsKeyLog read(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return parse(Files.readString(file, StandardCharsets.ISO_8859_1), file.getFileName().toString());
        } catch (IOException e) {
            throw LabException.of("key log " + file, "cannot be read (" + e.getMessage() + ")",
                    "check the path; a key log is the text file SSLKEYLOGFILE pointed at");
        }
    }

    /** The TLS key logs among a capture's Decryption Secrets Blocks (type {@code TLSK}), merged in file order. */
    public static TlsKeyLog of(List<DecryptionSecret> blocks) {
        TlsKeyLog all = EMPTY;
        for (DecryptionSecret s : blocks) {
            if (s.type() == SecretsType.TLS_KEY_LOG.code()) {
                String where = s.offset() >= 0 ? "decryption secrets block at offset " + s.offset()
                        : "decryption secrets block";
                all = all.and(parse(s.text(), where));
            }
        }
        return all;
    }

    private static String parseLine(String line, Map<String, byte[]> secrets) {
        String[] parts = line.split("\\s+");
        if (parts.length != 3) {
            return "expected LABEL <client random> <secret>, got " + parts.length + " words";
        }
        String label = parts[0];
        if (!LABELS.contains(label)) {
            return "unknown label " + abbreviate(label);
        }
        byte[] random;
        byte[] secret;
        try {
            random = HexFormat.of().parseHex(parts[1]);
            secret = HexFormat.of().parseHex(parts[2]);
        } catch (IllegalArgumentException e) {
            return "not hex (" + e.getMessage() + ")";
        }
        if (label.equals("RSA")) {
            return null; // an RSA pre-master secret keyed by encrypted bytes: understood but not used by the lab
        }
        if (random.length != 32) {
            return "client random must be 32 bytes: " + random.length;
        }
        if (label.equals(CLIENT_RANDOM) && secret.length != 48) {
            return "a CLIENT_RANDOM master secret must be 48 bytes: " + secret.length;
        }
        if (!label.equals(CLIENT_RANDOM) && secret.length != 32 && secret.length != 48) {
            return "a TLS 1.3 secret must be 32 or 48 bytes: " + secret.length;
        }
        secrets.put(label + " " + HexFormat.of().formatHex(random), secret);
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** This key log with {@code other}'s secrets added (other's win where both have one) and problems joined. */
    public TlsKeyLog and(TlsKeyLog other) {
        if (other.isEmpty() && other.problems.isEmpty()) {
            return this;
        }
        if (isEmpty() && problems.isEmpty()) {
            return other;
        }
        Map<String, byte[]> merged = new LinkedHashMap<>(secrets);
        merged.putAll(other.secrets);
        List<String> p = new ArrayList<>(problems);
        p.addAll(other.problems);
        return new TlsKeyLog(merged, p);
    }

    /** The secret logged under {@code label} for the session with this ClientHello.random (hex, any case). */
    public Optional<byte[]> secret(String label, String clientRandom) {
        byte[] s = secrets.get(label + " " + clientRandom.toLowerCase(java.util.Locale.ROOT));
        return Optional.ofNullable(s).map(byte[]::clone);
    }

    /** Whether any secret is logged for this client random. */
    public boolean knows(String clientRandom) {
        String suffix = " " + clientRandom.toLowerCase(java.util.Locale.ROOT);
        return secrets.keySet().stream().anyMatch(k -> k.endsWith(suffix));
    }

    /** The number of secrets. */
    public int size() {
        return secrets.size();
    }

    /** Whether there are no secrets. */
    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    /** The lines that were skipped, each with its source, line number and reason. */
    public List<String> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return "TlsKeyLog[" + secrets.size() + " secrets, " + problems.size() + " problems]";
    }
}
