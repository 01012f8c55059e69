package org.handshakelab.dissect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Link-layer headers: finds the network-layer packet in a frame by link type and EtherType, as
 * Wireshark's eth, vlan, null, sll and raw dissectors do (tcpdump.org/linktypes.html).
 */
final class LinkLayer {

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88A8;
    static final int ETHERTYPE_QINQ_OLD = 0x9100;
    /** IEEE 802.3: a type/length field up to this value is a length. */
    static final int IEEE_802_3_MAX_LEN = 1500;

    /** BSD address families of the NULL/LOOP header that carry IP (Wireshark's null.type table). */
    static final int AF_INET = 2;
    static final int AF_INET6_BSD = 24;
    static final int AF_INET6_FREEBSD = 28;
    static final int AF_INET6_DARWIN = 30;

    private static final int ETHERNET_HEADER = 14;
    private static final int SLL_HEADER = 16;
    private static final int SLL2_HEADER = 20;
    private static final int ARPHRD_NETLINK = 824;
    private static final int SLL_P_ETHERNET = 0x0003;
    private static final int PPP_HDLC = 0xFF03;
    /** Wireshark reads the NULL header in the byte order of the machine it runs on. */
    private static final boolean HOST_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private LinkLayer() {
    }

    static void dissect(FrameHeaders h) {
        ByteBuffer b = h.frame;
        int s = h.frameStart;
        switch (h.linkType) {
            case 1 -> ethernet(h, b, s);
            case 0 -> nullHeader(h, b, s);
            case 108 -> loop(h, b, s);
            case 101, 12, 14 -> raw(h, b, s);
            case 228 -> Ip.ip(h, b, s, h.frameEnd, h.reportedFrom(s));
            case 229 -> Ipv6.ipv6(h, b, s, h.frameEnd, h.reportedFrom(s));
            case 113 -> sll(h, b, s, SLL_HEADER);
            case 276 -> sll(h, b, s, SLL2_HEADER);
            default -> {
                // not a link type this lab dissects: the frame shows only frame.* fields, as in Wireshark
            }
        }
    }

    /** IEEE 802.3 / Ethernet II (DIX) header: destination, source, type or length. */
    static void ethernet(FrameHeaders h, ByteBuffer b, int s) {
        if (h.frameEnd - s < ETHERNET_HEADER) {
            h.anomaly(HeaderAnomaly.LINK_HEADER_CUT_SHORT);
            return;
        }
        int type = b.getShort(s + 12) & 0xFFFF;
        if (type <= IEEE_802_3_MAX_LEN) {
            llcSnap(h, b, s + ETHERNET_HEADER);
        } else {
            etherType(h, b, type, s + ETHERNET_HEADER);
        }
    }

    /** IEEE 802.2 LLC with a SNAP header (AA AA 03, OUI 0) carrying an EtherType (RFC 1042). */
    private static void llcSnap(FrameHeaders h, ByteBuffer b, int p) {
        if (h.frameEnd - p >= 8 && (b.getShort(p) & 0xFFFF) == 0xAAAA && b.get(p + 2) == 3
                && (b.getShort(p + 3) | b.get(p + 5)) == 0) {
            etherType(h, b, b.getShort(p + 6) & 0xFFFF, p + 8);
        }
    }

    /** Dispatch on an EtherType (Wireshark's ethertype table): IPv4, IPv6, 802.1Q and 802.1ad tags. */
    static void etherType(FrameHeaders h, ByteBuffer b, int type, int p) {
        switch (type) {
            case ETHERTYPE_IPV4 -> Ip.ipv4(h, b, p, h.frameEnd, h.reportedFrom(p));
            case ETHERTYPE_IPV6 -> Ipv6.ipv6(h, b, p, h.frameEnd, h.reportedFrom(p));
            case ETHERTYPE_VLAN, ETHERTYPE_QINQ, ETHERTYPE_QINQ_OLD -> vlan(h, b, p);
            default -> {
                // ARP, LLDP and the rest: no IP, nothing more to show
            }
        }
    }

    /** IEEE 802.1Q tag: TCI (priority, DEI, VLAN id) and the encapsulated type. */
    private static void vlan(FrameHeaders h, ByteBuffer b, int p) {
        if (h.frameEnd - p < 4) {
            h.anomaly(HeaderAnomaly.LINK_HEADER_CUT_SHORT);
            return;
        }
        h.vlanId = b.getShort(p) & 0x0FFF;
        int type = b.getShort(p + 2) & 0xFFFF;
        if (type <= IEEE_802_3_MAX_LEN) {
            llcSnap(h, b, p + 4);
        } else {
            etherType(h, b, type, p + 4);
        }
    }

