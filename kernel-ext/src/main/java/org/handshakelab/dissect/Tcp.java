package org.handshakelab.dissect;

import java.nio.ByteBuffer;

/**
 * The TCP header (RFC 9293 §3.1), read in the order Wireshark 4.0 reads it, so that a cut or damaged
 * header shows the same fields: the ports need 4 bytes, everything through the window 16; a data
 * offset below 5 words ends the header there (no options); options are walked by {@link TcpOptions}.
 */
final class Tcp {

    /** The fixed header without options. */
    static final int MIN_HEADER = 20;

    private Tcp() {
    }

    static void dissect(FrameHeaders h, ByteBuffer b, int off, int end, int reported) {
        int avail = end - off;
        if (avail < 4) {
            h.anomaly(HeaderAnomaly.TCP_HEADER_CUT_SHORT);
            return;
        }
        h.srcPort = b.getShort(off) & 0xFFFF;
        h.dstPort = b.getShort(off + 2) & 0xFFFF;
        h.tcpLevel = FrameHeaders.TCP_PORTS;
        h.inErrorPacket = h.errorDepth > 0;
        h.fragmented = h.fragmentedContext;
        if (h.ipv4AfterIcmp && avail >= 8) {
            // Wireshark shows the raw sequence number of a TCP header quoted in ICMP right after the ports
            h.seqShownEarly = true;
            h.seq = b.getInt(off + 4);
        }
        if (avail < 16) {
            h.anomaly(HeaderAnomaly.TCP_HEADER_CUT_SHORT);
            return;
        }
        h.seq = b.getInt(off + 4);
        h.ack = b.getInt(off + 8);
        int offsetAndFlags = b.getShort(off + 12) & 0xFFFF;
        h.headerLength = (offsetAndFlags >>> 12) * 4;
        h.flags = offsetAndFlags & TcpFlags.MASK;
        h.window = b.getShort(off + 14) & 0xFFFF;
        h.tcpLevel = FrameHeaders.TCP_HEADER;
        h.tcpBuffer = b;
        h.tcpOffset = off;
        h.tcpEnd = end;
        h.tcpReported = reported;
        if ((h.flags & TcpFlags.RES) != 0) {
            h.anomaly(HeaderAnomaly.TCP_RESERVED_BITS);
        }
        if (!h.fragmented && !h.inErrorPacket && reported < h.headerLength) {
            h.anomaly(HeaderAnomaly.TCP_SHORT_SEGMENT);
        }
        if (h.headerLength < MIN_HEADER) {
            h.anomaly(HeaderAnomaly.TCP_BAD_HEADER_LENGTH);
            return;
        }
        if ((h.flags & TcpFlags.ACK) == 0 && h.ack != 0) {
            h.anomaly(HeaderAnomaly.TCP_ACK_NONZERO_WITHOUT_ACK);
        }
        if (avail < MIN_HEADER) {
            h.anomaly(HeaderAnomaly.TCP_HEADER_CUT_SHORT);
            return;
        }
        if (h.headerLength > MIN_HEADER) {
            h.options.parse(h, b, off + MIN_HEADER, h.headerLength - MIN_HEADER, end);
        }
        h.headerComplete = !h.has(HeaderAnomaly.TCP_OPTIONS_CUT_SHORT);
    }
}
