package org.handshakelab.dissect;

import java.nio.ByteBuffer;

/**
 * IPv4 (RFC 791) and IPv6 (RFC 8200) headers, their fragments, and the IP packets carried inside
 * others (IP in IP, GRE, ICMP errors), as Wireshark 4.0's ip, ipv6, icmp, icmpv6 and gre dissectors
 * read them. Each method gets the tvb Wireshark would: a buffer, the first index, the end of the
 * captured bytes and the reported length (what the headers before said is there).
 */
final class Ip {

    static final int PROTO_HOPOPTS = 0;
    static final int PROTO_ICMP = 1;
    static final int PROTO_IPIP = 4;
    static final int PROTO_TCP = 6;
    static final int PROTO_IPV6 = 41;
    static final int PROTO_ROUTING = 43;
    static final int PROTO_FRAGMENT = 44;
    static final int PROTO_GRE = 47;
    static final int PROTO_AH = 51;
    static final int PROTO_ICMPV6 = 58;
    static final int PROTO_DSTOPTS = 60;
    static final int PROTO_MIPV6 = 135;
    static final int PROTO_SHIM6 = 140;

    private static final int IPV4_MIN_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int IP_MF = 0x2000;
    private static final int IP_OFFSET = 0x1FFF;
    private static final int IPOPT_EOOL = 0;
    private static final int IPOPT_NOP = 1;
    private static final int IPOPT_LSR = 0x83;
    private static final int IPOPT_SSR = 0x89;
    /** Nesting bound for tunnels and quoted datagrams, so that crafted packets cannot recurse deeply. */
    private static final int MAX_DEPTH = 8;

    private Ip() {
    }

    /** Wireshark's "ip" dissector: IPv4 or IPv6 by the version nibble. */
    static void ip(FrameHeaders h, ByteBuffer b, int off, int end, int reported) {
        if (end - off < 1) {
            h.anomaly(HeaderAnomaly.IP_HEADER_CUT_SHORT);
            return;
        }
        int version = (b.get(off) & 0xFF) >>> 4;
        if (version == 6) {
            ipv6(h, b, off, end, reported);
        } else if (version == 4) {
            ipv4(h, b, off, end, reported);
        } else {
            h.anomaly(HeaderAnomaly.IPV4_BAD_VERSION);
        }
    }

