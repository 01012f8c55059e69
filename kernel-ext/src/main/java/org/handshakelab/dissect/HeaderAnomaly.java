package org.handshakelab.dissect;

/**
 * What can be wrong with a frame's link, IP or TCP header. Kept as bits on {@link FrameHeaders} so
 * that the hot path reports problems without allocating; each names the Wireshark expert info it
 * corresponds to, so a student can find the same complaint in Wireshark.
 */
public enum HeaderAnomaly {
    /** The frame ends inside the link-layer header. */
    LINK_HEADER_CUT_SHORT("link-layer header cut short", "_ws.malformed"),
    /** The frame ends inside an IPv4 or IPv6 header (RFC 791 §3.1, RFC 8200 §3). */
    IP_HEADER_CUT_SHORT("IP header cut short", "_ws.malformed"),
    /** IPv4 version nibble is not 4 although the link layer said IPv4 (RFC 791 §3.1). */
    IPV4_BAD_VERSION("IPv4 version field is not 4", "ip.bogus_ip_version"),
    /** IPv4 IHL below 5 words (RFC 791 §3.1). */
    IPV4_BAD_HEADER_LENGTH("IPv4 header length below 20 bytes", "ip.bogus_header_length"),
    /** IPv4 total length below the header length (RFC 791 §3.1). */
    IPV4_TOTAL_LENGTH_BELOW_HEADER("IPv4 total length below the header length", "ip.bogus_ip_length"),
    /** IPv4 total length runs past the frame. */
    IPV4_TOTAL_LENGTH_PAST_FRAME("IPv4 total length exceeds the frame", "ip.bogus_ip_length"),
    /** IPv6 version nibble is not 6 (RFC 8200 §3). */
    IPV6_BAD_VERSION("IPv6 version field is not 6", "ipv6.bogus_ipv6_version"),
    /** IPv6 payload length runs past the frame (RFC 8200 §3). */
    IPV6_PAYLOAD_LENGTH_PAST_FRAME("IPv6 payload length exceeds the frame", "ipv6.plen_exceeds_framing"),
    /** An IPv6 extension header runs past the packet (RFC 8200 §4). */
    IPV6_EXTENSION_CUT_SHORT("IPv6 extension header cut short", "_ws.malformed"),
    /** A fragment of an IP datagram; its transport header is only in the reassembled datagram. */
    IP_FRAGMENT("IP fragment (transport dissected only when the datagram is complete)", "ip.fragment"),
    /** Fewer than 20 TCP header bytes are in the frame. */
    TCP_HEADER_CUT_SHORT("TCP header cut short", "_ws.malformed"),
    /** TCP data offset below 5 words (RFC 9293 §3.1). */
    TCP_BAD_HEADER_LENGTH("TCP header length below 20 bytes", "tcp.bogus_header_length"),
    /** TCP data offset larger than the segment (RFC 9293 §3.1). */
    TCP_SHORT_SEGMENT("TCP segment shorter than its header length", "tcp.short_segment"),
    /** A TCP option whose length byte is missing, below 2, wrong for its kind or past the header (RFC 9293 §3.1). */
    TCP_OPTION_BAD_LENGTH("TCP option length invalid", "tcp.option.len.invalid"),
    /** Bytes after an End of Option List that are not zero (RFC 9293 §3.1). */
    TCP_OPTION_AFTER_EOL("non-zero bytes after TCP End of Option List", "tcp.non_zero_bytes_after_eol"),
    /** The TCP options run past the captured bytes. */
    TCP_OPTIONS_CUT_SHORT("TCP options cut short by the capture", "_ws.malformed"),
    /** ACK number non-zero while the ACK flag is clear (RFC 9293 §3.1). */
    TCP_ACK_NONZERO_WITHOUT_ACK("ACK number non-zero but ACK flag not set", "tcp.ack.nonzero"),
    /** Reserved TCP header bits set (RFC 9293 §3.1). */
    TCP_RESERVED_BITS("reserved TCP flags set", "tcp.flags.res"),
    /** Fewer bytes captured than were on the wire (snap length). */
    FRAME_TRUNCATED("frame cut short by the capture's snap length", "_ws.short");

    private final String message;
    private final String wiresharkField;

    HeaderAnomaly(String message, String wiresharkField) {
        this.message = message;
        this.wiresharkField = wiresharkField;
    }

    /** One line saying what is wrong. */
    public String message() {
        return message;
    }

    /** The Wireshark expert-info or field name that flags the same problem, e.g. {@code tcp.bogus_header_length}. */
    public String wiresharkField() {
        return wiresharkField;
    }

    long bit() {
        return 1L << ordinal();
    }
}
