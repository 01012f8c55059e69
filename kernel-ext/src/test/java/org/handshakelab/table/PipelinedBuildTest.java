package org.handshakelab.table;

import org.handshakelab.TestTools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.flow.TcpScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two-thread build gives exactly the table the one-thread build gives, and the TSV streamed while building the same text. */
class PipelinedBuildTest {

    @TempDir
    Path dir;

    private static void assertSameTables(PacketTable one, PacketTable two) {
        assertEquals(one.size(), two.size());
        assertEquals(one.streamCount(), two.streamCount());
        List<String> differences = new ArrayList<>();
        for (int row = 0; row < one.size(); row++) {
            for (Column c : Column.ALL) {
                if (!one.text(c, row).equals(two.text(c, row))) {
                    differences.add("frame " + (row + 1) + " " + c.wiresharkName());
                }
            }
            if (one.analysisBits(row) != two.analysisBits(row) || one.phase(row) != two.phase(row)
                    || one.windowScaled(row) != two.windowScaled(row) || one.direction(row) != two.direction(row)
                    || !one.headerAnomalies(row).equals(two.headerAnomalies(row))
                    || one.frameLength(row) != two.frameLength(row)) {
                differences.add("frame " + (row + 1) + " analysis, phase, window, direction or anomalies");
            }
        }
        assertEquals(List.of(), differences);
    }

    private static void compare(Path file) {
        CaptureFile capture = CaptureFile.open(file);
        PacketTable one = TableBuilder.run(capture, TableOptions.defaults(), false);
        assertSameTables(one, TableBuilder.run(capture, TableOptions.defaults(), true));
        try {
            java.io.ByteArrayOutputStream after = new java.io.ByteArrayOutputStream();
            one.writeTsv(after, Column.ALL);
            java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();
            PacketTable.writeTsv(capture, TableOptions.defaults(), streamed, Column.ALL);
            assertEquals(after.toString(), streamed.toString(), "TSV written while building, " + file.getFileName());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void scenariosGiveTheSameTable() {
        compare(Scenarios.write(dir.resolve("s.pcapng")));
    }

    @Test
    void corpusCapturesGiveTheSameTable() {
        for (Path p : TestTools.corpusCaptures()) {
            compare(p);
        }
    }

    @Test
    void readBuffersComeBackOnlyAfterTheirFramesAreDissected() {
        // tiny read buffers, so that the reader runs out of them and must hand over partial batches, and
        // frames larger than a buffer get one of their own: the payloads the HTTP and TLS dissectors read
        // after the reader moved on must still be the frames' own bytes
        TcpScript s = TcpScript.of("10.0.0.1", 40000, "10.0.0.2", 80, 1, 2);
        for (int i = 0; i < 400; i++) {
            s = s.then("10.0.0.1", 40000 + i, "10.0.0.2", 80, 5000L * i, 3L * i);
            byte[] request = ("GET /item/" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII);
            byte[] body = new byte[(i * 997) % 9000];
            byte[] response = ("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII);
            s.syn(new byte[0]).synAck(new byte[0]).ack(0).data(0, request).data(1, concat(response, body))
                    .fin(0).fin(1).ack(0);
        }
        Path file = s.write(dir.resolve("http.pcapng"));
        CaptureFile capture = CaptureFile.open(file);
        PacketTable one = TableBuilder.run(capture, TableOptions.standard(), false);
        for (int[] pool : new int[][] {{4096, 2}, {4096, 3}, {16384, 5}, {1 << 20, 32}}) {
            assertSameTables(one, TableBuilder.runPipelined(capture, TableOptions.standard(), pool[0], pool[1]));
        }
        // loaded into memory, the reader walks the mapping and the payloads are read from it
        CaptureFile loaded = CaptureFile.open(file);
        org.junit.jupiter.api.Assertions.assertTrue(loaded.load());
        assertSameTables(one, TableBuilder.runPipelined(loaded, TableOptions.standard(), 4096, 2));
        assertSameTables(TableBuilder.run(capture, TableOptions.defaults(), false),
                TableBuilder.run(loaded, TableOptions.defaults(), true));
        int requests = 0;
        for (int row = 0; row < one.size(); row++) {
            requests += one.values(org.handshakelab.dissect.Field.HTTP_REQUEST_METHOD, row).size();
        }
        assertEquals(400, requests, "every request dissected");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void manyBatchesAndStreamsGiveTheSameTable() {
        TcpScript s = TcpScript.of("10.0.0.1", 30000, "10.0.0.2", 80, 1, 2);
        for (int i = 0; i < 3000; i++) {
            s = s.then("10.0.0.1", 30000 + i % 700, "10.0.0.2", 80, 1000L * i, 7L * i);
            s.syn(new byte[0]).synAck(new byte[0]).ack(0).data(0, new byte[i % 50]).fin(0).fin(1).ack(0);
        }
        compare(s.write(dir.resolve("many.pcapng")));
    }

    @Test
    void bundledCapturesDecryptWithTheirEmbeddedKeysOnTwoThreadsToo() throws java.io.IOException {
        // The two-thread build must hand the stream dissectors the Decryption Secrets Blocks read so far,
        // as the one-thread build does: the decrypted Finished, HTTP and SSH codes must be the same.
        List<Path> files;
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(TestTools.CAPTURES)) {
            files = s.filter(p -> p.toString().endsWith(".pcapng")).sorted().toList();
        }
        org.junit.jupiter.api.Assertions.assertFalse(files.isEmpty(), "no bundled captures in " + TestTools.CAPTURES);
        for (Path p : files) {
            CaptureFile capture = CaptureFile.open(p);
            PacketTable one = TableBuilder.run(capture, TableOptions.standard(), false);
            assertSameTables(one, TableBuilder.run(capture, TableOptions.standard(), true));
        }
        PacketTable tls13 = TableBuilder.run(CaptureFile.open(TestTools.bundled("https-tls13.pcapng")),
                TableOptions.standard(), true);
        boolean decrypted = false;
        for (int row = 0; row < tls13.size(); row++) {
            decrypted |= tls13.values(org.handshakelab.dissect.Field.HTTP_REQUEST_METHOD, row).contains("GET");
        }
        org.junit.jupiter.api.Assertions.assertTrue(decrypted, "the GET inside TLS 1.3, decrypted on two threads");
    }
}
