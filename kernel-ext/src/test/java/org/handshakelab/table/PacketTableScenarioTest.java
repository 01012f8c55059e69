package org.handshakelab.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.flow.TcpAnalysisFlag;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic {@link Scenarios} capture against tshark: the frame, IP and TCP columns, the scaled
 * window, and the TCP analysis flags, frame by frame.
 */
@Tag("tshark")
class PacketTableScenarioTest {

    @TempDir
    Path dir;

    @Test
    void everyScenarioMatchesTsharkFieldForField() {
        Tshark.assumePresent();
        Path file = Scenarios.write(dir.resolve("scenarios.pcapng"));
        List<String> fields = new ArrayList<>(Differences.names(Column.TCP_IP));
        fields.add("tcp.window_size");
        for (TcpAnalysisFlag f : TcpAnalysisFlag.values()) {
            fields.add(f.wiresharkName());
        }
        List<String[]> rows = Tshark.fields(file, List.of(), fields);
        PacketTable table = PacketTable.build(CaptureFile.open(file));
        List<String> mismatches = new ArrayList<>();
        Set<String> seen = new java.util.TreeSet<>();
        Differences.of(file, table, rows, Column.TCP_IP, Set.of()).forEach(m -> mismatches.add(m.toString()));
        int base = Column.TCP_IP.size();
        for (int row = 0; row < Math.min(rows.size(), table.size()); row++) {
            String[] r = rows.get(row);
            String window = table.windowScaled(row) < 0 ? "" : Integer.toString(table.windowScaled(row));
            if (!r[base].equals(window)) {
                mismatches.add("frame " + (row + 1) + " tcp.window_size: tshark '" + r[base] + "', table '" + window + "'");
            }
            Set<String> expected = new java.util.TreeSet<>();
            for (TcpAnalysisFlag f : TcpAnalysisFlag.values()) {
                if (!r[base + 1 + f.ordinal()].isEmpty()) {
                    expected.add(f.wiresharkName());
                    seen.add(f.wiresharkName());
                }
            }
            Set<String> actual = new java.util.TreeSet<>();
            for (TcpAnalysisFlag f : shownAs(table.analysis(row))) {
                actual.add(f.wiresharkName());
            }
            if (!expected.equals(actual)) {
                mismatches.add("frame " + (row + 1) + " tcp.analysis: tshark " + expected + ", table " + actual);
            }
        }
        System.out.println("scenarios: " + table.size() + " frames, " + table.streamCount() + " streams, "
                + mismatches.size() + " mismatches");
        assertEquals(List.of(), mismatches);
        Set<String> all = new java.util.TreeSet<>();
        for (TcpAnalysisFlag f : TcpAnalysisFlag.values()) {
            all.add(f.wiresharkName());
        }
        assertEquals(all, seen, "the scenarios exercise every analysis flag");
    }

    /** tshark adds the plain retransmission info to the fast and spurious ones. */
    static Set<TcpAnalysisFlag> shownAs(Set<TcpAnalysisFlag> flags) {
        EnumSet<TcpAnalysisFlag> out = flags.isEmpty() ? EnumSet.noneOf(TcpAnalysisFlag.class) : EnumSet.copyOf(flags);
        if (flags.contains(TcpAnalysisFlag.FAST_RETRANSMISSION) || flags.contains(TcpAnalysisFlag.SPURIOUS_RETRANSMISSION)) {
            out.add(TcpAnalysisFlag.RETRANSMISSION);
        }
        return out;
    }
}
