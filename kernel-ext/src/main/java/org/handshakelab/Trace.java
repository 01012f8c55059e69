package org.handshakelab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.table.PacketTable;
import org.handshakelab.table.TableOptions;
import org.handshakelab.view.Html;
import org.handshakelab.view.HtmlView;
import org.handshakelab.view.LadderDiagram;
import org.handshakelab.view.PacketDetails;
import org.handshakelab.view.PacketList;
import org.handshakelab.view.StepTable;
import org.handshakelab.view.TimeSequenceChart;

/**
 * One opened capture and every view of it: the packet list and its filters, the per-step tables, the
 * time-sequence chart, the ladder diagram and the packet details. Each view displays itself when it is a
 * cell's last expression. Streams are numbered as Wireshark's {@code tcp.stream}, frames as its
 * {@code frame.number} (from 1).
 *
 * <pre>{@code
 * Trace t = Lab.open("captures/http-keepalive.pcapng");
 * t.packets();              // Wireshark's packet list
 * t.handshake(0);           // SYN, SYN-ACK, ACK with relative Seq/Ack
 * t.details(4);             // frame 4 as a tree and a hex dump
 * }</pre>
 */
public final class Trace implements HtmlView {

    private final Path path;
    private final CaptureFile capture;
    private final PacketTable table;
    private final PacketList packets;

    private Trace(Path path, CaptureFile capture, PacketTable table) {
        this.path = path;
        this.capture = capture;
        this.table = table;
        this.packets = PacketList.of(table, capture);
    }

    /** Opens {@code path} and builds its packet table with the lab's HTTP, TLS and SSH dissectors. */
    static Trace open(Path path) {
        CaptureFile capture = CaptureFile.open(path);
        return new Trace(path, capture, PacketTable.build(capture, TableOptions.standard()));
    }

    /** The capture file's path. */
    public Path path() {
        return path;
    }

    /** The capture file, for reading frames. */
    public CaptureFile capture() {
        return capture;
    }

    /** The packet table: one row per frame, Wireshark's field names and values. */
    public PacketTable table() {
        return table;
    }

    /** The number of frames. */
    public int size() {
        return table.size();
    }

    /** The number of TCP streams. */
    public int streamCount() {
        return table.streamCount();
    }

    /** Wireshark's packet list of every frame; {@code packets().table()} is the Tablesaw table. */
    public PacketList packets() {
        return packets;
    }

    /** The packet list of TCP stream {@code stream}. */
    public PacketList stream(int stream) {
        return packets.stream(stream);
    }

    /** The packet list of the frames whose phase mentions {@code name} (see {@link PacketList#phase}). */
    public PacketList phase(String name) {
        return packets.phase(name);
    }

    /** The packet list of {@code protocol}: "TCP", "HTTP", "TLS" or "SSH" (see {@link PacketList#protocol}). */
    public PacketList protocol(String protocol) {
        return packets.protocol(protocol);
    }

    /** The TCP handshake of {@code stream}, one row per step. */
    public StepTable handshake(int stream) {
        return StepTable.handshake(table, stream);
    }

    /** The close (FINs and ACKs, or the reset) of {@code stream}, one row per step. */
    public StepTable close(int stream) {
        return StepTable.close(table, stream);
    }

    /** The TLS messages of {@code stream}, one row per packet. */
    public StepTable tls(int stream) {
        return StepTable.tls(table, stream);
    }

    /** The SSH messages of {@code stream}, one row per packet. */
    public StepTable ssh(int stream) {
        return StepTable.ssh(table, stream);
    }

    /** The time–sequence (tcptrace) chart of {@code stream}: Seq, ACK and window lines against time. */
    public TimeSequenceChart timeSequence(int stream) {
        return TimeSequenceChart.of(table, stream);
    }

    /** The ladder diagram of {@code stream}: one arrow per packet, phases bracketed. */
    public LadderDiagram ladder(int stream) {
        return LadderDiagram.of(table, stream);
    }

    /** Frame {@code frameNumber} (from 1) as a dissection tree and a hex dump whose fields light up on hover. */
    public PacketDetails details(int frameNumber) {
        return PacketDetails.of(table, capture, frameNumber);
    }

    private List<String[]> streamLines() {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"Stream", "Client", "Server", "Packets", "Protocol"});
        int n = table.streamCount();
        int[] counts = new int[n];
        int[] first = new int[n];
        String[] protocol = new String[n];
        java.util.Arrays.fill(first, -1);
        for (int r = 0; r < table.size(); r++) {
            int s = table.stream(r);
            if (s < 0) {
                continue;
            }
            counts[s]++;
            if (first[s] < 0) {
                first[s] = r;
            }
            if (protocol[s] == null || protocol[s].equals("TCP")) {
                protocol[s] = table.values(org.handshakelab.dissect.Field.TLS_RECORD_CONTENT_TYPE, r).isEmpty()
                        ? appOf(r) : "TLS";
            }
        }
        for (int s = 0; s < n && s < 50; s++) {
            int r = first[s];
            boolean clientFirst = table.direction(r) == 0;
            String a = table.sourceAddress(r) + ":" + table.srcPort(r);
            String b = table.destinationAddress(r) + ":" + table.dstPort(r);
            lines.add(new String[] {Integer.toString(s), clientFirst ? a : b, clientFirst ? b : a,
                    Integer.toString(counts[s]), protocol[s]});
        }
        return lines;
    }

    private String appOf(int r) {
        if (!table.values(org.handshakelab.dissect.Field.SSH_PROTOCOL, r).isEmpty()
                || !table.values(org.handshakelab.dissect.Field.SSH_MESSAGE_CODE, r).isEmpty()) {
            return "SSH";
        }
        if (!table.values(org.handshakelab.dissect.Field.HTTP_REQUEST_METHOD, r).isEmpty()
                || !table.values(org.handshakelab.dissect.Field.HTTP_RESPONSE_CODE, r).isEmpty()) {
            return "HTTP";
        }
        return "TCP";
    }

    private String caption() {
        return table.name() + " · " + table.size() + " frames · " + table.streamCount() + " TCP streams";
    }

    /** A table of the capture's TCP streams: client, server, packets, protocol. */
    @Override
    public String html() {
        StringBuilder out = new StringBuilder("<table class=\"handshake-lab-trace\" style=\"font-family:monospace;"
                + "font-size:12px\">\n<caption style=\"text-align:left\">").append(Html.escape(caption()))
                .append("</caption>\n");
        List<String[]> lines = streamLines();
        for (int i = 0; i < lines.size(); i++) {
            out.append("<tr>");
            for (String cell : lines.get(i)) {
                String tag = i == 0 ? "th" : "td";
                out.append('<').append(tag).append(" style=\"text-align:left;padding:1px 6px\">")
                        .append(Html.escape(cell)).append("</").append(tag).append('>');
            }
            out.append("</tr>\n");
        }
        return out.append("</table>").toString();
    }

    @Override
    public String text() {
        StringBuilder out = new StringBuilder(caption());
        for (String[] line : streamLines()) {
            out.append('\n').append(String.join("  ", line));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return caption();
    }
}
