package org.handshakelab.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.handshakelab.TestTools;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.CaptureWriter;
import org.handshakelab.capture.Frame;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled captures' tables equal tshark's, every column: without keys (the lab told not to use the
 * capture's Decryption Secrets Blocks, tshark reading a copy written without them), and for the TLS captures
 * with keys (both using the capture's own blocks, then both given the same key log file instead).
 */
class BundledCapturesTableTest {


    @TempDir
    Path tmp;

    private static List<Path> captures(String prefix) throws IOException {
        List<Path> found;
        try (Stream<Path> s = Files.list(TestTools.CAPTURES)) {
            found = s.filter(p -> p.toString().endsWith(".pcapng"))
                    .filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
        assertFalse(found.isEmpty(), "no bundled " + prefix + "* capture in " + TestTools.CAPTURES.toAbsolutePath());
        return found;
    }

    @TestFactory
    Stream<DynamicTest> everyBundledCaptureMatchesTsharkInEveryColumnWithoutKeys() throws IOException {
        Tshark.assumePresent();
        List<Path> files = captures("");
        assertTrue(files.size() >= 7, "the bundled captures: " + files);
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            CaptureFile capture = CaptureFile.open(p);
            Path keyless = tmp.resolve(p.getFileName());
            try (CaptureWriter w = CaptureWriter.create(keyless)) {
                for (Frame f : capture.frames()) {
                    w.write(f);
                }
            }
            TableOptions options = TableOptions.builder().standardDissectors().captureSecrets(false).build();
            PacketTable table = PacketTable.build(capture, options);
            assertEquals(List.of(), differences(p, table, keyless, List.of()));
        }));
    }

    @TestFactory
    Stream<DynamicTest> tlsCapturesMatchTsharkDecryptingWithTheirDecryptionSecretsBlocks() throws IOException {
        Tshark.assumePresent();
        List<Path> files = captures("https");
        assertTrue(files.size() >= 2, "the bundled TLS captures: " + files);
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            CaptureFile capture = CaptureFile.open(p);
            assertTrue(!capture.secrets().isEmpty(), "the bundled TLS captures carry their key log: " + p);
            PacketTable table = PacketTable.build(capture, TableOptions.standard());
            assertEquals(List.of(), differences(p, table, p, List.of()));
            assertTrue(table.values(org.handshakelab.dissect.Field.TLS_HANDSHAKE_TYPE, lastRowWith(table, "20"))
                    .contains("20"), "a decrypted Finished");
        }));
    }

    @TestFactory
    Stream<DynamicTest> capturesWithAKeyLogMatchTsharkDecryptingWithThatFile() throws IOException {
        Tshark.assumePresent();
        List<Path> files = new java.util.ArrayList<>(captures("https"));
        files.addAll(captures("ssh"));
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            Path keyLog = Path.of(p.toString().replace(".pcapng", ".keylog"));
            assertTrue(Files.isRegularFile(keyLog), "no key log next to the bundled " + p);
            CaptureFile capture = CaptureFile.open(p);
            Path keyless = tmp.resolve(p.getFileName());
            try (CaptureWriter w = CaptureWriter.create(keyless)) {
                for (Frame f : capture.frames()) {
                    w.write(f);
                }
            }
            // One --keylog option for both protocols, as ./lab table has; tshark has one preference per protocol.
            TableOptions options = TableOptions.builder().standardDissectors().keyLog(keyLog)
                    .captureSecrets(false).build();
            assertEquals(List.of(), options.keys().problems());
            PacketTable table = PacketTable.build(CaptureFile.open(keyless), options);
            String preference = p.getFileName().toString().startsWith("ssh") ? "ssh.keylog_file:" : "tls.keylog_file:";
            assertEquals(List.of(), differences(p, table, keyless, List.of("-o", preference + keyLog)));
        }));
    }

    @TestFactory
    Stream<DynamicTest> tlsCapturesMatchTsharkWithAPartialOrMismatchedKeyLog() throws IOException {
        Tshark.assumePresent();
        Path tls13 = TestTools.bundled("https-tls13.pcapng");
        Path tls12Keys = TestTools.bundled("https-tls12.keylog");
        Path keyless = tmp.resolve("https-tls13-keyless.pcapng");
        try (CaptureWriter w = CaptureWriter.create(keyless)) {
            for (Frame f : CaptureFile.open(tls13).frames()) {
                w.write(f);
            }
        }
        Path handshakeOnly = Files.write(tmp.resolve("handshake-only.keylog"),
                Files.readAllLines(TestTools.bundled("https-tls13.keylog")).stream()
                        .filter(l -> l.contains("HANDSHAKE")).toList());
        return Stream.of(handshakeOnly, tls12Keys).map(keyLog -> DynamicTest.dynamicTest(keyLog.getFileName().toString(),
                () -> {
                    TableOptions options = TableOptions.builder().standardDissectors().keyLog(keyLog).build();
                    PacketTable table = PacketTable.build(CaptureFile.open(keyless), options);
                    assertEquals(List.of(), differences(tls13, table, keyless,
                            List.of("-o", "tls.keylog_file:" + keyLog)));
                    List<String> said = new java.util.ArrayList<>();
                    for (int row = 0; row < table.size(); row++) {
                        table.anomalies(row).stream().filter(a -> a.contains("stay encrypted")).forEach(said::add);
                    }
                    assertEquals(1, said.size(), "one line for the session: " + said);
                    assertTrue(said.get(0).contains(keyLog == tls12Keys ? "SERVER_HANDSHAKE_TRAFFIC_SECRET"
                            : "_TRAFFIC_SECRET_0"), said.get(0));
                }));
    }

    private static int lastRowWith(PacketTable table, String handshakeType) {
        int found = -1;
        for (int row = 0; row < table.size(); row++) {
            if (table.values(org.handshakelab.dissect.Field.TLS_HANDSHAKE_TYPE, row).contains(handshakeType)) {
                found = row;
            }
        }
        assertTrue(found >= 0, "no frame with tls.handshake.type " + handshakeType);
        return found;
    }

    private static List<String> differences(Path name, PacketTable table, Path tsharkReads, List<String> tsharkOptions) {
        // SSH listens on an ephemeral port, where tshark does not look for it: tell it, as a student would.
        int serverPort = Integer.parseInt(table.text(Column.TCP_DSTPORT, 0));
        List<String> options = new java.util.ArrayList<>(tsharkOptions);
        if (name.getFileName().toString().startsWith("ssh")) {
            options.addAll(List.of("-d", "tcp.port==" + serverPort + ",ssh"));
        }
        List<String[]> rows = Tshark.fields(tsharkReads, options, Differences.names(Column.ALL));
        return Differences.of(name, table, rows, Column.ALL, Set.of()).stream().map(Object::toString).toList();
    }
}
