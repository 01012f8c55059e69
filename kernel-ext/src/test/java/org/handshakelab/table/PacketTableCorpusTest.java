package org.handshakelab.table;

import org.handshakelab.TestTools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.handshakelab.capture.CaptureFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Every corpus capture with TCP, frame by frame and column by column, against tshark: the frame, IP and
 * TCP columns ({@link #COLUMNS}; widen it to the application columns once their dissectors are
 * plugged in). Mismatches are listed with file, frame, column, tshark's value and ours.
 */
@Tag("tshark")
class PacketTableCorpusTest {

    /** The columns compared. */
    static final List<Column> COLUMNS = Column.TCP_IP;

    /**
     * Cells where we knowingly differ. td-timestamp_invalid_nano.pcap frame 3 has a nanosecond fraction of
     * 2^31 (invalid, >= 10^9): tshark subtracts it as a signed 32-bit field and prints "1.1147483649"; the
     * capture reader carries the excess into the seconds, so we print 1.147483649 (the time the bytes say).
     */
    static final Map<String, Set<String>> KNOWN = Map.of(
            "td-timestamp_invalid_nano.pcap", Set.of("3:frame.time_relative"));

    @TestFactory
    Stream<DynamicTest> everyTcpCaptureMatchesTsharkFieldForField() {
        return compare(COLUMNS, TableOptions.defaults(), KNOWN);
    }

    /**
     * With the HTTP, TLS and SSH dissectors: every column. zk-get-to-ssh-server.pcap frame 4 is an HTTP GET
     * sent to port 22: tshark goes by the port and calls it an encrypted SSH packet, the lab goes by the bytes.
     * zk-hrr.pcap frame 11 completes a ServerHello whose segments came out of order: the lab reassembles them,
     * tshark does so only with {@code tcp.reassemble_out_of_order:TRUE} (off by default in 4.0).
     */
    static final Map<String, Set<String>> KNOWN_ALL = Map.of(
            "td-timestamp_invalid_nano.pcap", Set.of("3:frame.time_relative"),
            "zk-get-to-ssh-server.pcap", Set.of("4:http.request.method", "4:http.request.uri", "4:ssh.protocol",
                    "4:ssh.message_code"),
            "zk-hrr.pcap", Set.of("11:tls.record.content_type", "11:tls.handshake.type"));

    @TestFactory
    Stream<DynamicTest> everyTcpCaptureMatchesTsharkInEveryColumnWithTheApplicationDissectors() {
        return compare(Column.ALL, TableOptions.standard(), KNOWN_ALL);
    }

    private Stream<DynamicTest> compare(List<Column> columns, TableOptions options, Map<String, Set<String>> known) {
        Tshark.assumePresent();
        List<Path> files = TestTools.corpusCaptures();
        List<String> fields = Differences.names(columns);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<CompletableFuture<List<String[]>>> truths = files.stream()
                .map(p -> CompletableFuture.supplyAsync(() -> Tshark.fields(p, TestTools.corpusDecodeAs(p), fields), pool))
                .toList();
        pool.shutdown();
        List<String> summary = new ArrayList<>();
        Stream<DynamicTest> tests = files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            List<String[]> rows = truths.get(files.indexOf(p)).join();
            boolean tcp = rows.stream().anyMatch(r -> r.length > 4 && !r[4].isEmpty());
            if (!tcp) {
                return; // no TCP: not part of this comparison (pcapng non-packet records make tshark count more frames)
            }
            PacketTable table = PacketTable.build(CaptureFile.open(p), options);
            var mismatches = Differences.of(p, table, rows, columns,
                    known.getOrDefault(p.getFileName().toString(), Set.of()));
            summary.add(p.getFileName() + ": " + table.size() + " frames, " + mismatches.size() + " mismatches");
            assertEquals(List.of(), mismatches.stream().map(Object::toString).toList());
        }));
        return Stream.concat(tests, Stream.of(DynamicTest.dynamicTest("summary", () -> {
            summary.forEach(System.out::println);
            assertTrue(summary.size() >= 20, "expected at least 20 corpus files with TCP: " + summary);
        })));
    }
}
