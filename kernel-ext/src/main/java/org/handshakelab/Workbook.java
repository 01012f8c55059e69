package org.handshakelab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.LiveAvailability;
import org.handshakelab.capture.LiveCapture;
import org.handshakelab.dissect.KeyMaterial;
import org.handshakelab.table.PacketTable;
import org.handshakelab.table.TableOptions;
import org.handshakelab.traffic.RecordResult;
import org.handshakelab.traffic.RecordScenario;
import org.handshakelab.traffic.Recorder;

/**
 * What a lab notebook calls: {@link #record(String)} captures the lab's own traffic live on loopback when this
 * machine permits it, else opens the bundled capture, and says which in one line; {@link #answer(String, Object)}
 * checks a student's answer against the capture the notebook opened.
 *
 * <p>The environment variable {@code LAB_CAPTURE=live|bundled} forces the mode (the notebook tests use it);
 * {@code LAB_CAPTURES} names the folder of the bundled captures when it is not {@code captures/} beside or
 * above the working directory.
 */
public final class Workbook {

    /** Where a capture comes from. */
    public enum Mode { LIVE, BUNDLED }

    /** Short names a notebook may use, to the bundled captures' names. */
    private static final Map<String, String> ALIASES = aliases();

    /** The bundled captures, one per scenario of {@link RecordScenario#all()}. */
    private static final List<String> BUNDLED = List.of("http-keepalive", "http-close", "tcp-rst", "tcp-refused",
            "https-tls12", "https-tls13", "ssh-exec");

    private Workbook() {
    }

