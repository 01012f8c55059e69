package org.handshakelab.view;

import java.util.List;

/** Fixed-width text tables for the views' text/plain forms. */
final class TextTable {

    /** Widest cell; longer values are cut with an ellipsis. */
    static final int MAX_CELL = 60;

    private TextTable() {
    }

    /**
     * The caption, then {@code lines} (the first is the header) in padded columns with a rule under the
     * header; {@code separator} goes before line {@code separatorAt} (none when it is -1).
     */
    static String format(String caption, List<String[]> lines, int separatorAt, String separator) {
        int columns = lines.get(0).length;
        int[] widths = new int[columns];
        for (String[] line : lines) {
            for (int c = 0; c < columns; c++) {
                line[c] = cut(line[c]);
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        StringBuilder out = new StringBuilder(caption);
        for (int i = 0; i < lines.size(); i++) {
            if (i == separatorAt) {
                out.append('\n').append(separator);
            }
            append(out, lines.get(i), widths);
            if (i == 0) {
                String[] rule = new String[columns];
                for (int c = 0; c < columns; c++) {
                    rule[c] = "-".repeat(widths[c]);
                }
                append(out, rule, widths);
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            line.append(c == 0 ? "" : "  ").append(cells[c]).append(" ".repeat(widths[c] - cells[c].length()));
        }
        out.append('\n').append(line.toString().stripTrailing());
    }

    private static String cut(String raw) {
        String flat = raw == null ? "" : raw.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
        return flat.length() <= MAX_CELL ? flat : flat.substring(0, MAX_CELL - 1) + "…";
    }
}
