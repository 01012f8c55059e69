package org.handshakelab.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.dissect.tls.KeyScheduleStep;
import org.handshakelab.dissect.tls.TlsDecryptedRecord;
import org.handshakelab.dissect.tls.TlsKeySchedule;
import org.handshakelab.flow.StreamDissectorFactory;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The TLS key schedule of a student's own capture, as Tablesaw tables: which records were decrypted, and for
 * one of them every step from the key log's secret to the plaintext ({@link TlsKeySchedule#recordSteps}).
 *
 * <pre>{@code
 * TableOptions options = TableOptions.builder().standardDissectors().keyLog(keyLogFile).build();
 * List<KeyScheduleTables.Decrypted> records = KeyScheduleTables.decrypted(capture, options);
 * Table steps = KeyScheduleTables.steps(KeyScheduleTables.firstServerRecord(capture, options).orElseThrow());
 * }</pre>
 */
public final class KeyScheduleTables {

    /** Hex longer than this is shortened in the tables ("…, 679 bytes"); the steps keep it whole. */
    public static final int MAX_HEX_CHARS = 96;

    private KeyScheduleTables() {
    }

    /**
     * One decrypted record and where it is.
     *
     * @param frame  the frame that completed the record
     * @param stream the TCP stream ({@code tcp.stream})
     * @param record the record with what decrypting it took
     */
    public record Decrypted(int frame, int stream, TlsDecryptedRecord record) {
        /** Checks the record is there. */
        public Decrypted {
            Objects.requireNonNull(record, "record");
        }
    }

    /** Every record of {@code capture} that the dissectors decrypt with {@code options}' keys, in frame order. */
    public static List<Decrypted> decrypted(CaptureFile capture, TableOptions options) {
        List<Decrypted> out = new ArrayList<>();
        List<StreamDissectorFactory> tapped = options.dissectors().stream()
                .map(f -> f.tapped((stream, frame, direction, message) -> {
                    if (message instanceof TlsDecryptedRecord r) {
                        out.add(new Decrypted(frame, stream, r));
                    }
                })).toList();
        PacketTable.build(capture, new TableOptions(tapped, options.keys(), options.captureSecrets()));
        out.sort((a, b) -> Integer.compare(a.frame, b.frame));
        return List.copyOf(out);
    }

    /** The first decrypted record the server sent (in TLS 1.3, its encrypted handshake), if any. */
    public static Optional<Decrypted> firstServerRecord(CaptureFile capture, TableOptions options) {
        return decrypted(capture, options).stream().filter(d -> d.record.direction() == 1).findFirst();
    }

    /** The decrypted records: frame, stream, direction, sequence number, secret label, inner type, length. */
    public static Table records(List<Decrypted> records) {
        return Table.create("decrypted TLS records",
                IntColumn.create("frame.number", records.stream().mapToInt(Decrypted::frame).toArray()),
                IntColumn.create("tcp.stream", records.stream().mapToInt(Decrypted::stream).toArray()),
                StringColumn.create("from", records.stream().map(d -> d.record.direction() == 0 ? "client" : "server")
                        .toList()),
                IntColumn.create("seq", records.stream().mapToInt(d -> (int) d.record.seq()).toArray()),
                StringColumn.create("secret", records.stream().map(d -> d.record.secretLabel()).toList()),
                StringColumn.create("cipher suite", records.stream().map(d -> d.record.cipherSuiteName()).toList()),
                IntColumn.create("inner type", records.stream().mapToInt(d -> d.record.innerType()).toArray()),
                IntColumn.create("plaintext bytes", records.stream().mapToInt(d -> d.record.plaintextLength())
                        .toArray()));
    }

    /** The key schedule of one decrypted record, step by step: step, formula, inputs, output, source. */
    public static Table steps(Decrypted record) {
        return steps(TlsKeySchedule.recordSteps(record.record()),
                "key schedule of frame " + record.frame() + " (" + (record.record().direction() == 0 ? "client"
                        : "server") + " record " + record.record().seq() + ")");
    }

    /** Any list of steps as a table named {@code name}. */
    public static Table steps(List<KeyScheduleStep> steps, String name) {
        return Table.create(name,
                StringColumn.create("step", steps.stream().map(KeyScheduleStep::name).toList()),
                StringColumn.create("formula", steps.stream().map(KeyScheduleStep::formula).toList()),
                StringColumn.create("inputs", steps.stream().map(s -> String.join("; ",
                        s.inputs().stream().map(KeyScheduleTables::shorten).toList())).toList()),
                StringColumn.create("output", steps.stream().map(s -> shorten(s.output())).toList()),
                StringColumn.create("source", steps.stream().map(KeyScheduleStep::source).toList()));
    }

    /** Long hex is cut for display, saying how long it was. */
    static String shorten(String text) {
        if (text.length() <= MAX_HEX_CHARS) {
            return text;
        }
        int eq = text.indexOf(" = ");
        String hex = eq >= 0 ? text.substring(eq + 3) : text;
        if (!hex.matches("[0-9a-f]+")) {
            return text;
        }
        String prefix = eq >= 0 ? text.substring(0, eq + 3) : "";
        return prefix + hex.substring(0, Math.max(16, MAX_HEX_CHARS - prefix.length() - 20)) + "… ("
                + hex.length() / 2 + " bytes)";
    }
}