    /** IPv4 header (RFC 791 §3.1), then its payload. */
    static void ipv4(FrameHeaders h, ByteBuffer b, int off, int end, int reported) {
        boolean afterIcmp = h.icmpQuotesIp;
        h.icmpQuotesIp = false;
        if (end - off < 1) {
            h.anomaly(HeaderAnomaly.IP_HEADER_CUT_SHORT);
            return;
        }
        int first = b.get(off) & 0xFF;
        int hlen = (first & 0x0F) * 4;
        if (first >>> 4 != 4) {
            h.anomaly(HeaderAnomaly.IPV4_BAD_VERSION);
            if (first >>> 4 == 6) {
                ipv6(h, b, off, end, reported);
            }
            return;
        }
        if (hlen < IPV4_MIN_HEADER) {
            h.anomaly(HeaderAnomaly.IPV4_BAD_HEADER_LENGTH);
            return;
        }
        if (end - off < 4) {
            h.anomaly(HeaderAnomaly.IP_HEADER_CUT_SHORT);
            return;
        }
        int totalLength = b.getShort(off + 2) & 0xFFFF;
        if (totalLength < hlen) {
            if (totalLength != 0) {
                h.anomaly(HeaderAnomaly.IPV4_TOTAL_LENGTH_BELOW_HEADER);
                return;
            }
            totalLength = reported; // 0: TCP segmentation offload, the NIC fills it in later
        } else if (totalLength > reported) {
            if (h.errorDepth == 0) {
                h.anomaly(HeaderAnomaly.IPV4_TOTAL_LENGTH_PAST_FRAME);
            }
        } else {
            reported = totalLength;
            end = Math.min(end, off + totalLength);
        }
        if (end - off < 16) {
            h.anomaly(HeaderAnomaly.IP_HEADER_CUT_SHORT);
            return;
        }
        int id = b.getShort(off + 4) & 0xFFFF;
        int fragment = b.getShort(off + 6) & 0xFFFF;
        int protocol = b.get(off + 9) & 0xFF;
        int src = b.getInt(off + 12);
        int layer = h.ipLayers;
        if (layer < FrameHeaders.MAX_IP_LAYERS) {
            h.ipLayers++;
            h.ipVersion[layer] = 4;
            h.ip4Src[layer] = src;
            h.ipSrcShown |= 1 << layer;
        }
        int dstOffset = 0;
        int routeLength = 0;
        if (hlen > IPV4_MIN_HEADER) {
            int route = sourceRoute(b, off + IPV4_MIN_HEADER, hlen - IPV4_MIN_HEADER, end);
            if (route < 0) {
                h.anomaly(HeaderAnomaly.IP_HEADER_CUT_SHORT);
                return;
            }
            routeLength = route & 0xFF;
            dstOffset = route == 0 ? 0 : (route >>> 8) + routeLength;
        }
        if (end - off < 20 + dstOffset) {
            h.anomaly(HeaderAnomaly.IP_HEADER_CUT_SHORT);
            return;
        }
        int dst = b.getInt(off + 16 + dstOffset);
        if (layer < FrameHeaders.MAX_IP_LAYERS && dstOffset == 0) {
            h.ip4Dst[layer] = dst;
            h.ipDstShown |= 1 << layer;
        }
        if (end - off < hlen) {
            h.anomaly(HeaderAnomaly.IP_HEADER_CUT_SHORT); // options cut short: Wireshark stops there
            return;
        }
        if (layer < FrameHeaders.MAX_IP_LAYERS && dstOffset != 0) {
            // the header's field is the next hop (ip.cur_rt); the route option shows the final ip.dst,
            // when its length leaves the last address where Wireshark's option dissector expects it
            h.ip4Dst[layer] = dst;
            if (routeLength >= 7 && (routeLength - 7) % 4 == 0) {
                h.ipDstShown |= 1 << layer;
            }
        }
        h.netVersion = 4;
        h.netSrc4 = src;
        h.netDst4 = dst;
        int payload = off + hlen;
        int payloadReported = reported - hlen;
        boolean savedFragmented = h.fragmentedContext;
        if ((fragment & (IP_MF | IP_OFFSET)) != 0) {
            h.anomaly(HeaderAnomaly.IP_FRAGMENT);
            if (totalLength > hlen && end - payload >= totalLength - hlen) {
                // Wireshark reassembles: the transport is dissected in the frame completing the datagram
                boolean privateAddress = isPrivateOrLinkLocal(src) || isPrivateOrLinkLocal(dst);
                ByteBuffer whole = h.defragmenter.add(4, src, 0, dst, 0,
                        (protocol << 16 | id) ^ (privateAddress ? Math.max(h.vlanId, 0) : 0),
                        b, payload, totalLength - hlen, (fragment & IP_OFFSET) * 8, (fragment & IP_MF) != 0);
                if (whole != null) {
                    transport(h, protocol, whole, 0, whole.limit(), whole.limit(), afterIcmp);
                }
                return;
            }
            if ((fragment & IP_OFFSET) != 0) {
                return; // not the first fragment: no transport header in it
            }
            h.fragmentedContext = (fragment & IP_MF) != 0;
        }
        if (payloadReported > 0) {
            transport(h, protocol, b, payload, end, payloadReported, afterIcmp);
        }
        h.fragmentedContext = savedFragmented;
    }

    /**
     * The loose or strict source route option (RFC 791 §3.1), as Wireshark's get_dst_offset finds it:
     * its offset in the options shifted left 8 bits, or'ed with its length; 0 when there is none (or it
     * is unusable), -1 when the options are cut short (Wireshark throws there). The final destination is
     * the option's last 4 bytes.
     */
    private static int sourceRoute(ByteBuffer b, int p, int length, int end) {
        int start = p;
        while (length > 0) {
            if (p >= end) {
                return -1;
            }
            int opt = b.get(p) & 0xFF;
            length--;
            if (opt != IPOPT_EOOL && opt != IPOPT_NOP) {
                if (length == 0) {
                    return 0;
                }
                if (p + 1 >= end) {
                    return -1;
                }
                int len = b.get(p + 1) & 0xFF;
                length--;
                if (len < 2 || len - 2 > length) {
                    return 0;
                }
                if (opt == IPOPT_SSR || opt == IPOPT_LSR) {
                    if (p + 2 >= end) {
                        return -1;
                    }
                    int pointer = b.get(p + 2) & 0xFF;
                    if (pointer < 4 || (pointer & 3) != 0 || pointer > len) {
                        return 0;
                    }
                    return (p - start) << 8 | len;
                }
                p += len;
                length -= len - 2;
            } else {
                p++;
            }
            if (opt == IPOPT_EOOL) {
                return 0;
            }
        }
        return 0;
    }

    private static boolean isPrivateOrLinkLocal(int a) {
        return (a >>> 24) == 10 || (a >>> 20) == 0xAC1 || (a >>> 16) == 0xC0A8 || (a >>> 16) == 0xA9FE;
    }

