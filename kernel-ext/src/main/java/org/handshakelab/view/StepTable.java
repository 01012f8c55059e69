package org.handshakelab.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.handshakelab.dissect.TcpFlags;
import org.handshakelab.flow.TcpPhase;
import org.handshakelab.table.PacketTable;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The steps of one part of a connection, one row per packet, as the course note tabulates them: Step
 * (the phase label), No., Direction ({@code client → server}), Flags, relative Seq and Ack, Len, Win and
 * the application Message. {@link #handshake}, {@link #close}, {@link #tls} and {@link #ssh} pick the rows.
 *
 * <pre>{@code
 * StepTable t = StepTable.handshake(packets, 0);
 * t.table().longColumn("Seq").get(1);   // 0: the SYN-ACK's relative Seq
 * }</pre>
 */
public final class StepTable implements HtmlView {

    /** Column names of {@link #table()}, in order. */
    public static final List<String> COLUMNS = List.of("Step", "No.", "Direction", "Flags", "Seq", "Ack", "Len",
            "Win", "Message");

    private final PacketTable packets;
    private final String title;
    private final int[] rows;
    private final Table table;

    private StepTable(PacketTable packets, String title, int[] rows) {
        this.packets = packets;
        this.title = title;
        this.rows = rows;
        this.table = build();
    }

    /** The TCP three-way handshake of {@code stream}: SYN, SYN-ACK, ACK (RFC 9293 §3.5). */
    public static StepTable handshake(PacketTable packets, int stream) {
        return of(packets, stream, "TCP handshake", r -> switch (packets.phase(r)) {
            case HANDSHAKE_SYN, HANDSHAKE_SYN_ACK, HANDSHAKE_ACK -> true;
            default -> false;
        });
    }

    /** The close of {@code stream}: the FINs and their ACKs, or the reset (RFC 9293 §3.6). */
    public static StepTable close(PacketTable packets, int stream) {
        return of(packets, stream, "TCP close", r -> switch (packets.phase(r)) {
            case NONE, HANDSHAKE_SYN, HANDSHAKE_SYN_ACK, HANDSHAKE_ACK -> false;
            default -> true;
        });
    }

    /** The packets of {@code stream} that carry TLS messages, with their names. */
    public static StepTable tls(PacketTable packets, int stream) {
        return of(packets, stream, "TLS messages", r -> !appLabels(packets, r, "tls").isEmpty());
    }

    /** The packets of {@code stream} that carry SSH messages, with their names. */
    public static StepTable ssh(PacketTable packets, int stream) {
        return of(packets, stream, "SSH messages", r -> !appLabels(packets, r, "ssh").isEmpty());
    }

    private static StepTable of(PacketTable packets, int stream, String what, IntPredicate test) {
        Objects.requireNonNull(packets, "packets");
        if (stream < 0 || stream >= Math.max(1, packets.streamCount())) {
            throw new IllegalArgumentException("stream must be 0.." + (packets.streamCount() - 1) + ": " + stream);
        }
        int[] rows = new int[packets.size()];
        int n = 0;
        for (int r = 0; r < packets.size(); r++) {
            if (packets.stream(r) == stream && test.test(r)) {
                rows[n++] = r;
            }
        }
        return new StepTable(packets, packets.name() + " · stream " + stream + " · " + what,
                java.util.Arrays.copyOf(rows, n));
    }

    private static List<String> appLabels(PacketTable packets, int row, String prefix) {
        List<String> out = new ArrayList<>();
        for (String label : packets.phaseLabels(row)) {
            if (label.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                out.add(label);
            }
        }
        return out;
    }

    /** The step label of {@code row}: its TCP phase, else its application phase labels. */
    static String step(PacketTable packets, int row) {
        TcpPhase p = packets.phase(row);
        if (p != TcpPhase.NONE) {
            return p.label();
        }
        return String.join(", ", packets.phaseLabels(row));
    }

    /** "client → server", "server → client", or "" without a stream. */
    static String direction(PacketTable packets, int row) {
        return switch (packets.direction(row)) {
            case 0 -> "client → server";
            case 1 -> "server → client";
            default -> "";
        };
    }

    private Table build() {
        StringColumn step = StringColumn.create("Step");
        IntColumn no = IntColumn.create("No.");
        StringColumn dir = StringColumn.create("Direction");
        StringColumn flags = StringColumn.create("Flags");
        LongColumn seq = LongColumn.create("Seq");
        LongColumn ack = LongColumn.create("Ack");
        IntColumn len = IntColumn.create("Len");
        IntColumn win = IntColumn.create("Win");
        StringColumn message = StringColumn.create("Message");
        for (int r : rows) {
            step.append(step(packets, r));
            no.append(r + 1);
            dir.append(direction(packets, r));
            flags.append(PacketInfo.flags(packets, r));
            seq.append(packets.seq(r));
            int f = packets.flags(r);
            if (f >= 0 && TcpFlags.has(f, TcpFlags.ACK)) {
                ack.append(packets.ack(r));
            } else {
                ack.appendMissing();
            }
            len.append(packets.len(r));
            win.append(packets.windowScaled(r));
            List<String> app = new ArrayList<>(packets.phaseLabels(r));
            app.remove(packets.phase(r).label());
            message.append(String.join(", ", app));
        }
        return Table.create(title, step, no, dir, flags, seq, ack, len, win, message);
    }

    /** The steps as a Tablesaw table with the columns {@link #COLUMNS}. */
    public Table table() {
        return table;
    }

    /** The number of steps (packets). */
    public int size() {
        return rows.length;
    }

    /** The 1-based frame numbers of the steps. */
    public int[] frames() {
        int[] f = new int[rows.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = rows[i] + 1;
        }
        return f;
    }

    /** The caption. */
    public String title() {
        return title;
    }

    @Override
    public String html() {
        StringBuilder out = new StringBuilder(2048);
        out.append("<table class=\"handshake-lab-steps\" style=\"font-family:monospace;font-size:12px;"
                + "border-collapse:collapse\">\n<caption style=\"text-align:left\">")
                .append(Html.escape(title + " · " + Html.plural(rows.length, "packet"))).append("</caption>\n<thead><tr>");
        for (String c : COLUMNS) {
            out.append("<th style=\"text-align:left;padding:1px 6px\">").append(Html.escape(c)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < rows.length; i++) {
            PhaseKind kind = PhaseKind.of(packets, rows[i]);
            out.append("<tr class=\"").append(kind.name().toLowerCase(Locale.ROOT).replace('_', '-')).append('"');
            if (!kind.color().isEmpty()) {
                out.append(" style=\"background:").append(kind.color()).append('"');
            }
            out.append('>');
            for (int c = 0; c < COLUMNS.size(); c++) {
                String v = table.column(c).isMissing(i) ? "" : table.column(c).getString(i);
                out.append("<td style=\"padding:1px 6px;white-space:nowrap\">").append(Html.escape(v)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>");
        return out.toString();
    }

    @Override
    public String text() {
        List<String[]> lines = new ArrayList<>();
        lines.add(COLUMNS.toArray(String[]::new));
        for (int i = 0; i < rows.length; i++) {
            String[] cells = new String[COLUMNS.size()];
            for (int c = 0; c < cells.length; c++) {
                cells[c] = table.column(c).isMissing(i) ? "" : table.column(c).getString(i);
            }
            lines.add(cells);
        }
        return TextTable.format(title + " · " + Html.plural(rows.length, "packet"), lines, -1, "");
    }

    @Override
    public String toString() {
        return title;
    }
}
