package org.handshakelab.notebook;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.handshakelab.view.Html;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Shows a Tablesaw {@link Table} in a notebook: an escaped HTML {@code <table>} and a fixed-width text
 * fallback. Long tables show their first and last {@value #EDGE_ROWS} rows around a
 * "… K more rows …" separator. {@link #html(Table)} and {@link #text(Table)} need no kernel.
 */
public final class TableRenderer {

    /** Rows shown at each end of a long table. */
    public static final int EDGE_ROWS = 10;

    /** Widest cell in the text form; longer values are cut with an ellipsis. */
    static final int MAX_TEXT_CELL = 40;

    private static final String RIGHT = " style=\"text-align:right\"";
    private static final String LEFT = " style=\"text-align:left\"";

    private TableRenderer() {
    }

    /** The caption of a table: {@code "name · N rows × M columns"}, without the name if it has none. */
    public static String caption(Table table) {
        requireTable(table);
        String size = plural(table.rowCount(), "row") + " × " + plural(table.columnCount(), "column");
        String name = table.name();
        return name == null || name.isBlank() ? size : name + " · " + size;
    }

    /** The table as an HTML {@code <table>}, head and tail of {@value #EDGE_ROWS} rows each. */
    public static String html(Table table) {
        return html(table, EDGE_ROWS);
    }

    /**
     * The table as an HTML {@code <table>}: caption, header row, numeric columns right-aligned, every
     * name and value escaped.
     *
     * @param edgeRows rows shown at each end when the table has more than {@code 2 * edgeRows} rows
     */
    public static String html(Table table, int edgeRows) {
        requireTable(table);
        RowWindow window = new RowWindow(table.rowCount(), edgeRows);
        List<Column<?>> columns = table.columns();
        StringBuilder out = new StringBuilder(256);
        out.append("<table class=\"handshake-lab-table\">\n");
        out.append("<caption>").append(Html.escape(caption(table))).append("</caption>\n");
        out.append("<thead><tr>");
        for (Column<?> column : columns) {
            out.append("<th").append(align(column)).append('>')
                    .append(Html.escape(column.name())).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        htmlRows(out, columns, 0, window.headEnd());
        if (window.elided()) {
            out.append("<tr class=\"elided\"><td colspan=\"").append(Math.max(1, columns.size()))
                    .append("\" style=\"text-align:center\">").append(Html.escape(window.separator()))
                    .append("</td></tr>\n");
        }
        htmlRows(out, columns, window.tailStart(), window.rowCount());
        out.append("</tbody>\n</table>");
        return out.toString();
    }

    /** The table as fixed-width text, head and tail of {@value #EDGE_ROWS} rows each. */
    public static String text(Table table) {
        return text(table, EDGE_ROWS);
    }

    /**
     * The table as fixed-width text: caption, header, a rule, then rows; numeric columns right-aligned.
     *
     * @param edgeRows rows shown at each end when the table has more than {@code 2 * edgeRows} rows
     */
    public static String text(Table table, int edgeRows) {
        requireTable(table);
        RowWindow window = new RowWindow(table.rowCount(), edgeRows);
        List<Column<?>> columns = table.columns();
        List<String[]> lines = new ArrayList<>();
        lines.add(columns.stream().map(c -> textCell(c.name())).toArray(String[]::new));
        addTextRows(lines, columns, 0, window.headEnd());
        int separatorAt = lines.size();
        addTextRows(lines, columns, window.tailStart(), window.rowCount());

        int[] widths = new int[columns.size()];
        for (String[] line : lines) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        StringBuilder out = new StringBuilder(caption(table));
        appendTextLine(out, lines.get(0), widths, columns);
        appendRule(out, widths);
        for (int i = 1; i < lines.size(); i++) {
            if (i == separatorAt && window.elided()) {
                out.append('\n').append(window.separator());
            }
            appendTextLine(out, lines.get(i), widths, columns);
        }
        return out.toString();
    }

    /** The render function registered for {@link Table}: text/html and text/plain as requested. */
    public static void render(Table table, RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_HTML, () -> html(table));
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text(table));
    }

    private static void htmlRows(StringBuilder out, List<Column<?>> columns, int from, int to) {
        for (int row = from; row < to; row++) {
            out.append("<tr>");
            for (Column<?> column : columns) {
                out.append("<td").append(align(column)).append('>')
                        .append(Html.escape(column.getString(row))).append("</td>");
            }
            out.append("</tr>\n");
        }
    }

    private static void addTextRows(List<String[]> lines, List<Column<?>> columns, int from, int to) {
        for (int row = from; row < to; row++) {
            String[] line = new String[columns.size()];
            for (int c = 0; c < line.length; c++) {
                line[c] = textCell(columns.get(c).getString(row));
            }
            lines.add(line);
        }
    }

    private static void appendRule(StringBuilder out, int[] widths) {
        String[] rule = new String[widths.length];
        for (int c = 0; c < widths.length; c++) {
            rule[c] = "-".repeat(widths[c]);
        }
        appendTextLine(out, rule, widths, null);
    }

    private static void appendTextLine(StringBuilder out, String[] cells, int[] widths, List<Column<?>> columns) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(widths[c] - cells[c].length());
            boolean right = columns != null && columns.get(c) instanceof NumericColumn<?>;
            line.append(right ? pad + cells[c] : cells[c] + pad);
        }
        out.append('\n').append(line.toString().stripTrailing());
    }

    /** One cell of the text form: on one line, and cut to {@link #MAX_TEXT_CELL} characters. */
    private static String textCell(String raw) {
        String flat = raw == null ? "" : raw.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
        return flat.length() <= MAX_TEXT_CELL ? flat : flat.substring(0, MAX_TEXT_CELL - 1) + "…";
    }

    private static String align(Column<?> column) {
        return column instanceof NumericColumn<?> ? RIGHT : LEFT;
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static void requireTable(Table table) {
        if (table == null) {
            throw new IllegalArgumentException("table must not be null");
        }
    }
}