    /** IPv6 header (RFC 8200 §3), its extension headers (§4), then the upper-layer payload. */
    static void ipv6(FrameHeaders h, ByteBuffer b, int off, int end, int reported) {
        h.icmpQuotesIp = false;
        if (end - off < 1) {
            h.anomaly(HeaderAnomaly.IP_HEADER_CUT_SHORT);
            return;
        }
        if ((b.get(off) & 0xF0) != 0x60) {
            h.anomaly(HeaderAnomaly.IPV6_BAD_VERSION);
            return;
        }
        if (end - off < IPV6_HEADER) {
            h.anomaly(HeaderAnomaly.IP_HEADER_CUT_SHORT);
            return;
        }
        int payloadLength = b.getShort(off + 4) & 0xFFFF;
        int next = b.get(off + 6) & 0xFF;
        long srcHi = b.getLong(off + 8);
        long srcLo = b.getLong(off + 16);
        long dstHi = b.getLong(off + 24);
        long dstLo = b.getLong(off + 32);
        int layer = h.ipLayers;
        if (layer < FrameHeaders.MAX_IP_LAYERS) {
            h.ipLayers++;
            h.ipVersion[layer] = 6;
            h.ip6Src[2 * layer] = srcHi;
            h.ip6Src[2 * layer + 1] = srcLo;
            h.ip6Dst[2 * layer] = dstHi;
            h.ip6Dst[2 * layer + 1] = dstLo;
        }
        h.netVersion = 6;
        h.netSrcHi = srcHi;
        h.netSrcLo = srcLo;
        h.netDstHi = dstHi;
        h.netDstLo = dstLo;
        int p = off + IPV6_HEADER;
        if (payloadLength == 0 && next == PROTO_HOPOPTS) {
            payloadLength = jumboPayloadLength(b, p, end);
        }
        if (h.errorDepth == 0 && payloadLength > reported - IPV6_HEADER) {
            h.anomaly(HeaderAnomaly.IPV6_PAYLOAD_LENGTH_PAST_FRAME);
        }
        if (IPV6_HEADER + payloadLength < reported) {
            reported = IPV6_HEADER + payloadLength;
            end = Math.min(end, off + reported);
        }
        extensions(h, b, next, p, end, reported - IPV6_HEADER, payloadLength);
    }

    /** The Jumbo Payload option (RFC 2675) of a hop-by-hop header, or 0. */
    private static int jumboPayloadLength(ByteBuffer b, int p, int end) {
        if (end - p < 2) {
            return 0;
        }
        int len = ((b.get(p + 1) & 0xFF) + 1) * 8;
        int q = p + 2;
        int limit = Math.min(end, p + len);
        while (q < limit) {
            int type = b.get(q) & 0xFF;
            if (type == 0) {
                q++;
                continue;
            }
            if (q + 1 >= limit) {
                return 0;
            }
            int optLen = b.get(q + 1) & 0xFF;
            if (type == 0xC2 && optLen == 4 && q + 6 <= limit) {
                return b.getInt(q + 2);
            }
            q += 2 + optLen;
        }
        return 0;
    }

    /** The extension header chain (RFC 8200 §4) up to the upper-layer header. */
    private static void extensions(FrameHeaders h, ByteBuffer b, int next, int p, int end, int reported,
                                   int fragmentPayload) {
        boolean savedFragmented = h.fragmentedContext;
        for (int hops = 0; ; hops++) {
            int len;
            switch (next) {
                case PROTO_HOPOPTS, PROTO_ROUTING, PROTO_DSTOPTS, PROTO_MIPV6, PROTO_SHIM6, PROTO_AH -> {
                    if (end - p < 2 || hops > 64) {
                        h.anomaly(HeaderAnomaly.IPV6_EXTENSION_CUT_SHORT);
                        return;
                    }
                    len = next == PROTO_AH ? ((b.get(p + 1) & 0xFF) + 2) * 4 : ((b.get(p + 1) & 0xFF) + 1) * 8;
                    if (len > reported || end - p < len) {
                        h.anomaly(HeaderAnomaly.IPV6_EXTENSION_CUT_SHORT);
                        return;
                    }
                    if (next == PROTO_ROUTING) {
                        routingDestination(h, b, p, len);
                    }
                }
                case PROTO_FRAGMENT -> {
                    if (end - p < 8) {
                        h.anomaly(HeaderAnomaly.IPV6_EXTENSION_CUT_SHORT);
                        return;
                    }
                    int following = b.get(p) & 0xFF;
                    int offsetAndFlags = b.getShort(p + 2) & 0xFFFF;
                    int fragmentOffset = offsetAndFlags & 0xFFF8;
                    boolean more = (offsetAndFlags & 1) != 0;
                    fragmentPayload -= 8;
                    if (fragmentPayload > 0 && (fragmentOffset != 0 || more)) {
                        h.anomaly(HeaderAnomaly.IP_FRAGMENT);
                        if (end - (p + 8) < fragmentPayload) {
                            return; // Wireshark shows the bytes as data, even in a first fragment
                        }
                        ByteBuffer whole = h.defragmenter.add(6, h.netSrcHi, h.netSrcLo,
                                h.netDstHi, h.netDstLo, b.getInt(p + 4), b, p + 8, fragmentPayload,
                                fragmentOffset, more);
                        if (whole != null) {
                            extensions(h, whole, following, 0, whole.limit(), whole.limit(), 0);
                        }
                        return;
                    }
                    next = following;
                    p += 8;
                    reported -= 8;
                    continue;
                }
                default -> {
                    if (next != 59 && reported > 0) {
                        transport(h, next, b, p, end, reported, false);
                    }
                    h.fragmentedContext = savedFragmented;
                    return;
                }
            }
            fragmentPayload -= len;
            next = b.get(p) & 0xFF;
            p += len;
            reported -= len;
        }
    }

