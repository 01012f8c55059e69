package org.handshakelab.dissect;

import static org.handshakelab.dissect.Packets.dissect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class TcpTest {

    private static final byte[] NONE = new byte[0];

    private static FrameHeaders ip(byte[] tcp) {
        return dissect(228, Packets.ipv4Tcp("192.0.2.1", "192.0.2.2", tcp));
    }

    @Test
    void theFixedHeaderIsReadWithAllTwelveFlagBits() {
        byte[] tcp = Packets.tcp(40000, 443, 0xFFFFFFF0L, 0x80000000L, 0xFFF, 65535, NONE, new byte[7]);
        FrameHeaders h = ip(tcp);
        assertEquals(FrameHeaders.TCP_HEADER, h.tcpLevel());
        assertEquals(40000, h.srcPort());
        assertEquals(443, h.dstPort());
        assertEquals(0xFFFFFFF0, h.seq());
        assertEquals(0x80000000, h.ack());
        assertEquals(0xFFF, h.flags());
        assertEquals(65535, h.window());
        assertEquals(20, h.headerLength());
        assertEquals(7, h.segmentLength());
        assertTrue(h.has(HeaderAnomaly.TCP_RESERVED_BITS));
        assertTrue(h.headerComplete());
    }

    @Test
    void fewerThanFourBytesShowNothingAndFewerThanSixteenOnlyThePorts() {
        byte[] tcp = Packets.tcp(1, 2, 3, 4, TcpFlags.ACK, 5, NONE, NONE);
        byte[] p = Packets.ipv4Tcp("192.0.2.1", "192.0.2.2", tcp);
        FrameHeaders h = FrameHeaders.create().dissect(ByteBuffer.wrap(p), 0, 23, p.length, 228, 1);
        assertEquals(FrameHeaders.TCP_NONE, h.tcpLevel());
        assertTrue(h.has(HeaderAnomaly.TCP_HEADER_CUT_SHORT));
        h = FrameHeaders.create().dissect(ByteBuffer.wrap(p), 0, 35, p.length, 228, 1);
        assertEquals(FrameHeaders.TCP_PORTS, h.tcpLevel());
        assertEquals(2, h.dstPort());
        h = FrameHeaders.create().dissect(ByteBuffer.wrap(p), 0, 36, p.length, 228, 1);
        assertEquals(FrameHeaders.TCP_HEADER, h.tcpLevel());
        assertFalse(h.headerComplete(), "bytes 16..19 (checksum, urgent pointer) are missing");
    }

    @Test
    void aDataOffsetBelowFiveWordsIsBogusAndCountsTheRestAsPayload() {
        byte[] tcp = Packets.tcp(1, 2, 3, 4, TcpFlags.ACK, 5, NONE, new byte[12]);
        tcp[12] = 0x20;
        FrameHeaders h = ip(tcp);
        assertTrue(h.has(HeaderAnomaly.TCP_BAD_HEADER_LENGTH));
        assertEquals(8, h.headerLength());
        assertEquals(24, h.segmentLength(), "Wireshark's tcp.len: reported length minus the bogus header length");
        assertEquals(0, h.payloadCaptured());
    }

    @Test
    void aDataOffsetPastTheSegmentIsAShortSegmentWithoutLength() {
        byte[] tcp = Packets.tcp(1, 2, 3, 4, TcpFlags.ACK, 5, NONE, new byte[4]);
        tcp[12] = (byte) 0x80;
        FrameHeaders h = ip(tcp);
        assertTrue(h.has(HeaderAnomaly.TCP_SHORT_SEGMENT));
        assertEquals(-1, h.segmentLength());
    }

    @Test
    void anAckNumberWithoutTheAckFlagIsReported() {
        FrameHeaders h = ip(Packets.tcp(1, 2, 3, 99, TcpFlags.RST, 0, NONE, NONE));
        assertTrue(h.has(HeaderAnomaly.TCP_ACK_NONZERO_WITHOUT_ACK));
    }

    @Test
    void thePayloadIsWhereTheHeaderEnds() {
        byte[] payload = "hello".getBytes();
        FrameHeaders h = ip(Packets.tcp(1, 2, 3, 4, TcpFlags.PSH | TcpFlags.ACK, 5, Packets.mss(1460), payload));
        assertEquals(24, h.headerLength());
        assertEquals(5, h.payloadCaptured());
        assertEquals('h', h.tcpBuffer().get(h.payloadOffset()));
    }
}
