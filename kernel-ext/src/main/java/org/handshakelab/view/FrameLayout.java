package org.handshakelab.view;

import java.util.ArrayList;
import java.util.List;
import org.handshakelab.capture.Frame;
import org.handshakelab.capture.LinkType;
import org.handshakelab.dissect.FrameHeaders;
import org.handshakelab.dissect.TcpFlags;
import org.handshakelab.dissect.TcpOptions;
import org.handshakelab.table.PacketTable;

/**
 * The frame, link, IP and TCP lines of a packet's dissection tree, each with its byte range (RFC 791 §3.1,
 * RFC 8200 §3, RFC 9293 §3.1), and where the TCP payload lies. Relative sequence numbers, the stream index
 * and the scaled window come from the packet table, so the tree says what the packet list says.
 */
final class FrameLayout {

    final List<TreeBuilder> layers = new ArrayList<>();
    int payloadOffset = -1;
    int payloadLength;

    private final Bytes b;
    private final Frame frame;
    private final PacketTable table;
    private final int row;

    private FrameLayout(Frame frame, PacketTable table, int row) {
        this.b = new Bytes(frame.data());
        this.frame = frame;
        this.table = table;
        this.row = row;
    }

    static FrameLayout of(Frame frame, PacketTable table, int row) {
        FrameLayout l = new FrameLayout(frame, table, row);
        l.frame(frame);
        return l;
    }

    private void frame(Frame f) {
        int captured = f.capturedLength();
        TreeBuilder n = new TreeBuilder("Frame " + f.number() + ": " + f.originalLength() + " bytes on wire, "
                + captured + " bytes captured", "frame", 0, captured);
        layers.add(n);
        if (f.hasTimestamp()) {
            n.note("Arrival Time: " + f.timestamp());
        }
        if (f.hasTimestamp() && table.timestampNanos(0) != org.handshakelab.capture.FrameCursor.NO_TIMESTAMP) {
            n.note(String.format(java.util.Locale.ROOT, "Time since the first frame: %.9f seconds",
                    (f.timestampNanos() - table.timestampNanos(0)) / 1e9));
        }
        n.note("Frame Number: " + f.number());
        n.note("Frame Length: " + f.originalLength() + " bytes");
        n.note("Capture Length: " + captured + " bytes");
        n.note("Link type: " + LinkType.nameOf(f.linkType()));
        int link = f.linkType();
        if (link == LinkType.ETHERNET.code()) {
            ethernet(0);
        } else if (link == LinkType.NULL.code() || link == LinkType.LOOP.code()) {
            TreeBuilder l = new TreeBuilder("Null/Loopback", "null", 0, 4);
            layers.add(l);
            l.add("Family: " + (link == LinkType.NULL.code() ? "host order" : "network order"), "null.family", 0, 4);
            ip(4);
        } else if (link == LinkType.LINUX_SLL.code()) {
            TreeBuilder l = new TreeBuilder("Linux cooked capture v1", "sll", 0, 16);
            layers.add(l);
            l.add("Protocol: 0x" + String.format("%04x", b.u16(14)), "sll.etype", 14, 2);
            ip(16);
        } else if (link == LinkType.LINUX_SLL2.code()) {
            TreeBuilder l = new TreeBuilder("Linux cooked capture v2", "sll", 0, 20);
            layers.add(l);
            l.add("Protocol: 0x" + String.format("%04x", b.u16(0)), "sll.etype", 0, 2);
            ip(20);
        } else if (link == LinkType.RAW.code() || link == LinkType.IPV4.code() || link == LinkType.IPV6.code()) {
            ip(0);
        } else {
            layers.add(new TreeBuilder("Link layer " + LinkType.nameOf(link) + " (not dissected here)", "", 0,
                    captured));
        }
    }

    private void ethernet(int at) {
        int type = b.u16(at + 12);
        int header = 14;
        TreeBuilder e = new TreeBuilder("Ethernet II, Src: " + b.mac(at + 6) + ", Dst: " + b.mac(at), "eth", at,
                Math.min(header, b.b.length - at));
        layers.add(e);
        e.add("Destination: " + b.mac(at), "eth.dst", at, 6);
        e.add("Source: " + b.mac(at + 6), "eth.src", at + 6, 6);
        while (type == 0x8100 || type == 0x88a8) {
            e.add("802.1Q VLAN tag: ID " + (b.u16(at + header) & 0xFFF), "vlan.id", at + header - 2, 4);
            type = b.u16(at + header + 2);
            header += 4;
        }
        e.add(String.format("Type: %s (0x%04x)", type == 0x0800 ? "IPv4" : type == 0x86dd ? "IPv6" : "?", type),
                "eth.type", at + header - 2, 2);
        if (type == 0x0800 || type == 0x86dd) {
            ip(at + header);
        }
    }

    private void ip(int at) {
        int version = b.u8(at) >> 4;
        if (version == 4) {
            ipv4(at);
        } else if (version == 6) {
            ipv6(at);
        }
    }

