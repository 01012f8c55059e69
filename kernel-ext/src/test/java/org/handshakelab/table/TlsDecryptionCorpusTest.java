package org.handshakelab.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.handshakelab.TestTools;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.dissect.Field;
import org.handshakelab.dissect.tls.KeyScheduleStep;
import org.handshakelab.dissect.tls.TlsKeySchedule;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * The "Illustrated TLS" captures of the shared corpus, decrypted with their published key logs, equal tshark
 * with the same key log; and the key schedule tables of a decrypted record.
 */
class TlsDecryptionCorpusTest {

    private static List<String> differences(Path capture, Path keyLog) {
        TableOptions options = TableOptions.builder().standardDissectors().keyLog(keyLog).build();
        PacketTable table = PacketTable.build(CaptureFile.open(capture), options);
        List<String[]> rows = Tshark.fields(capture, List.of("-o", "tls.keylog_file:" + keyLog),
                Differences.names(Column.ALL));
        return Differences.of(capture, table, rows, Column.ALL, Set.of()).stream().map(Object::toString).toList();
    }

    @Test
    void illustratedTls13DecryptsAsTsharkDecryptsIt() {
        assertEquals(List.of(), differences(TestTools.corpusFile("it13-capture.pcap"),
                TestTools.corpusFile("it13-keylog.txt")));
    }

    @Test
    void illustratedTls12AesCbcDecryptsAsTsharkDecryptsIt() {
        assertEquals(List.of(), differences(TestTools.corpusFile("it12-capture.pcap"),
                TestTools.corpusFile("it12-keylog.txt")));
    }

    @Test
    void illustratedTls13HasNewSessionTicketsOnlyOnceDecrypted() {
        Path capture = TestTools.corpusFile("it13-capture.pcap");
        TableOptions keyed = TableOptions.builder().standardDissectors()
                .keyLog(TestTools.corpusFile("it13-keylog.txt")).build();
        PacketTable with = PacketTable.build(CaptureFile.open(capture), keyed);
        PacketTable without = PacketTable.build(CaptureFile.open(capture), TableOptions.standard());
        long tickets = 0;
        for (int row = 0; row < with.size(); row++) {
            tickets += with.values(Field.TLS_HANDSHAKE_TYPE, row).stream().filter("4"::equals).count();
            assertFalse(without.values(Field.TLS_HANDSHAKE_TYPE, row).contains("4"));
        }
        assertEquals(2, tickets);
    }

    @Test
    void illustratedTls13ServerHandshakeKeysAreThoseThePagePublishes() {
        Path capture = TestTools.corpusFile("it13-capture.pcap");
        TableOptions options = TableOptions.builder().standardDissectors()
                .keyLog(TestTools.corpusFile("it13-keylog.txt")).build();
        KeyScheduleTables.Decrypted first = KeyScheduleTables.firstServerRecord(CaptureFile.open(capture), options)
                .orElseThrow();
        List<KeyScheduleStep> steps = TlsKeySchedule.recordSteps(first.record());
        // "Server Handshake Keys Calc" of The Illustrated TLS 1.3 Connection (TLS_AES_256_GCM_SHA384)
        assertEquals("9f13575ce3f8cfc1df64a77ceaffe89700b492ad31b4fab01c4792be1b266b7f", output(steps, "write key"));
        assertEquals("9563bc8b590f671f488d2da3", output(steps, "write iv"));
        assertEquals("08", output(steps, "plaintext").substring(0, 2), "EncryptedExtensions");
    }

    private static String output(List<KeyScheduleStep> steps, String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().output();
    }

    @Test
    void theKeyScheduleOfTheBundledTls13CaptureStartsFromItsDecryptionSecretsBlock() {
        CaptureFile capture = CaptureFile.open(Path.of("..", "captures", "https-tls13.pcapng"));
        List<KeyScheduleTables.Decrypted> records = KeyScheduleTables.decrypted(capture, TableOptions.standard());
        assertTrue(records.size() >= 6, records.toString());
        KeyScheduleTables.Decrypted first = KeyScheduleTables.firstServerRecord(capture, TableOptions.standard())
                .orElseThrow();
        assertEquals("SERVER_HANDSHAKE_TRAFFIC_SECRET", first.record().secretLabel());
        assertEquals(0, first.record().seq());
        assertEquals(22, first.record().innerType());
        assertTrue(first.record().plaintext().startsWith("08"), "EncryptedExtensions comes first");
        List<KeyScheduleStep> steps = TlsKeySchedule.recordSteps(first.record());
        Table table = KeyScheduleTables.steps(first);
        assertEquals(steps.size(), table.rowCount());
        assertEquals(List.of("step", "formula", "inputs", "output", "source"), table.columnNames());
        assertEquals(first.record().plaintext().length() > KeyScheduleTables.MAX_HEX_CHARS,
                table.stringColumn("output").get(steps.size() - 1).contains("bytes)"));
        assertTrue(table.stringColumn("step").asList().containsAll(List.of("write key", "write iv", "nonce",
                "additional data", "decrypted", "inner content type", "plaintext")));
        Table overview = KeyScheduleTables.records(records);
        assertEquals(records.size(), overview.rowCount());
        assertTrue(overview.stringColumn("secret").asList().contains("CLIENT_TRAFFIC_SECRET_0"));
    }

    @Test
    void theTls12KeyScheduleShowsTheKeyBlockAndTheExplicitNonce() {
        CaptureFile capture = CaptureFile.open(Path.of("..", "captures", "https-tls12.pcapng"));
        KeyScheduleTables.Decrypted first = KeyScheduleTables.firstServerRecord(capture, TableOptions.standard())
                .orElseThrow();
        assertEquals("CLIENT_RANDOM", first.record().secretLabel());
        assertEquals(22, first.record().innerType());
        assertTrue(first.record().plaintext().startsWith("14"), "the server's Finished");
        List<String> names = TlsKeySchedule.recordSteps(first.record()).stream().map(KeyScheduleStep::name).toList();
        assertTrue(names.containsAll(List.of("key block", "server_write_key", "server_write_IV", "nonce",
                "additional data", "plaintext")), names.toString());
    }
}
