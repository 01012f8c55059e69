package org.handshakelab.capture;

import java.util.Optional;

/**
 * The link types this lab dissects (draft-ietf-opsawg-pcaplinktype, tcpdump.org/linktypes.html).
 *
 * <p>Frames carry their link type as a plain number so that unknown ones pass through unchanged; this enum
 * names the known ones. Link types 12 and 14 are the platform values of DLT_RAW that some writers put in
 * files; like Wireshark, {@link #of(int)} reads them as {@link #RAW}.
 */
public enum LinkType {
    /** BSD loopback: a 4-byte address family in the capturing host's byte order. */
    NULL(0, "NULL", "null"),
    /** IEEE 802.3 Ethernet (DIX and 802.3 framing). */
    ETHERNET(1, "ETHERNET", "eth"),
    /** Raw IP: the packet starts with an IPv4 or IPv6 header (version nibble tells which). */
    RAW(101, "RAW", "raw"),
    /** OpenBSD loopback: a 4-byte address family in network byte order. */
    LOOP(108, "LOOP", "null"),
    /** Linux "cooked" capture v1: 16-byte pseudo header (tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html). */
    LINUX_SLL(113, "LINUX_SLL", "sll"),
    /** Raw IPv4, no link header. */
    IPV4(228, "IPV4", "raw"),
    /** Raw IPv6, no link header. */
    IPV6(229, "IPV6", "raw"),
    /** Linux "cooked" capture v2: 20-byte pseudo header (tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html). */
    LINUX_SLL2(276, "LINUX_SLL2", "sll");

    private final int code;
    private final String linktypeName;
    private final String wiresharkProtocol;

    LinkType(int code, String linktypeName, String wiresharkProtocol) {
        this.code = code;
        this.linktypeName = linktypeName;
        this.wiresharkProtocol = wiresharkProtocol;
    }

    /** The LINKTYPE_ value as written in pcap and pcapng files. */
    public int code() {
        return code;
    }

    /** The registry name without the {@code LINKTYPE_} prefix, e.g. {@code LINUX_SLL2}. */
    public String linktypeName() {
        return linktypeName;
    }

    /** The first protocol Wireshark shows in {@code frame.protocols} for this link type, e.g. {@code sll}. */
    public String wiresharkProtocol() {
        return wiresharkProtocol;
    }

    /** The link type with this code (12 and 14 give {@link #RAW}), or empty when unknown. */
    public static Optional<LinkType> of(int code) {
        if (code == 12 || code == 14) {
            return Optional.of(RAW);
        }
        for (LinkType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** {@code LINKTYPE_<NAME>} for a known code, {@code LINKTYPE_<code>} otherwise. */
    public static String nameOf(int code) {
        return "LINKTYPE_" + of(code).map(LinkType::linktypeName).orElse(Integer.toString(code));
    }
}