    private void ipv4(int at) {
        int ihl = (b.u8(at) & 15) * 4;
        int total = b.u16(at + 2);
        TreeBuilder n = new TreeBuilder("Internet Protocol Version 4, Src: " + b.ipv4(at + 12) + ", Dst: "
                + b.ipv4(at + 16), "ip", at, Math.min(ihl, b.b.length - at));
        layers.add(n);
        n.add("Version: 4, Header Length: " + ihl + " bytes (" + ihl / 4 + ")", "ip.hdr_len", at, 1);
        n.add(String.format("Differentiated Services Field: 0x%02x", b.u8(at + 1)), "ip.dsfield", at + 1, 1);
        n.add("Total Length: " + total, "ip.len", at + 2, 2);
        n.add(String.format("Identification: 0x%04x (%d)", b.u16(at + 4), b.u16(at + 4)), "ip.id", at + 4, 2);
        int frag = b.u16(at + 6);
        n.add(String.format("Flags: 0x%x%s, Fragment Offset: %d", frag >> 13, (frag & 0x4000) != 0 ? " (Don't fragment)"
                : "", (frag & 0x1FFF) * 8), "ip.flags", at + 6, 2);
        n.add("Time to Live: " + b.u8(at + 8), "ip.ttl", at + 8, 1);
        int protocol = b.u8(at + 9);
        n.add("Protocol: " + (protocol == 6 ? "TCP" : protocol == 17 ? "UDP" : protocol == 1 ? "ICMP" : "?") + " ("
                + protocol + ")", "ip.proto", at + 9, 1);
        n.add(String.format("Header Checksum: 0x%04x", b.u16(at + 10)), "ip.checksum", at + 10, 2);
        n.add("Source Address: " + b.ipv4(at + 12), "ip.src", at + 12, 4);
        n.add("Destination Address: " + b.ipv4(at + 16), "ip.dst", at + 16, 4);
        if (ihl > 20) {
            n.add("Options: " + (ihl - 20) + " bytes", "ip.options", at + 20, ihl - 20);
        }
        if (protocol == 6 && (frag & 0x1FFF) == 0 && ihl >= 20) {
            tcp(at + ihl, Math.min(b.b.length, at + total) - (at + ihl));
        }
    }

    private void ipv6(int at) {
        TreeBuilder n = new TreeBuilder("Internet Protocol Version 6, Src: " + b.ipv6(at + 8) + ", Dst: "
                + b.ipv6(at + 24), "ipv6", at, Math.min(40, b.b.length - at));
        layers.add(n);
        n.add(String.format("Version: 6, Traffic Class, Flow Label: 0x%08x", b.u32(at)), "ipv6.flow", at, 4);
        int payload = b.u16(at + 4);
        n.add("Payload Length: " + payload, "ipv6.plen", at + 4, 2);
        int next = b.u8(at + 6);
        n.add("Next Header: " + (next == 6 ? "TCP" : "?") + " (" + next + ")", "ipv6.nxt", at + 6, 1);
        n.add("Hop Limit: " + b.u8(at + 7), "ipv6.hlim", at + 7, 1);
        n.add("Source Address: " + b.ipv6(at + 8), "ipv6.src", at + 8, 16);
        n.add("Destination Address: " + b.ipv6(at + 24), "ipv6.dst", at + 24, 16);
        if (next == 6) {
            tcp(at + 40, Math.min(b.b.length, at + 40 + payload) - (at + 40));
            return;
        }
        // extension headers (RFC 8200 §4): the header dissector walks the chain; its TCP offset places the segment
        FrameHeaders h = FrameHeaders.create().dissect(frame.buffer(), 0, b.b.length, frame.originalLength(),
                frame.linkType(), frame.number());
        int tcpAt = h.tcpInFrame() && h.headerComplete() ? h.payloadOffset() - h.headerLength() : -1;
        if (h.ipLayers() == 1 && tcpAt > at + 40) {
            n.add("Extension headers: " + (tcpAt - at - 40) + " bytes, then TCP", "ipv6.ext", at + 40,
                    tcpAt - at - 40);
            tcp(tcpAt, Math.min(b.b.length - tcpAt, h.tcpReportedLength()));
        } else {
            n.note("Extension headers" + (h.fragmented() ? " (a fragment)" : "") + ": no TCP segment in this frame");
        }
    }

