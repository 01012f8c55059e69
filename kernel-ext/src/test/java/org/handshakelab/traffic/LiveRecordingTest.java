package org.handshakelab.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.Frame;
import org.handshakelab.capture.LiveAvailability;
import org.handshakelab.capture.LiveCapture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each generator's session captured live by the lab (TLS and SSH too), and the lab's live capture
 * compared with tshark's capture of the very same connection. Needs root or CAP_NET_RAW.
 */
@Tag("live")
class LiveRecordingTest {

    @TempDir
    Path dir;

    private static void assumeLive() {
        LiveAvailability live = LiveCapture.available();
        assumeTrue(live.available(), () -> "live capture not possible here: " + live.reason());
    }

    @Test
    void tlsAndSshSessionsAreCapturedFromTheirHandshakeWithTheirKeys() {
        assumeLive();
        List<RecordScenario> scenarios = new ArrayList<>(RecordScenario.tls());
        scenarios.addAll(RecordScenario.ssh());
        for (RecordScenario s : scenarios) {
            RecordResult r = Recorder.record(s.name(), dir, s.scenario());
            CaptureFile file = CaptureFile.open(r.capture());
            List<Integer> flags = file.frames().stream().map(f -> TcpSegment.of(f).flags()).toList();
            assertEquals(List.of(TcpSegment.SYN, TcpSegment.SYN_ACK, TcpSegment.ACK), flags.subList(0, 3),
                    s.name() + " starts with the three-way handshake");
            assertEquals(1, file.secrets().size(), s.name() + " carries its key log");
            String first = new String(TcpSegment.of(file.frames().get(3)).payload(), java.nio.charset.StandardCharsets.ISO_8859_1);
            if (s.name().startsWith("ssh")) {
                assertTrue(first.startsWith("SSH-2.0-"), s.name() + ": the first payload is a version banner: " + first);
            } else {
                assertEquals(0x16, first.charAt(0), s.name() + ": the first payload is a TLS handshake record");
            }
        }
    }

    @Test
    void theLabsLiveCaptureHoldsTheSameFramesAsTsharksCaptureOfTheSameConnection() throws Exception {
        assumeLive();
        TlsTshark.assumeRoot();
        Path theirs = dir.resolve("tshark.pcapng");
        TlsTshark[] tshark = new TlsTshark[1];
        RecordResult ours = Recorder.record("both", dir, recording -> {
            try (HttpLabServer server = HttpLabServer.start()) {
                recording.start(server.port());
                tshark[0] = TlsTshark.capture(server.port(), theirs);
                HttpExchange.run(HttpVariant.KEEP_ALIVE, server.port());
                server.awaitConnections(1, Loopback.TIMEOUT);
            }
            return List.of();
        });
        tshark[0].stop();
        tshark[0].close();
        List<Frame> lab = CaptureFile.open(ours.capture()).frames();
        List<Frame> wireshark = CaptureFile.open(theirs).frames();
        assertEquals(wireshark.size(), lab.size(), "as many frames as tshark's capture");
        for (int i = 0; i < lab.size(); i++) {
            assertArrayEquals(wireshark.get(i).data(), lab.get(i).data(), "frame " + (i + 1) + " bytes");
            assertEquals(wireshark.get(i).originalLength(), lab.get(i).originalLength(), "frame " + (i + 1) + " length");
        }
    }
}
