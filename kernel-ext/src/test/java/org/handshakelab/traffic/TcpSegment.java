package org.handshakelab.traffic;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.handshakelab.capture.Frame;
import org.handshakelab.capture.LinkType;

/**
 * The few TCP/IP fields the traffic tests check, read inline from an Ethernet/IPv4 frame (the dissector is
 * another stage). Null when the frame is not Ethernet, IPv4 and TCP.
 */
record TcpSegment(int srcPort, int dstPort, int flags, byte[] payload) {

    static final int FIN = 0x001;
    static final int SYN = 0x002;
    static final int RST = 0x004;
    static final int ACK = 0x010;
    static final int SYN_ACK = SYN | ACK;
    static final int RST_ACK = RST | ACK;

    static TcpSegment of(Frame frame) {
        ByteBuffer b = frame.buffer();
        if (frame.linkType() != LinkType.ETHERNET.code() || b.limit() < 14 + 20 + 20
                || (b.getShort(12) & 0xFFFF) != 0x0800 || b.get(14 + 9) != 6) {
            return null;
        }
        int ip = 14;
        int total = b.getShort(ip + 2) & 0xFFFF;
        int tcp = ip + (b.get(ip) & 0x0F) * 4;
        int dataOffset = ((b.get(tcp + 12) & 0xF0) >> 4) * 4;
        int flags = ((b.get(tcp + 12) & 0x01) << 8) | (b.get(tcp + 13) & 0xFF);
        byte[] payload = new byte[Math.max(0, ip + total - tcp - dataOffset)];
        b.get(tcp + dataOffset, payload);
        return new TcpSegment(b.getShort(tcp) & 0xFFFF, b.getShort(tcp + 2) & 0xFFFF, flags, payload);
    }

    boolean has(int flag) {
        return (flags & flag) == flag;
    }

    String text() {
        return new String(payload, StandardCharsets.US_ASCII);
    }

    /** As tshark prints {@code tcp.flags}. */
    String hexFlags() {
        return String.format("0x%04x", flags);
    }
}
