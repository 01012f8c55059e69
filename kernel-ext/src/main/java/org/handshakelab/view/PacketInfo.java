package org.handshakelab.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handshakelab.dissect.Field;
import org.handshakelab.dissect.TcpFlags;
import org.handshakelab.dissect.TcpOptions;
import org.handshakelab.dissect.ssh.SshMessageCode;
import org.handshakelab.dissect.tls.TlsContentType;
import org.handshakelab.flow.TcpAnalysisFlag;
import org.handshakelab.table.PacketTable;

/**
 * The Protocol and Info columns of Wireshark's packet list, from the packet table's fields: for a TCP
 * segment {@code 46919 → 39993 [SYN] Seq=0 Win=65495 Len=0 MSS=65495 SACK_PERM TSval=… TSecr=0 WS=1024}
 * (relative Seq/Ack, scaled window, options in wire order, analysis notes such as
 * {@code [TCP Retransmission]} first); for an application message what the dissectors say it is
 * ({@code GET /hello HTTP/1.1}, {@code TLS ClientHello}, {@code SSH KEXINIT (client)}).
 */
final class PacketInfo {

    private static final Map<TcpAnalysisFlag, String> NOTES = Map.ofEntries(
            Map.entry(TcpAnalysisFlag.RETRANSMISSION, "TCP Retransmission"),
            Map.entry(TcpAnalysisFlag.FAST_RETRANSMISSION, "TCP Fast Retransmission"),
            Map.entry(TcpAnalysisFlag.SPURIOUS_RETRANSMISSION, "TCP Spurious Retransmission"),
            Map.entry(TcpAnalysisFlag.OUT_OF_ORDER, "TCP Out-Of-Order"),
            Map.entry(TcpAnalysisFlag.LOST_SEGMENT, "TCP Previous segment not captured"),
            Map.entry(TcpAnalysisFlag.ACKED_UNSEEN_SEGMENT, "TCP ACKed unseen segment"),
            Map.entry(TcpAnalysisFlag.DUPLICATE_ACK, "TCP Dup ACK"),
            Map.entry(TcpAnalysisFlag.ZERO_WINDOW, "TCP ZeroWindow"),
            Map.entry(TcpAnalysisFlag.ZERO_WINDOW_PROBE, "TCP ZeroWindowProbe"),
            Map.entry(TcpAnalysisFlag.ZERO_WINDOW_PROBE_ACK, "TCP ZeroWindowProbeAck"),
            Map.entry(TcpAnalysisFlag.KEEP_ALIVE, "TCP Keep-Alive"),
            Map.entry(TcpAnalysisFlag.KEEP_ALIVE_ACK, "TCP Keep-Alive ACK"),
            Map.entry(TcpAnalysisFlag.WINDOW_UPDATE, "TCP Window Update"),
            Map.entry(TcpAnalysisFlag.WINDOW_FULL, "TCP Window Full"),
            Map.entry(TcpAnalysisFlag.REUSED_PORTS, "TCP Port numbers reused"));

    private PacketInfo() {
    }

    /** "HTTP", "TLS", "SSH" when an application dissector reported on the row, else "TCP", else "IP" or "". */
    static String protocol(PacketTable t, int row) {
        for (String label : t.phaseLabels(row)) {
            for (String p : new String[] {"HTTP", "TLS", "SSH"}) {
                if (label.startsWith(p + " ")) {
                    return p;
                }
            }
        }
        if (!t.values(Field.HTTP_REQUEST_METHOD, row).isEmpty() || !t.values(Field.HTTP_RESPONSE_CODE, row).isEmpty()) {
            return "HTTP";
        }
        if (!t.values(Field.TLS_RECORD_CONTENT_TYPE, row).isEmpty()) {
            return "TLS";
        }
        if (!t.values(Field.SSH_PROTOCOL, row).isEmpty() || !t.values(Field.SSH_MESSAGE_CODE, row).isEmpty()) {
            return "SSH";
        }
        if (t.srcPort(row) >= 0) {
            return "TCP";
        }
        return t.sourceAddress(row) != null ? "IP" : "";
    }

    /** The flags as {@code 0x012 [SYN, ACK]}, empty without a TCP header. */
    static String flags(PacketTable t, int row) {
        int f = t.flags(row);
        if (f < 0) {
            return "";
        }
        return "0x" + TcpFlags.hex(f).substring(3) + " [" + TcpFlags.names(f) + "]";
    }

    /** The Info column of {@code row}; {@code extras} holds its TCP options and payload's first line. */
    static String info(PacketTable t, int row, FrameWalk.Extras extras) {
        String protocol = protocol(t, row);
        if (!protocol.equals("TCP") && !protocol.equals("IP") && !protocol.isEmpty()) {
            String app = app(t, row, protocol, extras.firstLine());
            if (!app.isEmpty()) {
                return app;
            }
        }
        return t.flags(row) >= 0 ? tcp(t, row, extras.options()) : "";
    }

