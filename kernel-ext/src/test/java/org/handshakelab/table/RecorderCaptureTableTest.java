package org.handshakelab.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.handshakelab.TestTools;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.CaptureFormat;
import org.handshakelab.traffic.HttpExchange;
import org.handshakelab.traffic.HttpLabServer;
import org.handshakelab.traffic.HttpVariant;
import org.handshakelab.traffic.SshExchange;
import org.handshakelab.traffic.SshLabServer;
import org.handshakelab.traffic.SshOptions;
import org.handshakelab.traffic.TlsExchange;
import org.handshakelab.traffic.TlsHttpServer;
import org.handshakelab.traffic.TlsOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table of a capture written by another recorder than the lab's writer, Wireshark's own dumpcap (pcapng)
 * or tcpdump (pcap, microseconds), while the lab's HTTP, HTTPS and SSH exchanges run on loopback, equals
 * tshark's reading of the same file in every column, the application ones included. Needs root (capture on
 * {@code lo}), tshark and tcpdump.
 */
@Tag("live")
class RecorderCaptureTableTest {

    private static final long START_MILLIS = 30_000;

    /** How a recorder is started: its command line for the program at {@code path}, a filter and a file. */
    private interface CommandLine {
        List<String> of(String path, String filter, Path out);
    }

    /** A capture program: how it is started on {@code lo} with a filter, and what it prints once it captures. */
    private record Recorder(String program, CommandLine commandLine, String ready, String file, String aptPackage,
                            CaptureFormat format) {
    }

    private static final Recorder DUMPCAP = new Recorder("dumpcap",
            (path, filter, out) -> List.of(path, "-i", "lo", "-f", filter, "-w", out.toString()),
            "File:", "dumpcap.pcapng", "tshark", CaptureFormat.PCAPNG);
    // -U: each packet written at once; -Z root: keep the right to write into the test's folder
    private static final Recorder TCPDUMP = new Recorder("tcpdump",
            (path, filter, out) -> List.of(path, "-i", "lo", "-U", "--immediate-mode", "-Z", "root", "-w",
                    out.toString(), filter),
            "listening on", "tcpdump.pcap", "tcpdump", CaptureFormat.PCAP_USEC);

    @TempDir
    Path dir;

    @Test
    void httpTlsAndSshTrafficCapturedByDumpcapGivesTsharksTable() throws Exception {
        recordAndCompare(DUMPCAP);
    }

    @Test
    void httpTlsAndSshTrafficCapturedByTcpdumpGivesTsharksTable() throws Exception {
        recordAndCompare(TCPDUMP);
    }

    private void recordAndCompare(Recorder recorder) throws Exception {
        Tshark.assumePresent();
        String path = TestTools.find(recorder.program());
        assumeTrue(path != null, recorder.program() + " not installed (apt-get install " + recorder.aptPackage() + ")");
        assumeTrue(TestTools.isRoot(), recorder.program() + " on lo needs root here; run the live tests as root");
        Path file = dir.resolve(recorder.file());
        int sshPort;
        try (HttpLabServer http = HttpLabServer.start();
             TlsHttpServer tls = TlsHttpServer.start(TlsOptions.defaults());
             SshLabServer ssh = SshLabServer.start(SshOptions.defaults())) {
            sshPort = ssh.port();
            String filter = "tcp port " + http.port() + " or tcp port " + tls.port() + " or tcp port " + ssh.port();
            Process capturing = start(recorder, path, filter, file);
            try {
                HttpExchange.run(HttpVariant.KEEP_ALIVE, http.port());
                http.awaitConnections(1, Duration.ofSeconds(10));
                TlsExchange.run(tls);
                SshExchange.run(ssh, SshOptions.defaults());
                Thread.sleep(300); // the last ACKs reach the capture buffer
            } finally {
                stop(recorder, capturing);
            }
        }
        CaptureFile capture = CaptureFile.open(file);
        assertEquals(recorder.format(), capture.format(), recorder.program() + "'s file format");
        PacketTable table = PacketTable.build(capture, TableOptions.standard());
        // SSH listens on an ephemeral port, where tshark does not look for it: tell it, as a student would
        List<String[]> rows = Tshark.fields(file, List.of("-d", "tcp.port==" + sshPort + ",ssh"),
                Differences.names(Column.ALL));
        for (Column c : List.of(Column.HTTP_REQUEST_METHOD, Column.HTTP_RESPONSE_CODE, Column.TLS_HANDSHAKE_TYPE,
                Column.TLS_RECORD_CONTENT_TYPE, Column.SSH_PROTOCOL, Column.SSH_MESSAGE_CODE)) {
            int index = Column.ALL.indexOf(c);
            assertTrue(rows.stream().anyMatch(r -> index < r.length && !r[index].isEmpty()),
                    "tshark sees " + c.wiresharkName() + " in the capture (" + rows.size() + " frames)");
        }
        assertEquals(List.of(), Differences.of(file, table, rows, Column.ALL, Set.of()).stream()
                .map(Object::toString).toList());
    }

    /** Starts the recorder and returns once it has the interface open with its filter and the file open. */
    private static Process start(Recorder recorder, String path, String filter, Path file)
            throws IOException, InterruptedException {
        Path stderr = Files.createTempFile(recorder.program(), ".err");
        Process p = new ProcessBuilder(recorder.commandLine().of(path, filter, file))
                .redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            long deadline = System.currentTimeMillis() + START_MILLIS;
            while (!Files.readString(stderr).contains(recorder.ready())) {
                if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                    p.destroyForcibly();
                    throw new AssertionError(recorder.program() + " did not start capturing: "
                            + Files.readString(stderr));
                }
                Thread.sleep(50);
            }
            return p;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** SIGINT, as Ctrl-C: the recorder writes out what it has and exits. */
    private static void stop(Recorder recorder, Process p) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(recorder.program() + " did not stop on SIGINT");
        }
    }
}