    /** A routing header with segments left changes the final destination (RFC 8200 §4.4, RFC 6275, RFC 8754). */
    private static void routingDestination(FrameHeaders h, ByteBuffer b, int p, int len) {
        int type = b.get(p + 2) & 0xFF;
        int segmentsLeft = b.get(p + 3) & 0xFF;
        if (segmentsLeft == 0 || len < 24) {
            return;
        }
        int address;
        switch (type) {
            case 0 -> address = p + 8 + ((b.get(p + 1) & 0xFF) / 2 - 1) * 16;
            case 2, 4 -> address = p + 8;
            default -> {
                return;
            }
        }
        if (address >= p + 8 && address + 16 <= p + len) {
            h.netDstHi = b.getLong(address);
            h.netDstLo = b.getLong(address + 8);
        }
    }

    /** The payload of an IP header: TCP, or another IP packet carried or quoted inside. */
    private static void transport(FrameHeaders h, int protocol, ByteBuffer b, int p, int end, int reported,
                                  boolean ipv4AfterIcmp) {
        if (h.ipDepth >= MAX_DEPTH) {
            return;
        }
        h.ipDepth++;
        switch (protocol) {
            case PROTO_TCP -> {
                h.ipv4AfterIcmp = ipv4AfterIcmp;
                Tcp.dissect(h, b, p, end, reported);
            }
            case PROTO_ICMP -> icmp(h, b, p, end, reported);
            case PROTO_ICMPV6 -> icmpv6(h, b, p, end, reported);
            case PROTO_IPIP -> ip(h, b, p, end, reported);
            case PROTO_IPV6 -> ipv6(h, b, p, end, reported);
            case PROTO_GRE -> gre(h, b, p, end, reported);
            default -> {
                // UDP and the rest: nothing this table shows
            }
        }
    }

    /** ICMP (RFC 792): error messages quote the IP header and the first bytes of the offending datagram. */
    private static void icmp(FrameHeaders h, ByteBuffer b, int p, int end, int reported) {
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
        ip(h, b, p + 8, Math.min(end, p + 8 + innerReported), innerReported);
        h.icmpQuotesIp = false;
        h.errorDepth--;
    }

    /** ICMPv6 (RFC 4443 §3): the error messages 1 to 4 quote the offending IPv6 packet. */
    private static void icmpv6(FrameHeaders h, ByteBuffer b, int p, int end, int reported) {
        if (end - p < 9) {
            return;
        }
        int type = b.get(p) & 0xFF;
        if (type < 1 || type > 4 || (b.get(p + 8) & 0xF0) != 0x60) {
            return;
        }
        h.errorDepth++;
        ipv6(h, b, p + 8, end, reported - 8);
        h.errorDepth--;
    }

    /** GRE (RFC 2784, RFC 2890) carrying IPv4, IPv6 or Ethernet. */
    private static void gre(FrameHeaders h, ByteBuffer b, int p, int end, int reported) {
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
            case LinkLayer.ETHERTYPE_IPV4 -> ip(h, b, p + len, end, reported - len);
            case LinkLayer.ETHERTYPE_IPV6 -> ipv6(h, b, p + len, end, reported - len);
            case 0x6558 -> LinkLayer.ethernet(h, b, p + len);
            default -> {
                // PPP (PPTP) and others: not followed
            }
        }
    }
}
