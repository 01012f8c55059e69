package org.handshakelab.dissect;

import java.nio.ByteBuffer;

/**
 * The IPv6 header (RFC 8200 §3) and its extension header chain (§4) up to the upper-layer header, with
 * fragments reassembled and routing headers moving the final destination, as Wireshark 4.0's ipv6
 * dissector reads them.
 */
final class Ipv6 {

    private static final int IPV6_HEADER = 40;

    private Ipv6() {
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
        if (payloadLength == 0 && next == Ip.PROTO_HOPOPTS) {
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
                case Ip.PROTO_HOPOPTS, Ip.PROTO_ROUTING, Ip.PROTO_DSTOPTS, Ip.PROTO_MIPV6, Ip.PROTO_SHIM6, Ip.PROTO_AH -> {
                    if (end - p < 2 || hops > 64) {
                        h.anomaly(HeaderAnomaly.IPV6_EXTENSION_CUT_SHORT);
                        return;
                    }
                    len = next == Ip.PROTO_AH ? ((b.get(p + 1) & 0xFF) + 2) * 4 : ((b.get(p + 1) & 0xFF) + 1) * 8;
                    if (len > reported || end - p < len) {
                        h.anomaly(HeaderAnomaly.IPV6_EXTENSION_CUT_SHORT);
                        return;
                    }
                    if (next == Ip.PROTO_ROUTING) {
                        routingDestination(h, b, p, len);
                    }
                }
                case Ip.PROTO_FRAGMENT -> {
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
                        Ip.transport(h, next, b, p, end, reported, false);
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
}
