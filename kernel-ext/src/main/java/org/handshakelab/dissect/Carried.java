package org.handshakelab.dissect;

import java.nio.ByteBuffer;

/**
 * IP packets inside IP packets: the datagram an ICMP or ICMPv6 error quotes (Wireshark shows its
 * addresses as a second {@code ip.src}, and its TCP header without sequence analysis), and GRE tunnels.
 */
final class Carried {

    private Carried() {
    }

    /** ICMP (RFC 792): error messages quote the IP header and the first bytes of the offending datagram. */
    static void icmp(FrameHeaders h, ByteBuffer b, int p, int end, int reported) {
        if (end - p < 6) {
            return;
        }
        int type = b.get(p) & 0xFF;
        if (type != 3 && type != 4 && type != 5 && type != 11 && type != 12) {
            return;
        }
        int originalWords = b.get(p + 5) & 0xFF; // RFC 4884 length of the quoted datagram
        int innerReported = reported - 8;
        if (type == 5) {
            if (end - p < 9) {
                return;
            }
            innerReported = Math.min(innerReported, (b.get(p + 8) & 0x0F) * 4 + 8);
        } else if (originalWords != 0 && reported > 8 + originalWords * 4) {
            if (end - p < 12) {
                return; // Wireshark reads the quoted total length here and stops when it is missing
            }
            if ((b.getShort(p + 10) & 0xFFFF) > originalWords * 4) {
                innerReported = Math.min(innerReported, ((b.get(p + 8) & 0x0F) + originalWords) * 4);
            }
        }
        if (innerReported < 0) {
            return;
        }
        h.errorDepth++;
        h.icmpQuotesIp = true;
        Ip.ip(h, b, p + 8, Math.min(end, p + 8 + innerReported), innerReported);
        h.icmpQuotesIp = false;
        h.errorDepth--;
    }

    /** ICMPv6 (RFC 4443 §3): the error messages 1 to 4 quote the offending IPv6 packet. */
    static void icmpv6(FrameHeaders h, ByteBuffer b, int p, int end, int reported) {
        if (end - p < 9) {
            return;
        }
        int type = b.get(p) & 0xFF;
        if (type < 1 || type > 4 || (b.get(p + 8) & 0xF0) != 0x60) {
            return;
        }
        h.errorDepth++;
        Ipv6.ipv6(h, b, p + 8, end, reported - 8);
        h.errorDepth--;
    }

    /** GRE (RFC 2784, RFC 2890) carrying IPv4, IPv6 or Ethernet. */
    static void gre(FrameHeaders h, ByteBuffer b, int p, int end, int reported) {
        if (end - p < 4) {
            return;
        }
        int flags = b.getShort(p) & 0xFFFF;
        int protocol = b.getShort(p + 2) & 0xFFFF;
        if ((flags & 0x4000) != 0 || (flags & 7) > 1) {
            return; // source routing (RFC 1701) or an unknown version
        }
        int len = 4;
        if ((flags & 0x8000) != 0) {
            len += 4;
        }
        if ((flags & 0x2000) != 0) {
            len += 4;
        }
        if ((flags & 0x1000) != 0) {
            len += 4;
        }
        if ((flags & 7) == 1 && (flags & 0x0080) != 0) {
            len += 4;
        }
        if (end - p < len) {
            return;
        }
        switch (protocol) {
            case LinkLayer.ETHERTYPE_IPV4 -> Ip.ip(h, b, p + len, end, reported - len);
            case LinkLayer.ETHERTYPE_IPV6 -> Ipv6.ipv6(h, b, p + len, end, reported - len);
            case 0x6558 -> LinkLayer.ethernet(h, b, p + len);
            default -> {
                // PPP (PPTP) and others: not followed
            }
        }
    }
}