    private void tcp(int at, int segment) {
        if (!b.has(at, 20) || segment < 20) {
            return;
        }
        int hl = (b.u8(at + 12) >> 4) * 4;
        int flags = b.u16(at + 12) & TcpFlags.MASK;
        int len = Math.max(0, segment - hl);
        TreeBuilder n = new TreeBuilder("Transmission Control Protocol, Src Port: " + b.u16(at) + ", Dst Port: "
                + b.u16(at + 2) + ", Seq: " + table.seq(row) + (TcpFlags.has(flags, TcpFlags.ACK) ? ", Ack: "
                + table.ack(row) : "") + ", Len: " + len, "tcp", at, Math.min(hl, b.b.length - at));
        layers.add(n);
        n.add("Source Port: " + b.u16(at), "tcp.srcport", at, 2);
        n.add("Destination Port: " + b.u16(at + 2), "tcp.dstport", at + 2, 2);
        if (table.stream(row) >= 0) {
            n.note("Stream index: " + table.stream(row));
        }
        n.note("TCP Segment Len: " + len);
        n.add("Sequence Number: " + table.seq(row) + "    (relative sequence number)", "tcp.seq", at + 4, 4);
        n.add("Sequence Number (raw): " + b.u32(at + 4), "tcp.seq_raw", at + 4, 4);
        if (TcpFlags.has(flags, TcpFlags.ACK)) {
            n.add("Acknowledgment Number: " + table.ack(row) + "    (relative ack number)", "tcp.ack", at + 8, 4);
        }
        n.add("Acknowledgment number (raw): " + b.u32(at + 8), "tcp.ack_raw", at + 8, 4);
        n.add("Header Length: " + hl + " bytes (" + hl / 4 + ")", "tcp.hdr_len", at + 12, 1);
        TreeBuilder f = n.add("Flags: " + PacketInfo.flags(table, row), "tcp.flags", at + 12, 2);
        String[] names = {"FIN", "SYN", "Reset", "Push", "Acknowledgment", "Urgent", "ECN-Echo",
            "Congestion Window Reduced", "Accurate ECN"};
        for (int i = names.length - 1; i >= 0; i--) {
            boolean set = (flags & (1 << i)) != 0;
            f.add(names[i] + ": " + (set ? "Set" : "Not set"), "", at + 12 + (i >= 8 ? 0 : 1), 1);
        }
        n.add("Window: " + b.u16(at + 14), "tcp.window_size_value", at + 14, 2);
        if (table.windowScaled(row) >= 0) {
            n.note("Calculated window size: " + table.windowScaled(row));
        }
        n.add(String.format("Checksum: 0x%04x", b.u16(at + 16)), "tcp.checksum", at + 16, 2);
        n.add("Urgent Pointer: " + b.u16(at + 18), "tcp.urgent_pointer", at + 18, 2);
        if (hl > 20 && b.has(at, hl)) {
            options(n.add("Options: (" + (hl - 20) + " bytes)", "tcp.options", at + 20, hl - 20), at + 20, at + hl);
        }
        if (len > 0) {
            int captured = Math.max(0, Math.min(len, b.b.length - (at + hl)));
            n.add("TCP payload (" + len + " bytes)", "tcp.payload", at + hl, captured);
            payloadOffset = at + hl;
            payloadLength = captured;
        }
    }

    private void options(TreeBuilder n, int at, int end) {
        int i = at;
        while (i < end) {
            int kind = b.u8(i);
            if (kind == TcpOptions.EOL) {
                n.add("End of Option List (EOL)", "tcp.option_kind", i, end - i);
                return;
            }
            if (kind == TcpOptions.NOP) {
                n.add("No-Operation (NOP)", "tcp.options.nop", i, 1);
                i++;
                continue;
            }
            int len = b.u8(i + 1);
            if (len < 2 || i + len > end) {
                n.add("Malformed option (kind " + kind + ", length " + len + ")", "", i, end - i);
                return;
            }
            String label = switch (kind) {
                case TcpOptions.MSS -> "Maximum segment size: " + b.u16(i + 2) + " bytes";
                case TcpOptions.WINDOW_SCALE -> "Window scale: " + b.u8(i + 2) + " (multiply by "
                        + (1 << Math.min(14, b.u8(i + 2))) + ")";
                case TcpOptions.SACK_PERMITTED -> "SACK permitted";
                case TcpOptions.SACK -> "SACK: " + (len - 2) / 8 + " block(s)";
                case TcpOptions.TIMESTAMPS -> "Timestamps: TSval " + b.u32(i + 2) + ", TSecr " + b.u32(i + 6);
                default -> "Option kind " + kind + ", " + len + " bytes";
            };
            TreeBuilder o = n.add(label, "tcp.option_kind", i, len);
            o.add("Kind: " + kind, "tcp.option_kind", i, 1);
            o.add("Length: " + len, "tcp.option_len", i + 1, 1);
            if (kind == TcpOptions.MSS) {
                o.add("MSS Value: " + b.u16(i + 2), "tcp.options.mss_val", i + 2, 2);
            } else if (kind == TcpOptions.WINDOW_SCALE) {
                o.add("Shift count: " + b.u8(i + 2), "tcp.options.wscale.shift", i + 2, 1);
            } else if (kind == TcpOptions.TIMESTAMPS) {
                o.add("Timestamp value: " + b.u32(i + 2), "tcp.options.timestamp.tsval", i + 2, 4);
                o.add("Timestamp echo reply: " + b.u32(i + 6), "tcp.options.timestamp.tsecr", i + 6, 4);
            }
            i += len;
        }
    }
}
