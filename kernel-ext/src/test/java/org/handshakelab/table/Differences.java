package org.handshakelab.table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Field-by-field comparison of a {@link PacketTable} with tshark's rows for the same file. */
final class Differences {

    private Differences() {
    }

    /** One cell that differs. */
    record Mismatch(String file, long frame, String column, String expected, String actual) {
        @Override
        public String toString() {
            return file + " frame " + frame + " " + column + ": tshark '" + expected + "', table '" + actual + "'";
        }
    }

    /**
     * The cells of {@code columns} where the table differs from tshark's {@code rows} (one per frame, the
     * columns in the same order). A frame-count difference is one mismatch on frame.number. Cells named in
     * {@code known} ("frame:column") are skipped.
     */
    static List<Mismatch> of(Path file, PacketTable table, List<String[]> rows, List<Column> columns, Set<String> known) {
        String name = file.getFileName().toString();
        List<Mismatch> out = new ArrayList<>();
        if (rows.size() != table.size()) {
            out.add(new Mismatch(name, 0, "frame.number", rows.size() + " frames", table.size() + " frames"));
        }
        for (int row = 0; row < Math.min(rows.size(), table.size()); row++) {
            String[] r = rows.get(row);
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                String expected = c < r.length ? r[c] : "";
                String actual = table.text(column, row);
                if (!expected.equals(actual) && !known.contains((row + 1) + ":" + column.wiresharkName())) {
                    out.add(new Mismatch(name, row + 1, column.wiresharkName(), expected, actual));
                }
            }
        }
        return out;
    }

    /** The columns' Wireshark names. */
    static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::wiresharkName).toList();
    }
}