    /** The TCP part: ports, flags, relative numbers, window, length, options. */
    static String tcp(PacketTable t, int row, byte[] options) {
        StringBuilder s = new StringBuilder();
        Set<TcpAnalysisFlag> analysis = t.analysis(row);
        for (TcpAnalysisFlag f : TcpAnalysisFlag.values()) {
            if (analysis.contains(f) && NOTES.containsKey(f)) {
                s.append('[').append(NOTES.get(f)).append("] ");
            }
        }
        int flags = t.flags(row);
        s.append(t.srcPort(row)).append(" → ").append(t.dstPort(row));
        s.append(" [").append(TcpFlags.names(flags)).append(']');
        if (t.seq(row) >= 0) {
            s.append(" Seq=").append(t.seq(row));
        }
        if (TcpFlags.has(flags, TcpFlags.ACK) && t.ack(row) >= 0) {
            s.append(" Ack=").append(t.ack(row));
        }
        if (t.windowScaled(row) >= 0) {
            s.append(" Win=").append(t.windowScaled(row));
        }
        if (t.len(row) >= 0) {
            s.append(" Len=").append(t.len(row));
        }
        long ackBase = t.ack(row) >= 0 && t.ackRaw(row) >= 0 ? t.ackRaw(row) - t.ack(row) : 0;
        for (String option : options(options, ackBase)) {
            s.append(' ').append(option);
        }
        return s.toString();
    }

    /** The options as Wireshark's Info shows them, in wire order: MSS=…, SACK_PERM, TSval=… TSecr=…, WS=…. */
    static List<String> options(byte[] o, long ackBase) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < o.length) {
            int kind = o[i] & 0xFF;
            if (kind == TcpOptions.EOL) {
                break;
            }
            if (kind == TcpOptions.NOP) {
                i++;
                continue;
            }
            if (i + 1 >= o.length) {
                break;
            }
            int len = o[i + 1] & 0xFF;
            if (len < 2 || i + len > o.length) {
                break;
            }
            switch (kind) {
                case TcpOptions.MSS -> {
                    if (len == 4) {
                        out.add("MSS=" + u16(o, i + 2));
                    }
                }
                case TcpOptions.WINDOW_SCALE -> {
                    if (len == 3) {
                        out.add("WS=" + (1 << Math.min(o[i + 2] & 0xFF, TcpOptions.MAX_WINDOW_SHIFT)));
                    }
                }
                case TcpOptions.SACK_PERMITTED -> out.add("SACK_PERM");
                case TcpOptions.TIMESTAMPS -> {
                    if (len == 10) {
                        out.add("TSval=" + u32(o, i + 2) + " TSecr=" + u32(o, i + 6));
                    }
                }
                case TcpOptions.SACK -> {
                    for (int b = i + 2; b + 8 <= i + len; b += 8) {
                        out.add("SLE=" + ((u32(o, b) - ackBase) & 0xFFFFFFFFL) + " SRE="
                                + ((u32(o, b + 4) - ackBase) & 0xFFFFFFFFL));
                    }
                }
                default -> {
                }
            }
            i += len;
        }
        return out;
    }

    private static String app(PacketTable t, int row, String protocol, String firstLine) {
        if (protocol.equals("HTTP") && !firstLine.isEmpty()) {
            return firstLine;
        }
        List<String> labels = new ArrayList<>(t.phaseLabels(row));
        String tcpLabel = t.phase(row).label();
        labels.remove(tcpLabel);
        if (!labels.isEmpty()) {
            return String.join(", ", labels);
        }
        List<String> parts = new ArrayList<>();
        for (String v : t.values(Field.SSH_PROTOCOL, row)) {
            parts.add("Protocol (" + v + ")");
        }
        for (String v : t.values(Field.SSH_MESSAGE_CODE, row)) {
            parts.add(SshMessageCode.nameOf(number(v)));
        }
        if (parts.isEmpty() && protocol.equals("SSH")) {
            parts.add("Encrypted packet");
        }
        for (String v : t.values(Field.TLS_RECORD_CONTENT_TYPE, row)) {
            String name = TlsContentType.nameOf(number(v));
            if (!parts.contains(name)) {
                parts.add(name);
            }
        }
        return String.join(", ", parts);
    }

    /** A reported number, -1 when it is not one (the dissectors format numbers, but a value is data). */
    private static int number(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | b[i + 1] & 0xFF;
    }

    private static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | b[i + 3] & 0xFF);
    }
}
