package org.handshakelab.dissect;

import java.nio.ByteBuffer;

/**
 * The IPv4 header (RFC 791), its fragments and its payload, as Wireshark 4.0's ip dissector reads them;
 * IPv6 is in {@link Ipv6}, IP carried inside IP (tunnels, ICMP errors) in {@link Carried}. Each method
 * gets the tvb Wireshark would: a buffer, the first index, the end of the captured bytes and the
 * reported length (what the headers before said is there).
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
            Ipv6.ipv6(h, b, off, end, reported);
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
                Ipv6.ipv6(h, b, off, end, reported);
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

    /** The payload of an IP header: TCP, or another IP packet carried or quoted inside. */
    static void transport(FrameHeaders h, int protocol, ByteBuffer b, int p, int end, int reported,
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
            case PROTO_ICMP -> Carried.icmp(h, b, p, end, reported);
            case PROTO_ICMPV6 -> Carried.icmpv6(h, b, p, end, reported);
            case PROTO_IPIP -> ip(h, b, p, end, reported);
            case PROTO_IPV6 -> Ipv6.ipv6(h, b, p, end, reported);
            case PROTO_GRE -> Carried.gre(h, b, p, end, reported);
            default -> {
                // UDP and the rest: nothing this table shows
            }
        }
    }
}
