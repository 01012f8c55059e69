package org.handshakelab.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.handshakelab.flow.TcpScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return TableMain.run(args, out, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tsvPrintsTheTable() {
        Path file = TcpScript.of("192.0.2.1", 1, "192.0.2.2", 2, 1, 2).syn(new byte[0]).write(dir.resolve("a.pcapng"));
        assertEquals(0, run("--tsv", file.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("frame.number\tframe.time_relative\tip.src"), text);
        assertEquals(2, text.split("\n").length);
        assertEquals("", errText());
    }

    @Test
    void aCaptureCutShortGivesItsRowsAndOneWarning() throws Exception {
        TcpScript s = TcpScript.of("192.0.2.1", 1, "192.0.2.2", 2, 1, 2);
        for (int i = 0; i < 20; i++) {
            s.data(0, new byte[100]);
        }
        byte[] whole = Files.readAllBytes(s.write(dir.resolve("whole.pcapng")));
        Path cut = Files.write(dir.resolve("cut.pcapng"), java.util.Arrays.copyOf(whole, whole.length - 50));
        assertEquals(0, run("--tsv", cut.toString()));
        assertEquals(1 + 19, out.toString(StandardCharsets.UTF_8).split("\n").length, "the header and 19 frames");
        String warning = errText().strip();
        assertTrue(warning.startsWith("warning: " + cut + ": offset "), warning);
        assertTrue(warning.contains("the file is truncated; reading stopped after frame 19"), warning);
        assertEquals(1, warning.lines().count(), warning);
    }

    @Test
    void keylogDecryptsTheTlsCapture() throws Exception {
        Path capture = Path.of("..", "captures", "https-tls12.pcapng");
        Path keyLog = Files.writeString(dir.resolve("k.log"), "# comment\nnot a key log line\n"
                + Files.readString(Path.of("..", "captures", "https-tls12.keylog")));
        // a copy without the capture's own secrets, so that only the key log can decrypt it
        Path keyless = dir.resolve("keyless.pcapng");
        try (org.handshakelab.capture.CaptureWriter w = org.handshakelab.capture.CaptureWriter.create(keyless)) {
            for (org.handshakelab.capture.Frame f : org.handshakelab.capture.CaptureFile.open(capture).frames()) {
                w.write(f);
            }
        }
        assertEquals(0, run("--tsv", "--keylog", keyLog.toString(), keyless.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\tGET\t/\t"), text);
        assertEquals("warning: k.log line 2: expected LABEL <client random> <secret>, got 5 words; line ignored",
                errText().strip());
    }

    @Test
    void aMissingKeyLogIsOneLineAndExitCodeTwo() {
        assertEquals(2, run("--tsv", "--keylog", dir.resolve("nope.log").toString(), "x.pcapng"));
        assertTrue(errText().startsWith("key log "), errText());
        assertEquals(1, errText().strip().split("\n").length, errText());
    }

    @Test
    void aMissingFileIsOneLineAndExitCodeTwo() {
        assertEquals(2, run("--tsv", dir.resolve("nope.pcap").toString()));
        String e = errText();
        assertEquals(1, e.split("\n").length, e);
        assertTrue(e.contains("no such file"), e);
        assertFalse(e.contains("\tat "), "no stack trace");
    }

    @Test
    void aFileThatIsNotACaptureIsOneLineAndExitCodeTwo() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.pcap"), "hello, not a capture\n");
        assertEquals(2, run("--tsv", text.toString()));
        assertTrue(errText().contains("not a pcap or pcapng file"), errText());
        assertEquals(1, errText().strip().split("\n").length);
    }

    @Test
    void wrongArgumentsPrintTheUsage() {
        assertEquals(2, run("--csv", "x"));
        assertTrue(errText().startsWith("usage: TableMain --tsv [--keylog KEYLOG] FILE | bench FILE [RUNS]"), errText());
        assertEquals(2, run("bench", "x.pcap", "0"));
        assertTrue(errText().contains("RUNS must be 1..1000: 0"), errText());
    }

    @Test
    void benchPrintsPacketsPerSecondAndHeapPerPacket() {
        TcpScript s = TcpScript.of("192.0.2.1", 1, "192.0.2.2", 2, 1, 2).syn(new byte[0]).synAck(new byte[0]);
        Path file = s.write(dir.resolve("b.pcapng"));
        assertEquals(0, run("bench", file.toString(), "1"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("M packets/s"), text);
        assertTrue(text.contains("bytes/packet"), text);
    }
}
