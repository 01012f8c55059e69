package org.handshakelab.notebook;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableRendererTest {

    private static final Pattern BODY_ROW = Pattern.compile("<tr><td");

    @Test
    void htmlHasCaptionHeaderAndEveryValue() {
        String html = TableRenderer.html(Tables.handshake());

        assertTrue(html.startsWith("<table"), html);
        assertTrue(html.contains("<caption>handshake · 3 rows × 5 columns</caption>"), html);
        for (String header : List.of("No.", "Flags", "Name", "tcp.seq", "tcp.ack")) {
            assertTrue(html.contains(">" + header + "</th>"), header);
        }
        for (String value : List.of("0x002", "0x012", "0x010", "SYN", "SYN-ACK", "ACK")) {
            assertTrue(html.contains(">" + value + "</td>"), value);
        }
        assertEquals(3, count(BODY_ROW, html));
        assertFalse(html.contains("more row"), html);
    }

    @Test
    void htmlRightAlignsNumericColumnsOnly() {
        String html = TableRenderer.html(Tables.handshake());

        assertTrue(html.contains("<th style=\"text-align:right\">No.</th>"), html);
        assertTrue(html.contains("<th style=\"text-align:left\">Flags</th>"), html);
        assertTrue(html.contains("<td style=\"text-align:right\">1</td>"), html);
        assertTrue(html.contains("<td style=\"text-align:left\">SYN</td>"), html);
    }

    @Test
    void htmlEscapesValuesNamesAndCaption() {
        Table table = Table.create("<b>&co",
                StringColumn.create("<th>", "<script>alert('x')</script>", "a & \"b\""));

        String html = TableRenderer.html(table);

        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), html);
        assertTrue(html.contains("a &amp; &quot;b&quot;"), html);
        assertTrue(html.contains(">&lt;th&gt;</th>"), html);
        assertTrue(html.contains("<caption>&lt;b&gt;&amp;co · 2 rows × 1 column</caption>"), html);
    }

    @Test
    void htmlShowsFirstAndLastTenRowsAroundTheElidedCount() {
        String html = TableRenderer.html(Tables.numbered(35));

        assertEquals(20, count(BODY_ROW, html));
        assertTrue(html.contains("… 15 more rows …"), html);
        assertTrue(html.contains(">row-0<") && html.contains(">row-9<"), html);
        assertFalse(html.contains(">row-10<") || html.contains(">row-24<"), html);
        assertTrue(html.contains(">row-25<") && html.contains(">row-34<"), html);
        assertTrue(html.indexOf(">row-9<") < html.indexOf("more rows") && html.indexOf("more rows") < html.indexOf(">row-25<"));
        assertTrue(html.contains("<td colspan=\"2\""), html);
        assertTrue(html.contains("<caption>numbered · 35 rows × 2 columns</caption>"), html);
    }

    @Test
    void tableOfExactlyTwentyRowsIsShownWhole() {
        String html = TableRenderer.html(Tables.numbered(20));
        String text = TableRenderer.text(Tables.numbered(20));

        assertEquals(20, count(BODY_ROW, html));
        assertFalse(html.contains("more row"), html);
        assertFalse(text.contains("more row"), text);
    }

    @Test
    void oneRowOverTheLimitSaysOneMoreRow() {
        assertTrue(TableRenderer.html(Tables.numbered(21)).contains("… 1 more row …"));
        assertTrue(TableRenderer.text(Tables.numbered(21)).contains("… 1 more row …"));
    }

    @Test
    void textIsFixedWidthWithNumbersRightAligned() {
        String text = TableRenderer.text(Tables.handshake());

        assertEquals(String.join("\n",
                "handshake · 3 rows × 5 columns",
                "No.  Flags  Name     tcp.seq  tcp.ack",
                "---  -----  -------  -------  -------",
                "  1  0x002  SYN            0        0",
                "  2  0x012  SYN-ACK        0        1",
                "  3  0x010  ACK            1        1"), text);
    }

    @Test
    void textShowsHeadAndTailAroundTheElidedCount() {
        List<String> lines = TableRenderer.text(Tables.numbered(100)).lines().toList();

        // caption, header, rule, 10 head rows, separator, 10 tail rows
        assertEquals(24, lines.size(), String.join("\n", lines));
        assertEquals(" 9  row-9", lines.get(12));
        assertEquals("… 80 more rows …", lines.get(13));
        assertEquals("90  row-90", lines.get(14));
        assertEquals("99  row-99", lines.get(23));
    }

    @Test
    void textKeepsEachCellOnOneLineAndCutsLongValues() {
        Table table = Table.create("t", StringColumn.create("s", "two\nlines", "x".repeat(100)));

        List<String> lines = TableRenderer.text(table).lines().toList();

        assertEquals(5, lines.size());
        assertEquals("two\\nlines", lines.get(3));
        assertEquals(TableRenderer.MAX_TEXT_CELL, lines.get(4).length());
        assertTrue(lines.get(4).endsWith("…"));
    }

    @Test
    void emptyTableStillShowsCaptionAndHeader() {
        Table table = Table.create("empty", IntColumn.create("tcp.seq"));

        assertEquals("empty · 0 rows × 1 column\ntcp.seq\n-------", TableRenderer.text(table));
        assertTrue(TableRenderer.html(table).contains("<th style=\"text-align:right\">tcp.seq</th>"));
    }

    @Test
    void unnamedTableCaptionIsJustItsSize() {
        assertEquals("3 rows × 5 columns", TableRenderer.caption(Tables.handshake().setName(null)));
    }

    @Test
    void customEdgeRowsIsHonouredAndValidated() {
        assertTrue(TableRenderer.html(Tables.numbered(10), 2).contains("… 6 more rows …"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TableRenderer.text(Tables.numbered(10), 0));
        assertEquals("edgeRows must be >= 1: 0", e.getMessage());
        IllegalArgumentException nullTable = assertThrows(IllegalArgumentException.class,
                () -> TableRenderer.html(null));
        assertTrue(nullTable.getMessage().startsWith("table"));
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