    /** DLT_NULL: a 4-byte address family in the byte order of the capturing host, guessed as Wireshark does. */
    private static void nullHeader(FrameHeaders h, ByteBuffer b, int s) {
        if (h.frameEnd - s < 4) {
            h.anomaly(HeaderAnomaly.LINK_HEADER_CUT_SHORT);
            return;
        }
        if ((b.getShort(s) & 0xFFFF) == PPP_HDLC) {
            return;
        }
        int raw = b.getInt(s);
        long header = (HOST_LITTLE_ENDIAN ? Integer.reverseBytes(raw) : raw) & 0xFFFF_FFFFL;
        if ((header & 0xFFFF0000L) != 0) {
            if ((header & 0xFF000000L) == 0 && (header & 0x00FF0000L) < 0x00060000L) {
                header >>>= 16; // IRIX / UNICOS snoop: the family in the upper half, right order
            } else {
                header = Integer.reverseBytes((int) header) & 0xFFFF_FFFFL;
            }
        } else if ((header & 0xFF) == 0 && (header & 0xFF00) < 0x0600) {
            header = Short.reverseBytes((short) header) & 0xFFFF; // IRIX snoop, swapped
        }
        if (header > IEEE_802_3_MAX_LEN) {
            etherType(h, b, (int) (header & 0xFFFF), s + 4);
        } else {
            addressFamily(h, b, (int) header, s + 4);
        }
    }

    /** DLT_LOOP (OpenBSD): the address family in network byte order. */
    private static void loop(FrameHeaders h, ByteBuffer b, int s) {
        if (h.frameEnd - s < 4) {
            h.anomaly(HeaderAnomaly.LINK_HEADER_CUT_SHORT);
            return;
        }
        addressFamily(h, b, b.getInt(s), s + 4);
    }

    private static void addressFamily(FrameHeaders h, ByteBuffer b, int family, int p) {
        switch (family) {
            case AF_INET -> Ip.ip(h, b, p, h.frameEnd, h.reportedFrom(p));
            case AF_INET6_BSD, AF_INET6_FREEBSD, AF_INET6_DARWIN -> Ipv6.ipv6(h, b, p, h.frameEnd, h.reportedFrom(p));
            default -> {
                // another family: not IP
            }
        }
    }

    /** DLT_RAW: IPv4 or IPv6 by the version nibble, after Wireshark's checks for PPP leftovers. */
    private static void raw(FrameHeaders h, ByteBuffer b, int s) {
        int avail = h.frameEnd - s;
        if (avail < 2 || (b.getShort(s) & 0xFFFF) == PPP_HDLC) {
            return;
        }
        if (avail < 8) {
            // Wireshark reads bytes 6..7 looking for an ISDN PPP header and gives up when they are missing
            h.anomaly(HeaderAnomaly.IP_HEADER_CUT_SHORT);
            return;
        }
        if ((b.getShort(s + 6) & 0xFFFF) == PPP_HDLC || (b.getShort(s + 1) & 0xFFFF) == PPP_HDLC) {
            return;
        }
        if (avail >= 10 && b.getLong(s) == 0 && b.getShort(s + 8) == 0) {
            Ip.ip(h, b, s + 10, h.frameEnd, h.reportedFrom(s + 10));
            return;
        }
        switch (b.get(s) & 0xF0) {
            case 0x40 -> Ip.ip(h, b, s, h.frameEnd, h.reportedFrom(s));
            case 0x60 -> Ipv6.ipv6(h, b, s, h.frameEnd, h.reportedFrom(s));
            default -> {
                // neither IPv4 nor IPv6
            }
        }
    }

    /** Linux cooked capture v1 (16 bytes) or v2 (20 bytes). */
    private static void sll(FrameHeaders h, ByteBuffer b, int s, int headerSize) {
        if (h.frameEnd - s < headerSize) {
            h.anomaly(HeaderAnomaly.LINK_HEADER_CUT_SHORT);
            return;
        }
        int hatype;
        int protocol;
        if (headerSize == SLL_HEADER) {
            hatype = b.getShort(s + 2) & 0xFFFF;
            protocol = b.getShort(s + 14) & 0xFFFF;
        } else {
            hatype = b.getShort(s + 8) & 0xFFFF;
            protocol = b.getShort(s) & 0xFFFF;
        }
        if (hatype == ARPHRD_NETLINK) {
            return;
        }
        int p = s + headerSize;
        if (protocol <= 1536) {
            // a Linux protocol number, not an EtherType ("yes, 1536 - that's how Linux does it")
            if (protocol == SLL_P_ETHERNET && hatype != 803 && hatype != 770) {
                ethernet(h, b, p);
            }
        } else {
            // ARPHRD_IPGRE looks the protocol up in the GRE table, which maps IPv4 and IPv6 the same way
            etherType(h, b, protocol, p);
        }
    }
}
