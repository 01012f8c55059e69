package org.handshakelab.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.CaptureWriter;
import org.handshakelab.capture.Frame;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled captures' tables equal tshark's, every column. The TLS and SSH captures carry their key logs,
 * with which tshark decrypts what the lab (without decryption yet) shows as encrypted; so tshark reads a
 * copy of the same packets written without the Decryption Secrets Block.
 */
class BundledCapturesTableTest {

    private static final Path CAPTURES = Path.of("..", "captures");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyBundledCaptureMatchesTsharkInEveryColumn() throws IOException {
        Tshark.assumePresent();
        assumeTrue(Files.isDirectory(CAPTURES), "captures/ not found from " + Path.of("").toAbsolutePath());
        List<Path> files;
        try (Stream<Path> s = Files.list(CAPTURES)) {
            files = s.filter(p -> p.toString().endsWith(".pcapng")).sorted().toList();
        }
        assertTrue(files.size() >= 7, "the bundled captures: " + files);
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            CaptureFile capture = CaptureFile.open(p);
            Path keyless = tmp.resolve(p.getFileName());
            try (CaptureWriter w = CaptureWriter.create(keyless)) {
                for (Frame f : capture.frames()) {
                    w.write(f);
                }
            }
            PacketTable table = PacketTable.build(capture, TableOptions.standard());
            // SSH listens on an ephemeral port, where tshark does not look for it: tell it, as a student would.
            int serverPort = Integer.parseInt(table.text(Column.TCP_DSTPORT, 0));
            List<String> decodeAs = p.getFileName().toString().startsWith("ssh")
                    ? List.of("-d", "tcp.port==" + serverPort + ",ssh") : List.of();
            List<String[]> rows = Tshark.fields(keyless, decodeAs, Differences.names(Column.ALL));
            assertEquals(List.of(), Differences.of(p, table, rows, Column.ALL, Set.of()).stream()
                    .map(Object::toString).toList());
        }));
    }
}