    private static Map<String, String> aliases() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("http", "http-keepalive");
        m.put("keepalive", "http-keepalive");
        m.put("close", "http-close");
        m.put("rst", "tcp-rst");
        m.put("refused", "tcp-refused");
        m.put("tls12", "https-tls12");
        m.put("tls13", "https-tls13");
        m.put("ssh", "ssh-exec");
        return Map.copyOf(m);
    }

    /** The scenario names {@link #record(String)} knows: short names and the bundled captures' names. */
    public static List<String> names() {
        return List.of("http", "close", "rst", "refused", "tls12", "tls13", "ssh", "http-keepalive", "http-close",
                "tcp-rst", "tcp-refused", "https-tls12", "https-tls13", "ssh-exec");
    }

    /**
     * Records scenario {@code name} live (the lab runs its own server and client on 127.0.0.1) when capture is
     * permitted, else opens {@code captures/<name>.pcapng}; prints one line saying which. Registers the
     * questions that are computed from this capture.
     *
     * @param name a short name ({@code http}, {@code close}, {@code rst}, {@code refused}, {@code tls12},
     *             {@code tls13}, {@code ssh}) or a bundled capture's name ({@code http-keepalive}, ...)
     */
    public static LabCapture record(String name) {
        String scenario = scenario(name);
        Mode forced = forcedMode();
        LiveAvailability availability = forced == Mode.BUNDLED ? null : LiveCapture.available();
        LabCapture capture;
        if (forced == Mode.LIVE || (forced == null && availability.available())) {
            if (!availability.available()) {
                throw LabException.of("LAB_CAPTURE=live", "live capture is not possible here: " + availability.reason(),
                        "run as root or with the capture capability, or set LAB_CAPTURE=bundled");
            }
            capture = recordLive(scenario);
            System.out.println("Live capture: the lab just ran " + scenario + " on 127.0.0.1 and captured it on "
                    + "loopback, " + capture.size() + " frames (" + capture.path().getFileName() + ").");
        } else {
            Path file = capturesFolder().resolve(scenario + ".pcapng");
            capture = open(scenario, file, false);
            System.out.println("Bundled capture: captures/" + scenario + ".pcapng, " + capture.size() + " frames ("
                    + (forced == Mode.BUNDLED ? "LAB_CAPTURE=bundled" : "live capture is not possible here: "
                    + availability.reason()) + ").");
        }
        Questions.register(capture);
        return capture;
    }

    /** Opens any capture file (no questions are registered for it). */
    public static LabCapture open(Path path) {
        String file = path.getFileName().toString();
        return open(file.replaceFirst("\\.pcap(ng)?$", ""), path, false);
    }

    /** Checks an answer to question {@code id} (e.g. {@code "http.q3"}): right or wrong and why, never the answer. */
    public static Quiz.Verdict answer(String id, Object value) {
        return Quiz.answer(id, value);
    }

    /**
     * States a claim about the capture and checks it: prints "✔ claim" when {@code holds}, else throws a
     * {@link LabException} saying the claim does not hold here (a notebook's "check" cells).
     */
    public static void check(boolean holds, String claim) {
        if (!holds) {
            throw LabException.of("check", "this does not hold in this capture: " + claim,
                    "look at the table above; if the capture is a live one, run the cell that records it again");
        }
        System.out.println("✔ " + claim);
    }

    /** A two-column table (Field, Value) from alternating field names and values, for a message's fields. */
    public static tech.tablesaw.api.Table fields(String title, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("namesAndValues must come in pairs: " + namesAndValues.length + " items");
        }
        tech.tablesaw.api.StringColumn names = tech.tablesaw.api.StringColumn.create("Field");
        tech.tablesaw.api.StringColumn values = tech.tablesaw.api.StringColumn.create("Value");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            names.append(String.valueOf(namesAndValues[i]));
            values.append(String.valueOf(namesAndValues[i + 1]));
        }
        return tech.tablesaw.api.Table.create(title, names, values);
    }

    /** The mode {@code LAB_CAPTURE} forces, or null when it is unset or empty. */
    static Mode forcedMode() {
        String v = System.getenv("LAB_CAPTURE");
        if (v == null || v.isBlank()) {
            return null;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "live" -> Mode.LIVE;
            case "bundled" -> Mode.BUNDLED;
            default -> throw new IllegalArgumentException("LAB_CAPTURE must be live or bundled: " + v);
        };
    }

    static String scenario(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must be one of " + names() + ": null");
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        String scenario = ALIASES.getOrDefault(key, key);
        if (!BUNDLED.contains(scenario)) {
            throw new IllegalArgumentException("name must be one of " + names() + ": " + name);
        }
        return scenario;
    }

    private static LabCapture recordLive(String scenario) {
        // only the group needed: building the TLS scenarios makes RSA keys, the SSH ones load MINA SSHD
        List<RecordScenario> group = scenario.startsWith("https-") ? RecordScenario.tls()
                : scenario.startsWith("ssh-") ? RecordScenario.ssh() : RecordScenario.http();
        RecordScenario s = group.stream().filter(r -> r.name().equals(scenario)).findFirst().orElseThrow();
        try {
            Path dir = Files.createTempDirectory("handshake-lab-");
            dir.toFile().deleteOnExit();
            RecordResult result = Recorder.record(scenario, dir, s.scenario());
            result.capture().toFile().deleteOnExit();
            result.keyLogPath().ifPresent(p -> p.toFile().deleteOnExit());
            return open(scenario, result.capture(), true);
        } catch (IOException e) {
            throw LabException.of("live capture", "cannot make a temporary folder: " + e.getMessage(),
                    "free some disk space, or set LAB_CAPTURE=bundled", e);
        }
    }

    static LabCapture open(String name, Path file, boolean live) {
        return open(name, file, live, false);
    }

    /**
     * Opens {@code file}; with {@code keys} the TLS/SSH secrets the capture carries (pcapng Decryption Secrets
     * Blocks) are used to decrypt, else it is dissected as an eavesdropper sees it, which is what the lab
     * notebooks show first.
     */
    static LabCapture open(String name, Path file, boolean live, boolean keys) {
        MessageLog log = new MessageLog();
        CaptureFile capture = CaptureFile.open(file);
        // all of the capture's secrets up front, wherever their Decryption Secrets Blocks stand in the file:
        // the table's default uses only the blocks read before a stream opens, as Wireshark does
        TableOptions.Builder options = TableOptions.builder().dissector(log.dissectors()).captureSecrets(false);
        if (keys) {
            options.keys(KeyMaterial.of(capture.secrets()));
        }
        PacketTable table = PacketTable.build(capture, options.build());
        return new LabCapture(name, file, live, table, log.messages(), keys);
    }

    /** The bundled captures' folder: LAB_CAPTURES, else captures/ in the working directory or one above it. */
    static Path capturesFolder() {
        String env = System.getenv("LAB_CAPTURES");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("captures");
            if (Files.isRegularFile(candidate.resolve("http-keepalive.pcapng"))) {
                return candidate;
            }
        }
        throw LabException.of("captures/", "no bundled captures found from " + Path.of("").toAbsolutePath(),
                "start the notebook from the lab's notebooks/ folder (./lab start), or set LAB_CAPTURES to the captures folder");
    }
}
