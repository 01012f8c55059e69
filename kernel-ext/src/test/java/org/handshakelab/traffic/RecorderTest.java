package org.handshakelab.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.handshakelab.LabException;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.DecryptionSecret;
import org.handshakelab.capture.LiveAvailability;
import org.handshakelab.capture.LiveCapture;
import org.handshakelab.capture.SecretsType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder: live tests need root or CAP_NET_RAW; the argument checks do not. */
class RecorderTest {

    private static final String KEY_LOG = "CLIENT_RANDOM " + "ab".repeat(32) + " " + "cd".repeat(48) + "\n";

    @TempDir
    Path dir;

    private static void assumeLive() {
        LiveAvailability live = LiveCapture.available();
        assumeTrue(live.available(), () -> "live capture not possible here: " + live.reason());
    }

    @Test
    @Tag("live")
    void recordsOnlyTheScenariosConnectionWithItsSecretsAheadOfThePackets() throws IOException {
        assumeLive();
        AtomicReference<HttpExchange> done = new AtomicReference<>();
        RecordResult r;
        try (HttpLabServer other = HttpLabServer.start()) {
            r = Recorder.record("keep", dir, recording -> {
                List<DecryptionSecret> secrets = RecordScenario.http(HttpVariant.KEEP_ALIVE, done::set)
                        .run(recording);
                HttpExchange.run(HttpVariant.CLOSE, other.port()); // traffic the filter must leave out
                assertEquals(List.of(), secrets);
                return List.of(Recorder.keyLog(SecretsType.TLS_KEY_LOG, KEY_LOG.strip()));
            });
        }
        CaptureFile file = CaptureFile.open(r.capture());
        int server = done.get().serverPort();

        assertEquals(dir.resolve("keep.pcapng"), r.capture());
        assertEquals("tcp port " + server, r.filter());
        assertEquals(file.frameCount(), r.frames());
        assertEquals(Files.size(r.capture()), r.bytes());
        assertTrue(file.frames().stream().map(TcpSegment::of)
                .allMatch(t -> t.srcPort() == server || t.dstPort() == server), "only the recorded connection");
        assertEquals(1, file.secrets().size());
        assertEquals(1, file.secrets().get(0).firstFrame(), "the secrets come before the first packet");
        assertEquals(KEY_LOG, file.secrets().get(0).text());
        assertEquals(KEY_LOG, readString(r.keyLogPath().orElseThrow()));
        assertTrue(file.anomalies().isEmpty(), file.anomalies().toString());

        RecordedTshark.Run tshark = RecordedTshark.run(r.capture(), "-T", "fields", "-e", "tcp.flags");
        assertEquals(0, tshark.exitCode());
        assertEquals(List.of(), tshark.warnings());
        assertEquals(file.frames().stream().map(f -> TcpSegment.of(f).hexFlags()).toList(), tshark.lines());
    }

    @Test
    @Tag("live")
    void withoutSecretsNoKeyLogIsWrittenAndAnOldOneIsRemoved() throws IOException {
        assumeLive();
        Files.writeString(dir.resolve("close.keylog"), "stale\n");
        RecordResult r = Recorder.record("close", dir, RecordScenario.http(HttpVariant.CLOSE, ex -> { }));

        assertTrue(r.keyLogPath().isEmpty());
        assertFalse(Files.exists(dir.resolve("close.keylog")));
        assertFalse(Files.exists(dir.resolve("close.pcapng.partial")));
        assertEquals(0, r.secrets());
    }

    @Test
    @Tag("live")
    void aFailingScenarioIsALabExceptionAndWritesNothing() {
        assumeLive();
        LabException e = assertThrows(LabException.class, () -> Recorder.record("broken", dir, recording -> {
            recording.start(Loopback.freePort());
            throw new IOException("the server did not start");
        }));

        assertTrue(e.getMessage().startsWith("record broken: the scenario failed: java.io.IOException: the server "
                + "did not start"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("broken.pcapng")));
    }

    @Test
    @Tag("live")
    void anInterruptedRecordingWritesNothingAndKeepsTheInterrupt() {
        assumeLive();
        LabException e = assertThrows(LabException.class, () -> Recorder.record("stopped", dir, recording -> {
            recording.start(Loopback.freePort());
            Thread.currentThread().interrupt(); // as the kernel does when a cell is stopped
            return List.of();
        }));

        assertTrue(Thread.interrupted(), "the interrupt flag is kept (and cleared here)");
        assertEquals("record stopped: interrupted, nothing was written; record again", e.getMessage());
        assertFalse(Files.exists(dir.resolve("stopped.pcapng")));
    }

    @Test
    void aScenarioThatNeverStartsTheCaptureIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Recorder.record("idle", dir, recording -> List.of()));
        assertTrue(e.getMessage().contains("without calling recording.start"), e.getMessage());
    }

    @Test
    void namesAreFileNameStems() {
        assertThrows(IllegalArgumentException.class, () -> Recorder.record("../up", dir, r -> List.of()));
        assertThrows(IllegalArgumentException.class, () -> Recorder.record("Upper", dir, r -> List.of()));
    }

    @Test
    void aKeyLogSecretEndsWithANewline() {
        DecryptionSecret s = Recorder.keyLog(SecretsType.SSH_KEY_LOG, "a b c");
        assertEquals(SecretsType.SSH_KEY_LOG.code(), s.type());
        assertEquals("a b c\n", s.text());
    }

    @Test
    void theFilterNamesEachPort() {
        assertEquals("tcp port 80", Recording.filterFor(80));
        assertEquals("tcp port 80 or tcp port 443", Recording.filterFor(80, 443));
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
