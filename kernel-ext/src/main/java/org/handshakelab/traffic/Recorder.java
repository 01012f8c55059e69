package org.handshakelab.traffic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.handshakelab.LabException;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.CaptureWriter;
import org.handshakelab.capture.DecryptionSecret;
import org.handshakelab.capture.LiveCapture;
import org.handshakelab.capture.LiveOptions;
import org.handshakelab.capture.SecretsType;

/**
 * Records a capture file from traffic the lab generates: runs a {@link Scenario} under a {@link LiveCapture} on
 * {@code lo} filtered to the scenario's ports, waits until the connection has gone quiet, and writes
 * {@code <outDir>/<name>.pcapng} with the scenario's secrets (TLS or SSH key logs) as Decryption Secrets Blocks
 * ahead of the packets, plus {@code <name>.keylog} beside it when there are secrets.
 *
 * <pre>{@code
 * RecordResult r = Recorder.record("http-close", Path.of("captures"), recording -> {
 *     try (HttpLabServer server = HttpLabServer.start()) {
 *         recording.start(server.port());
 *         HttpExchange.run(HttpVariant.CLOSE, server.port());
 *         server.awaitConnections(1, Loopback.TIMEOUT);
 *     }
 *     return List.of();
 * });
 * }</pre>
 *
 * <p>Needs the capture privilege (see {@link LiveCapture#available()}); {@code RecordMain} records the bundled
 * captures. An interrupt of the calling thread (a notebook cell's stop button) stops the capture and writes
 * nothing.
 */
public final class Recorder {

    /** How long the connection must be silent before the capture stops. */
    public static final Duration QUIET = Duration.ofMillis(200);

    /** The longest wait for that silence. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(5);

    // a bound for a scenario that never finishes: the capture stops by itself after this
    private static final Duration TIME_LIMIT = Duration.ofMinutes(2);

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");

    /** Traffic to record. */
    @FunctionalInterface
    public interface Scenario {
        /**
         * Runs traffic on loopback. Calls {@link Recording#start} once its ports are known and before its first
         * packet; returns when its connections are finished (servers included).
         *
         * @return the secrets to embed, e.g. {@link Recorder#keyLog(SecretsType, String)}; empty when none
         */
        List<DecryptionSecret> run(Recording recording) throws Exception;
    }

    private Recorder() {
    }

    /** Key-log text (one secret per line, as in SSLKEYLOGFILE) as a secret of this type. */
    public static DecryptionSecret keyLog(SecretsType type, String text) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        String withNewline = text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
        return DecryptionSecret.of(type, withNewline.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code scenario} under a live capture and writes {@code <outDir>/<name>.pcapng} (and
     * {@code <name>.keylog} when the scenario returns secrets).
     *
     * @param name a file name stem: lower-case letters, digits, dots and dashes, e.g. {@code "http-keepalive"}
     * @throws LabException when live capture is not possible, the scenario fails or the files cannot be written
     */
    public static RecordResult record(String name, Path outDir, Scenario scenario) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(scenario, "scenario");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must match " + NAME + ": \"" + name + "\"");
        }
        Recording recording = new Recording(name, LiveOptions.builder().fallback(name).timeLimit(TIME_LIMIT).build());
        List<DecryptionSecret> secrets;
        try {
            secrets = scenario.run(recording);
        } catch (Exception e) {
            discard(recording.live());
            if (e instanceof LabException l) {
                throw l;
            }
            throw new LabException("record " + name + ": the scenario failed: " + e + "; fix the scenario and "
                    + "record again", e);
        } catch (Error e) {
            discard(recording.live());
            throw e;
        }
        LiveCapture live = recording.live();
        if (live == null) {
            throw new IllegalStateException("scenario for " + name + " returned without calling recording.start"
                    + "(...): nothing was captured");
        }
        live.awaitQuiet(QUIET, MAX_WAIT);
        if (Thread.currentThread().isInterrupted()) {
            // a notebook cell's stop button: give up at once rather than write half a recording
            discard(live);
            throw new LabException("record " + name + ": interrupted, nothing was written; record again");
        }
        CaptureFile captured = live.stop();
        try {
            return write(name, outDir, live.options().filter(), captured, secrets == null ? List.of() : secrets);
        } finally {
            deleteQuietly(live.path());
        }
    }

    private static RecordResult write(String name, Path outDir, String filter, CaptureFile captured,
                                      List<DecryptionSecret> secrets) {
        Path capture = outDir.resolve(name + ".pcapng");
        Path keyLog = outDir.resolve(name + ".keylog");
        Path partial = outDir.resolve(name + ".pcapng.partial");
        try {
            Files.createDirectories(outDir);
            // secrets first: Wireshark applies a Decryption Secrets Block to the packets after it
            try (CaptureWriter writer = CaptureWriter.create(partial)) {
                secrets.forEach(writer::writeSecret);
                writer.writeAll(captured);
            }
            Files.move(partial, capture, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (secrets.isEmpty()) {
                Files.deleteIfExists(keyLog); // a stale one from an earlier recording would mislead
            } else {
                StringBuilder text = new StringBuilder();
                secrets.forEach(s -> text.append(s.text()).append(s.text().endsWith("\n") ? "" : "\n"));
                Files.writeString(keyLog, text, StandardCharsets.UTF_8);
            }
            return new RecordResult(name, capture, secrets.isEmpty() ? null : keyLog, filter,
                    captured.frameCount(), secrets.size(), Files.size(capture));
        } catch (IOException e) {
            deleteQuietly(partial);
            throw LabException.of(capture.toString(), "cannot write: " + e, "check that " + outDir
                    + " is a writable folder", e);
        }
    }

    private static void discard(LiveCapture live) {
        if (live != null) {
            live.close();
            deleteQuietly(live.path());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file left behind is deleted when the JVM exits
        }
    }
}
