package org.handshakelab.traffic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.handshakelab.LabException;

/**
 * An NSS key log (the {@code SSLKEYLOGFILE} format Wireshark reads through {@code tls.keylog_file}) holding the
 * secrets of real TLS sessions, one {@link KeyLogLine} per secret.
 *
 * <p>TLS 1.2 needs one line, {@code CLIENT_RANDOM <random> <master_secret>}. TLS 1.3 has no single master secret
 * to give away: it needs the handshake traffic secrets (to read the encrypted handshake, Finished included) and
 * the first application traffic secrets, each labelled and keyed by the ClientHello.random.
 *
 * @param lines the lines in file order
 */
public record KeyLog(List<KeyLogLine> lines) {

    /** TLS 1.2 (and earlier): the 48-byte master secret. */
    public static final String CLIENT_RANDOM = "CLIENT_RANDOM";
    /** TLS 1.3 {@code c hs traffic} secret (RFC 8446 §7.1). */
    public static final String CLIENT_HANDSHAKE_TRAFFIC_SECRET = "CLIENT_HANDSHAKE_TRAFFIC_SECRET";
    /** TLS 1.3 {@code s hs traffic} secret. */
    public static final String SERVER_HANDSHAKE_TRAFFIC_SECRET = "SERVER_HANDSHAKE_TRAFFIC_SECRET";
    /** TLS 1.3 {@code c ap traffic} secret, generation 0. */
    public static final String CLIENT_TRAFFIC_SECRET_0 = "CLIENT_TRAFFIC_SECRET_0";
    /** TLS 1.3 {@code s ap traffic} secret, generation 0. */
    public static final String SERVER_TRAFFIC_SECRET_0 = "SERVER_TRAFFIC_SECRET_0";
    /** TLS 1.3 {@code exp master} secret (RFC 8446 §7.5). */
    public static final String EXPORTER_SECRET = "EXPORTER_SECRET";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Copies the list. */
    public KeyLog {
        if (lines == null) {
            throw new IllegalArgumentException("lines must not be null");
        }
        lines = List.copyOf(lines);
    }

    /** A key log of these lines. */
    public static KeyLog of(List<KeyLogLine> lines) {
        return new KeyLog(lines);
    }

    /**
     * Reads key log text: blank lines and {@code #} comments are skipped.
     *
     * @throws IllegalArgumentException naming the line number when a line is not {@code LABEL random secret}
     */
    public static KeyLog parse(String text) {
        List<KeyLogLine> lines = new ArrayList<>();
        String[] rows = text.split("\r?\n");
        for (int i = 0; i < rows.length; i++) {
            String row = rows[i].strip();
            if (row.isEmpty() || row.startsWith("#")) {
                continue;
            }
            String[] f = row.split("\\s+");
            if (f.length != 3) {
                throw new IllegalArgumentException("key log line " + (i + 1) + " must have 3 fields: " + row);
            }
            lines.add(new KeyLogLine(f[0], f[1], f[2]));
        }
        return new KeyLog(lines);
    }

    /** Reads a key log file. */
    public static KeyLog read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw LabException.of(file.toString(), "cannot read the key log: " + e.getMessage(), "check the path", e);
        }
    }

    /** The file text: one line each, each ending in a newline. */
    public String text() {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l.text()).append('\n'));
        return text.toString();
    }

    /** The file bytes (ASCII), e.g. for a pcapng Decryption Secrets Block of type TLS key log. */
    public byte[] bytes() {
        return text().getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes the key log to {@code file} and returns the path, for {@code tshark -o tls.keylog_file:<file>}. */
    public Path write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, bytes());
            return file;
        } catch (IOException e) {
            throw LabException.of(file.toString(), "cannot write the key log: " + e.getMessage(),
                    "choose a writable path", e);
        }
    }

    /** The labels in file order. */
    public List<String> labels() {
        return lines.stream().map(KeyLogLine::label).toList();
    }

    /** The secret (hex) with this label, if there is one. */
    public Optional<String> secret(String label) {
        return lines.stream().filter(l -> l.label().equals(label)).map(KeyLogLine::secret).findFirst();
    }

    /** The client randoms (hex) the lines are for, each once, in order. */
    public List<String> clientRandoms() {
        return lines.stream().map(KeyLogLine::clientRandom).distinct().toList();
    }

    /** This log followed by {@code other}'s lines (one file for several sessions). */
    public KeyLog plus(KeyLog other) {
        List<KeyLogLine> all = new ArrayList<>(lines);
        all.addAll(other.lines);
        return new KeyLog(all);
    }

    @Override
    public String toString() {
        return text();
    }

    /**
     * The secrets of the session of {@code context}, taken from BouncyCastle's own {@link SecurityParameters}.
     * Must be called from {@code TlsPeer.notifyHandshakeComplete()}: that is the only moment the connection's
     * parameters still hold the TLS 1.3 handshake traffic secrets (as the Finished base keys) before the
     * protocol clears them. Each secret is copied with {@link TlsCrypto#adoptSecret} (as BouncyCastle itself
     * does to keep the session's master secret), because {@link TlsSecret#extract()} destroys what it reads.
     */
    static KeyLog export(TlsContext context) {
        SecurityParameters sp = context.getSecurityParametersConnection();
        if (sp == null) {
            throw new IllegalStateException("export the key log from notifyHandshakeComplete(): no connection yet");
        }
        TlsCrypto crypto = context.getCrypto();
        byte[] random = sp.getClientRandom();
        List<KeyLogLine> lines = new ArrayList<>();
        if (TlsUtils.isTLSv13(sp.getNegotiatedVersion())) {
            // baseKeyClient/Server are set from the "c hs traffic"/"s hs traffic" secrets
            // (TlsUtils.establish13PhaseHandshake) and kept to compute the Finished MACs
            lines.add(line(crypto, CLIENT_HANDSHAKE_TRAFFIC_SECRET, random, sp.getBaseKeyClient()));
            lines.add(line(crypto, SERVER_HANDSHAKE_TRAFFIC_SECRET, random, sp.getBaseKeyServer()));
            lines.add(line(crypto, CLIENT_TRAFFIC_SECRET_0, random, sp.getTrafficSecretClient()));
            lines.add(line(crypto, SERVER_TRAFFIC_SECRET_0, random, sp.getTrafficSecretServer()));
            if (sp.getExporterMasterSecret() != null) {
                lines.add(line(crypto, EXPORTER_SECRET, random, sp.getExporterMasterSecret()));
            }
        } else {
            lines.add(line(crypto, CLIENT_RANDOM, random, sp.getMasterSecret()));
        }
        return new KeyLog(lines);
    }

    private static KeyLogLine line(TlsCrypto crypto, String label, byte[] random, TlsSecret secret) {
        if (secret == null || !secret.isAlive()) {
            throw new IllegalStateException(label + " is no longer held by the TLS session");
        }
        return KeyLogLine.of(label, random, crypto.adoptSecret(secret).extract());
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
