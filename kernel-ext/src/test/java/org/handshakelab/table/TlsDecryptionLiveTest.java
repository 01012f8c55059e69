package org.handshakelab.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.handshakelab.TestTools;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.dissect.Field;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS decrypted with an NSS key log written by curl ({@code SSLKEYLOGFILE}) against {@code openssl s_server},
 * recorded now on loopback with dumpcap: the table equals {@code tshark -o tls.keylog_file:KEYLOG} in every
 * column, for TLS 1.2 (AES-GCM, ChaCha20-Poly1305, AES-CBC with encrypt-then-MAC) and every TLS 1.3 suite.
 * Needs root (capture), curl, openssl, dumpcap and tshark; skipped with a message otherwise.
 */
@Tag("live")
class TlsDecryptionLiveTest {

    private static final String RESPONSE = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n"
            + "Connection: close\r\n\r\nhello\n";

    @TempDir
    Path dir;

    private record Case(String name, String version, String cipher) {
    }

    @TestFactory
    Stream<DynamicTest> curlAgainstOpensslServerIsDecryptedAsTsharkDecryptsIt() throws Exception {
        String curl = TestTools.find("curl");
        String openssl = TestTools.find("openssl");
        String dumpcap = TestTools.find("dumpcap");
        assumeTrue(curl != null && openssl != null && dumpcap != null,
                "needs curl, openssl and dumpcap on the PATH (apt-get install curl openssl tshark)");
        Tshark.assumePresent();
        assumeTrue(org.handshakelab.TestTools.isRoot(), "live capture on loopback needs root");
        run(dir, List.of(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out",
                "cert.pem", "-days", "2", "-subj", "/CN=localhost"));
        Files.writeString(dir.resolve("hello.txt"), RESPONSE);
        List<Case> cases = List.of(
                new Case("TLS 1.2 ECDHE-RSA-AES128-GCM-SHA256", "1.2", "ECDHE-RSA-AES128-GCM-SHA256"),
                new Case("TLS 1.2 ECDHE-RSA-AES256-GCM-SHA384", "1.2", "ECDHE-RSA-AES256-GCM-SHA384"),
                new Case("TLS 1.2 ECDHE-RSA-CHACHA20-POLY1305", "1.2", "ECDHE-RSA-CHACHA20-POLY1305"),
                new Case("TLS 1.2 ECDHE-RSA-AES128-SHA (CBC, encrypt-then-MAC)", "1.2", "ECDHE-RSA-AES128-SHA"),
                new Case("TLS 1.2 ECDHE-RSA-AES256-SHA384 (CBC)", "1.2", "ECDHE-RSA-AES256-SHA384"),
                new Case("TLS 1.3 TLS_AES_128_GCM_SHA256", "1.3", "TLS_AES_128_GCM_SHA256"),
                new Case("TLS 1.3 TLS_AES_256_GCM_SHA384", "1.3", "TLS_AES_256_GCM_SHA384"),
                new Case("TLS 1.3 TLS_CHACHA20_POLY1305_SHA256", "1.3", "TLS_CHACHA20_POLY1305_SHA256"));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name, () -> check(c, curl, openssl, dumpcap)));
    }

    private void check(Case c, String curl, String openssl, String dumpcap) throws Exception {
        String tag = c.cipher.replace('-', '_');
        Path capture = dir.resolve(tag + ".pcapng");
        Path keyLog = dir.resolve(tag + ".keylog");
        int port = freePort();
        Process cap = new ProcessBuilder(dumpcap, "-i", "lo", "-f", "tcp port " + port, "-w", capture.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(tag + ".dumpcap").toFile()).start();
        Process server = null;
        try {
            waitFor(() -> Files.readString(dir.resolve(tag + ".dumpcap")).contains("File:"), "dumpcap to start");
            List<String> s = new ArrayList<>(List.of(openssl, "s_server", "-accept", "127.0.0.1:" + port, "-cert",
                    "cert.pem", "-key", "key.pem", "-HTTP", "-naccept", "1"));
            if (c.version.equals("1.2")) {
                s.addAll(List.of("-tls1_2", "-cipher", c.cipher));
            } else {
                s.addAll(List.of("-tls1_3", "-ciphersuites", c.cipher));
            }
            server = new ProcessBuilder(s).directory(dir.toFile()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.contains("ACCEPT")) {
                // s_server prints ACCEPT once it listens
            }
            List<String> k = new ArrayList<>(List.of(curl, "-sk", "--http1.1", "--max-time", "20"));
            if (c.version.equals("1.2")) {
                k.addAll(List.of("--tlsv1.2", "--tls-max", "1.2", "--ciphers", c.cipher));
            } else {
                k.addAll(List.of("--tlsv1.3", "--tls13-ciphers", c.cipher));
            }
            k.add("https://127.0.0.1:" + port + "/hello.txt");
            ProcessBuilder client = new ProcessBuilder(k).directory(dir.toFile());
            client.environment().put("SSLKEYLOGFILE", keyLog.toString());
            String body = run(client);
            assertEquals("hello\n", body, "curl's download");
            Thread.sleep(500); // the last ACKs and FINs reach the capture
        } finally {
            if (server != null) {
                server.destroy();
                server.waitFor(5, TimeUnit.SECONDS);
            }
            cap.destroy(); // SIGTERM: dumpcap writes what it has and exits
            if (!cap.waitFor(10, TimeUnit.SECONDS)) {
                cap.destroyForcibly();
            }
        }
        TableOptions options = TableOptions.builder().standardDissectors().keyLog(keyLog).build();
        PacketTable table = PacketTable.build(CaptureFile.open(capture), options);
        List<String[]> rows = Tshark.fields(capture, List.of("-d", "tcp.port==" + port + ",tls",
                "-o", "tls.keylog_file:" + keyLog), Differences.names(Column.ALL));
        assertEquals(List.of(), Differences.of(capture, table, rows, Column.ALL, Set.of()).stream()
                .map(Object::toString).toList());
        List<String> handshakes = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        for (int row = 0; row < table.size(); row++) {
            handshakes.addAll(table.values(Field.TLS_HANDSHAKE_TYPE, row));
            methods.addAll(table.values(Field.HTTP_REQUEST_METHOD, row));
            assertEquals(List.of(), table.anomalies(row).stream().filter(a -> a.contains("TLS")).toList(),
                    "frame " + (row + 1));
        }
        assertEquals(2, handshakes.stream().filter("20"::equals).count(), "both Finished decrypted: " + handshakes);
        assertEquals(List.of("GET"), methods, "the request inside TLS");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private interface Check {
        boolean done() throws IOException;
    }

    private static void waitFor(Check check, String what) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (check.done()) {
                Thread.sleep(200);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited 10 s for " + what);
    }

    private static String run(Path dir, List<String> command) throws Exception {
        return run(new ProcessBuilder(command).directory(dir.toFile()));
    }

    private static String run(ProcessBuilder pb) throws Exception {
        Path err = Files.createTempFile("tlsdec", ".err");
        Process p = pb.redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish in 30 s: " + pb.command());
        }
        assertTrue(p.exitValue() == 0, pb.command() + " failed: " + Files.readString(err));
        Files.deleteIfExists(err);
        return new String(out, StandardCharsets.UTF_8);
    }
}
