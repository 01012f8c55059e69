package org.handshakelab.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.FrameCursor;
import org.handshakelab.table.PacketTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Wireshark's packet list for some frames of a capture: No., Time, Source, Destination, Protocol, Length,
 * Flags ({@code 0x012 [SYN, ACK]}), Info (relative Seq/Ack, options, the application message), Phase and
 * Stream. Shows itself as HTML with rows coloured by {@link PhaseKind}, long lists as head and tail with
 * the row count; {@link #table()} gives the same columns as a Tablesaw {@link Table} to compute with.
 *
 * <pre>{@code
 * PacketList tls = trace.packets().stream(0).protocol("TLS");
 * tls.size();
 * tls.table().column("Info");
 * }</pre>
 *
 * <p>Immutable; the filters return new lists.
 */
public final class PacketList implements HtmlView {

    /** Column names of {@link #table()}, in order. */
    public static final List<String> COLUMNS = List.of("No.", "Time", "Source", "Destination", "Protocol", "Length",
            "Flags", "Info", "Phase", "Stream");
    /** Rows shown at each end of a long list. */
    public static final int EDGE_ROWS = 10;

    private final PacketTable packets;
    private final CaptureFile capture;
    private final int[] rows;
    private final String title;
    private Table table;

    private PacketList(PacketTable packets, CaptureFile capture, int[] rows, String title) {
        this.packets = packets;
        this.capture = capture;
        this.rows = rows;
        this.title = title;
    }

    /** Every frame of {@code packets}, whose bytes (for TCP options and HTTP lines) are re-read from {@code capture}. */
    public static PacketList of(PacketTable packets, CaptureFile capture) {
        Objects.requireNonNull(packets, "packets");
        Objects.requireNonNull(capture, "capture");
        int[] all = new int[packets.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return new PacketList(packets, capture, all, packets.name());
    }

    /** The frames of TCP stream {@code stream} ({@code tcp.stream == stream}). */
    public PacketList stream(int stream) {
        if (stream < 0 || stream >= Math.max(1, packets.streamCount())) {
            throw new IllegalArgumentException("stream must be 0.." + (packets.streamCount() - 1) + ": " + stream);
        }
        return where(r -> packets.stream(r) == stream, "tcp.stream == " + stream);
    }

    /**
     * The frames whose phase is {@code name}, ignoring case: a {@link PhaseKind} label ("TCP handshake",
     * "TLS handshake", "SSH key exchange", "HTTP request/response", "TCP close", "TCP reset", "data"),
     * "handshake" for all three handshakes, or a part of one of the row's phase labels ("handshake 2/3",
     * "TLS ClientHello", "close", "HTTP request").
     */
    public PacketList phase(String name) {
        String needle = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
        return where(r -> {
            PhaseKind kind = PhaseKind.of(packets, r);
            if (kind.label().equalsIgnoreCase(needle) || needle.equals("handshake") && kind.isHandshake()) {
                return true;
            }
            for (String label : packets.phaseLabels(r)) {
                if (label.toLowerCase(Locale.ROOT).contains(needle)) {
                    return true;
                }
            }
            return false;
        }, "phase " + name);
    }

    /**
     * The frames of {@code protocol}, ignoring case: "HTTP", "TLS" or "SSH" as the Protocol column shows it;
     * "TCP" means every frame with a TCP header, as Wireshark's {@code tcp} filter does.
     */
    public PacketList protocol(String protocol) {
        String p = Objects.requireNonNull(protocol, "protocol").trim().toUpperCase(Locale.ROOT);
        if (p.equals("TCP")) {
            return where(r -> packets.flags(r) >= 0, "tcp");
        }
        return where(r -> PacketInfo.protocol(packets, r).equals(p), protocol.trim().toLowerCase(Locale.ROOT));
    }

    /** The frames whose 0-based table row satisfies {@code test}. */
    public PacketList where(IntPredicate test, String description) {
        Objects.requireNonNull(test, "test");
        int[] kept = new int[rows.length];
        int n = 0;
        for (int r : rows) {
            if (test.test(r)) {
                kept[n++] = r;
            }
        }
        return new PacketList(packets, capture, java.util.Arrays.copyOf(kept, n),
                title + " · " + Objects.requireNonNull(description, "description"));
    }

    /** The number of frames in the list. */
    public int size() {
        return rows.length;
    }

    /** The 0-based rows of the packet table in the list, in frame order (a copy). */
    public int[] rows() {
        return rows.clone();
    }

    /** The packet table the list shows rows of. */
    public PacketTable packets() {
        return packets;
    }

    /** The caption: the capture's name and the filters applied. */
    public String title() {
        return title;
    }

    /** The Info column of the list's {@code i}-th frame. */
    public String info(int i) {
        int row = rowAt(i);
        return PacketInfo.info(packets, row, FrameWalk.extras(capture, new int[] {row})[0]);
    }

    /** The Protocol column of the list's {@code i}-th frame. */
    public String protocol(int i) {
        return PacketInfo.protocol(packets, rowAt(i));
    }

    /** The phase kind of the list's {@code i}-th frame. */
    public PhaseKind kind(int i) {
        return PhaseKind.of(packets, rowAt(i));
    }

    private int rowAt(int i) {
        if (i < 0 || i >= rows.length) {
            throw new IndexOutOfBoundsException("i must be 0.." + (rows.length - 1) + ": " + i);
        }
        return rows[i];
    }

    /** The list as a Tablesaw table with the columns {@link #COLUMNS}; built once, on first call. */
    public synchronized Table table() {
        if (table == null) {
            table = build(rows);
        }
        return table;
    }

    private Table shownTable;

    /** The shown rows as a table, built once: html and text are both asked for, each a walk through the file. */
    private synchronized Table shownTable() {
        if (shownTable == null) {
            int[] shown = shown();
            shownTable = shown == rows ? table() : build(shown);
        }
        return shownTable;
    }

    private Table build(int[] which) {
        FrameWalk.Extras[] extras = FrameWalk.extras(capture, which);
        IntColumn no = IntColumn.create("No.");
        DoubleColumn time = DoubleColumn.create("Time");
        StringColumn src = StringColumn.create("Source");
        StringColumn dst = StringColumn.create("Destination");
        StringColumn protocol = StringColumn.create("Protocol");
        IntColumn length = IntColumn.create("Length");
        StringColumn flags = StringColumn.create("Flags");
        StringColumn info = StringColumn.create("Info");
        StringColumn phase = StringColumn.create("Phase");
        IntColumn stream = IntColumn.create("Stream");
        for (int i = 0; i < which.length; i++) {
            int r = which[i];
            no.append(r + 1);
            time.append(seconds(r));
            src.append(nonNull(packets.sourceAddress(r)));
            dst.append(nonNull(packets.destinationAddress(r)));
            protocol.append(PacketInfo.protocol(packets, r));
            length.append(packets.frameLength(r));
            flags.append(PacketInfo.flags(packets, r));
            info.append(PacketInfo.info(packets, r, extras[i]));
            phase.append(String.join(", ", packets.phaseLabels(r)));
            if (packets.stream(r) >= 0) {
                stream.append(packets.stream(r));
            } else {
                stream.appendMissing();
            }
        }
        return Table.create(title, no, time, src, dst, protocol, length, flags, info, phase, stream);
    }

    /** Seconds since the first frame, as Wireshark's Time column (0 without timestamps). */
    double seconds(int row) {
        long t = packets.timestampNanos(row);
        long t0 = packets.size() > 0 ? packets.timestampNanos(0) : t;
        if (t == FrameCursor.NO_TIMESTAMP || t0 == FrameCursor.NO_TIMESTAMP) {
            return 0;
        }
        return (t - t0) / 1e9;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** The shown rows: all of a short list, head and tail of a long one (-1 marks the elision). */
    private int[] shown() {
        if (rows.length <= 2 * EDGE_ROWS) {
            return rows;
        }
        int[] s = new int[2 * EDGE_ROWS];
        System.arraycopy(rows, 0, s, 0, EDGE_ROWS);
        System.arraycopy(rows, rows.length - EDGE_ROWS, s, EDGE_ROWS, EDGE_ROWS);
        return s;
    }

    private String caption() {
        return title + " · " + Html.plural(rows.length, "packet");
    }

    @Override
    public String html() {
        int[] shown = shown();
        Table t = shownTable();
        StringBuilder out = new StringBuilder(4096);
        out.append("<table class=\"handshake-lab-packets\" style=\"font-family:monospace;font-size:12px;"
                + "border-collapse:collapse\">\n<caption style=\"text-align:left\">")
                .append(Html.escape(caption())).append("</caption>\n<thead><tr>");
        for (String c : COLUMNS) {
            out.append("<th style=\"text-align:left;padding:1px 6px\">").append(Html.escape(c)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < shown.length; i++) {
            if (shown != rows && i == EDGE_ROWS) {
                out.append("<tr class=\"elided\"><td colspan=\"").append(COLUMNS.size())
                        .append("\" style=\"text-align:center\">").append(Html.escape(separator()))
                        .append("</td></tr>\n");
            }
            PhaseKind kind = PhaseKind.of(packets, shown[i]);
            out.append("<tr class=\"").append(kind.name().toLowerCase(Locale.ROOT).replace('_', '-')).append('"');
            if (!kind.color().isEmpty()) {
                out.append(" style=\"background:").append(kind.color()).append('"');
            }
            out.append(" title=\"").append(Html.escape(kind.label())).append("\">");
            for (int c = 0; c < COLUMNS.size(); c++) {
                out.append("<td style=\"text-align:").append(c == 0 || c == 1 || c == 5 ? "right" : "left")
                        .append(";padding:1px 6px;white-space:nowrap\">")
                        .append(Html.escape(cell(t, c, i))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>");
        return out.toString();
    }

    private static String cell(Table t, int column, int row) {
        if (column == 1) {
            return String.format(Locale.ROOT, "%.6f", t.doubleColumn(1).get(row));
        }
        return t.column(column).getString(row);
    }

    private String separator() {
        int hidden = rows.length - 2 * EDGE_ROWS;
        return "… " + hidden + (hidden == 1 ? " more packet …" : " more packets …");
    }

    @Override
    public String text() {
        int[] shown = shown();
        Table t = shownTable();
        List<String[]> lines = new ArrayList<>();
        lines.add(COLUMNS.stream().filter(c -> !c.equals("Phase")).toArray(String[]::new));
        for (int i = 0; i < shown.length; i++) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < COLUMNS.size(); c++) {
                if (!COLUMNS.get(c).equals("Phase")) {
                    cells.add(cell(t, c, i));
                }
            }
            lines.add(cells.toArray(String[]::new));
        }
        return TextTable.format(caption(), lines, shown != rows ? EDGE_ROWS + 1 : -1, separator());
    }

    @Override
    public String toString() {
        return caption();
    }
}
