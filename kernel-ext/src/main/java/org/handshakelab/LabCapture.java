package org.handshakelab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

import org.handshakelab.dissect.TcpFlags;
import org.handshakelab.table.Column;
import org.handshakelab.table.PacketTable;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A capture a notebook opened with {@link Workbook#record(String)}: live or bundled, its packet table and every
 * message the HTTP, TLS and SSH dissectors found, with the views a lab step shows (packet table, time-sequence
 * chart, ladder, one packet's details).
 */
public final class LabCapture {

    private final String name;
    private final Path path;
    private final boolean live;
    private final PacketTable table;
    private final List<Dissected> messages;
    private final boolean keys;
    private Trace trace;
    private LabCapture keyed;

    LabCapture(String name, Path path, boolean live, PacketTable table, List<Dissected> messages, boolean keys) {
        this.keys = keys;
        this.name = Objects.requireNonNull(name, "name");
        this.path = Objects.requireNonNull(path, "path");
        this.live = live;
        this.table = Objects.requireNonNull(table, "table");
        this.messages = List.copyOf(messages);
    }

    /** The scenario's name, as the bundled capture is named: {@code http-keepalive}, {@code https-tls12}, ... */
    public String name() {
        return name;
    }

    /** The pcapng file. */
    public Path path() {
        return path;
    }

    /** Whether it was recorded live just now (false: the bundled capture). */
    public boolean live() {
        return live;
    }

    /** The packet table: one row per frame, Wireshark's field names. */
    public PacketTable table() {
        return table;
    }

    /** Whether the capture's own secrets were used to decrypt (false: what an eavesdropper sees). */
    public boolean decrypted() {
        return keys;
    }

    /** The same capture decrypted with the TLS/SSH secrets it carries (pcapng Decryption Secrets Blocks). */
    public LabCapture withKeys() {
        if (keys) {
            return this;
        }
        if (keyed == null) {
            // once: the questions about the decrypted part ask for it again
            keyed = Workbook.open(name, path, live, true);
        }
        return keyed;
    }

    /**
     * The same capture in the lab's Wireshark-like views; like Wireshark, they decrypt with the secrets the
     * capture carries ({@link Trace}: packet list, step tables, charts, packet details).
     */
    public Trace trace() {
        if (trace == null) {
            trace = Trace.open(path);
        }
        return trace;
    }

    /** Number of frames. */
    public int size() {
        return table.size();
    }

    /** Every message the dissectors found, in frame order. */
    public List<Dissected> messages() {
        return messages;
    }

    /** The messages of one type, in frame order, e.g. {@code messages(ClientHello.class)}. */
    public <T> List<T> messages(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return messages.stream().map(Dissected::message).filter(type::isInstance).map(type::cast).toList();
    }

    /** The messages of one type with their frames and senders. */
    public List<Dissected> found(Class<?> type) {
        Objects.requireNonNull(type, "type");
        return messages.stream().filter(d -> type.isInstance(d.message())).toList();
    }

    /** The first message of {@code type}; a {@link LabException} saying what is missing when there is none. */
    public <T> T first(Class<T> type) {
        return messages(type).stream().findFirst().orElseThrow(() -> LabException.of(name,
                "has no " + type.getSimpleName(), "record it again, or open the bundled capture (LAB_CAPTURE=bundled)"));
    }

    /** The first message of {@code type} with its frame and sender. */
    public Dissected firstFound(Class<?> type) {
        return found(type).stream().findFirst().orElseThrow(() -> LabException.of(name,
                "has no " + type.getSimpleName(), "record it again, or open the bundled capture (LAB_CAPTURE=bundled)"));
    }

    /** The frame number on which {@code message} (one of {@link #messages()}) was complete, or -1. */
    public int frameOf(Object message) {
        return messages.stream().filter(d -> d.message() == message).mapToInt(Dissected::frame).findFirst().orElse(-1);
    }

    /** The row (0-based) of the first frame matching {@code test}, or -1. */
    public int firstRow(IntPredicate test) {
        for (int row = 0; row < table.size(); row++) {
            if (test.test(row)) {
                return row;
            }
        }
        return -1;
    }

    /** The rows (0-based) of the frames matching {@code test}. */
    public List<Integer> rows(IntPredicate test) {
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < table.size(); row++) {
            if (test.test(row)) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** The row of the first segment whose TCP flags are exactly {@code flags} (e.g. 0x002, a bare SYN), or -1. */
    public int firstWithFlags(int flags) {
        return firstRow(row -> table.flags(row) == flags);
    }

    /** The row of the first segment with all of {@code mask} set (e.g. {@link TcpFlags#FIN}) from {@code direction}. */
    public int firstWith(int mask, int direction) {
        return firstRow(row -> table.flags(row) >= 0 && TcpFlags.has(table.flags(row), mask)
                && table.direction(row) == direction);
    }

    /** The client's port: the source port of the first segment from the client. */
    public int clientPort() {
        int row = firstRow(r -> table.direction(r) == 0);
        return row < 0 ? -1 : table.srcPort(row);
    }

    /** The server's port: the destination port of the first segment from the client. */
    public int serverPort() {
        int row = firstRow(r -> table.direction(r) == 0);
        return row < 0 ? -1 : table.dstPort(row);
    }

    /** Seconds from the first frame to {@code row}'s frame. */
    public double seconds(int row) {
        return (table.timestampNanos(row) - table.timestampNanos(0)) / 1e9;
    }

    /** Milliseconds between two rows' frames. */
    public double millisBetween(int fromRow, int toRow) {
        return (table.timestampNanos(toRow) - table.timestampNanos(fromRow)) / 1e6;
    }

    /** "client" or "server": who sent {@code row}. */
    public String sender(int row) {
        return table.direction(row) == 1 ? "server" : "client";
    }

    /** The packet table of every frame as a Tablesaw table: the columns a Wireshark lab reads. */
    public Table packets() {
        return packets(1, table.size());
    }

    /** The packet table of frames {@code from..to} (frame numbers, inclusive). */
    public Table packets(int from, int to) {
        if (from < 1 || to > table.size() || from > to) {
            throw new IllegalArgumentException("frames must be 1.." + table.size() + " with from <= to: " + from + ".." + to);
        }
        Table t = Table.create(name + (live ? " (live)" : " (bundled)") + (keys ? ", decrypted" : ""),
                IntColumn.create("No."), DoubleColumn.create("Time (s)"), StringColumn.create("From"),
                IntColumn.create("Src port"), IntColumn.create("Dst port"), StringColumn.create("tcp.flags"),
                StringColumn.create("Flags"), LongColumn.create("Seq"), LongColumn.create("Ack"),
                LongColumn.create("Seq (raw)"), LongColumn.create("Ack (raw)"), IntColumn.create("Len"),
                StringColumn.create("Step"));
        for (int row = from - 1; row < to; row++) {
            int flags = table.flags(row);
            t.intColumn("No.").append(row + 1);
            t.doubleColumn("Time (s)").append(Math.round(seconds(row) * 1e6) / 1e6);
            t.stringColumn("From").append(sender(row));
            t.intColumn("Src port").append(table.srcPort(row));
            t.intColumn("Dst port").append(table.dstPort(row));
            t.stringColumn("tcp.flags").append(table.text(Column.TCP_FLAGS, row));
            t.stringColumn("Flags").append(flags < 0 ? "" : TcpFlags.names(flags));
            t.longColumn("Seq").append(table.seq(row));
            t.longColumn("Ack").append(table.ack(row));
            t.longColumn("Seq (raw)").append(table.seqRaw(row));
            t.longColumn("Ack (raw)").append(table.ackRaw(row));
            t.intColumn("Len").append(table.len(row));
            t.stringColumn("Step").append(String.join("; ", table.phaseLabels(row)));
        }
        return t;
    }

    /** The frames that carry a handshake or close step (TCP's or the application's), with their steps. */
    public Table steps() {
        Table t = Table.create(name + ": the steps",
                IntColumn.create("No."), DoubleColumn.create("Time (s)"), StringColumn.create("From"),
                IntColumn.create("Len"), StringColumn.create("Step"));
        for (int row = 0; row < table.size(); row++) {
            List<String> labels = table.phaseLabels(row);
            if (!labels.isEmpty()) {
                t.intColumn("No.").append(row + 1);
                t.doubleColumn("Time (s)").append(Math.round(seconds(row) * 1e6) / 1e6);
                t.stringColumn("From").append(sender(row));
                t.intColumn("Len").append(table.len(row));
                t.stringColumn("Step").append(String.join("; ", labels));
            }
        }
        return t;
    }

    /**
     * The application handshake's flights: the TLS or SSH steps (encrypted handshake messages included, application
     * data, alerts and encrypted SSH packets not), grouped while the same side keeps sending.
     */
    public List<Flight> flights() {
        List<Flight> flights = new ArrayList<>();
        String from = null;
        List<Integer> frames = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        for (int row = 0; row < table.size(); row++) {
            List<String> labels = table.phaseLabels(row).stream().filter(LabCapture::handshakeStep).toList();
            if (labels.isEmpty()) {
                continue;
            }
            if (from != null && !from.equals(sender(row))) {
                flights.add(new Flight(flights.size() + 1, from, frames, steps));
                frames = new ArrayList<>();
                steps = new ArrayList<>();
            }
            from = sender(row);
            frames.add(row + 1);
            steps.addAll(labels);
        }
        if (from != null) {
            flights.add(new Flight(flights.size() + 1, from, frames, steps));
        }
        return flights;
    }

    private static boolean handshakeStep(String label) {
        return (label.startsWith("TLS ") || label.startsWith("SSH ")) && !label.contains("application data")
                && !label.contains("alert") && !label.contains("close_notify") && !label.equals("SSH encrypted");
    }

    /** {@link #flights()} as a table. */
    public Table flightTable() {
        Table t = Table.create(name + ": handshake flights", IntColumn.create("Flight"), StringColumn.create("From"),
                StringColumn.create("Frames"), StringColumn.create("Messages"));
        for (Flight f : flights()) {
            t.intColumn("Flight").append(f.number());
            t.stringColumn("From").append(f.from());
            t.stringColumn("Frames").append(f.frames().toString().replaceAll("[\\[\\]]", ""));
            t.stringColumn("Messages").append(String.join(" + ", f.messages()));
        }
        return t;
    }

    /** The time-sequence chart (Stevens): relative sequence number over time, one series per direction. */
    public XYChart timeSequence() {
        return WorkbookCharts.timeSequence(this);
    }

    /** The ladder diagram: client on the left, server on the right, one arrow per frame, time going down. */
    public XYChart ladder() {
        return WorkbookCharts.ladder(this, 1, table.size());
    }

    /** The ladder diagram of frames {@code from..to}. */
    public XYChart ladder(int from, int to) {
        return WorkbookCharts.ladder(this, from, to);
    }

    /** One frame's details: its TCP header fields and the messages the dissectors read from it. */
    public String details(int frame) {
        if (frame < 1 || frame > table.size()) {
            throw new IllegalArgumentException("frame must be 1.." + table.size() + ": " + frame);
        }
        int row = frame - 1;
        StringBuilder s = new StringBuilder();
        s.append("Frame ").append(frame).append(" (").append(sender(row)).append(" -> ")
                .append(table.direction(row) == 1 ? "client" : "server").append("), ")
                .append(table.frameLength(row)).append(" bytes on the wire\n");
        s.append("  TCP  ").append(table.srcPort(row)).append(" -> ").append(table.dstPort(row))
                .append("  tcp.flags=").append(table.text(Column.TCP_FLAGS, row))
                .append(" (").append(table.flags(row) < 0 ? "" : TcpFlags.names(table.flags(row))).append(")")
                .append("  seq=").append(table.seq(row)).append(" (raw ").append(table.seqRaw(row)).append(")")
                .append("  ack=").append(table.ack(row)).append(" (raw ").append(table.ackRaw(row)).append(")")
                .append("  len=").append(table.len(row)).append("  win=").append(table.window(row)).append('\n');
        for (String label : table.phaseLabels(row)) {
            s.append("  step: ").append(label).append('\n');
        }
        for (Dissected d : messages) {
            if (d.frame() == frame) {
                s.append("  ").append(d.kind()).append(": ").append(shorten(d.message().toString())).append('\n');
            }
        }
        return s.toString();
    }

    private static String shorten(String text) {
        // long hex (keys, randoms, DER) would bury the fields a student is looking for
        String s = text.replaceAll("([0-9a-f]{24})[0-9a-f]{8,}", "$1…");
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }

    /** One line: which capture this is and where it came from. */
    @Override
    public String toString() {
        return (live ? "Live capture " : "Bundled capture ") + name + ": " + table.size() + " frames, " + path;
    }
}
