package org.handshakelab.dissect;

import static org.handshakelab.dissect.Packets.dissect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IpTest {

    private static final byte[] NONE = new byte[0];

    private static byte[] tcp(int payload) {
        return Packets.tcp(1234, 80, 100, 200, TcpFlags.ACK, 1000, NONE, new byte[payload]);
    }

    @Test
    void ipv4AddressesAreShownAndBelongToTheSegment() {
        FrameHeaders h = dissect(228, Packets.ipv4Tcp("192.0.2.1", "198.51.100.7", tcp(0)));
        assertEquals(1, h.ipLayers());
        assertEquals(0xC0000201, h.ip4Src(0));
        assertEquals(0xC6336407, h.ip4Dst(0));
        assertTrue(h.ipSrcShown(0) && h.ipDstShown(0));
        assertEquals(0xC6336407, h.netDst4());
    }

    @Test
    void totalLengthBoundsTheSegmentSoEthernetPaddingIsNotPayload() {
        byte[] frame = Packets.concat(Packets.ethernet(0x0800, Packets.ipv4Tcp("192.0.2.1", "192.0.2.2", tcp(0))),
                new byte[6]);
        FrameHeaders h = dissect(1, frame);
        assertEquals(0, h.segmentLength());
        assertEquals(0, h.payloadCaptured());
    }

    @Test
    void totalLengthZeroMeansSegmentationOffloadAndUsesTheFrame() {
        byte[] p = Packets.ipv4Tcp("192.0.2.1", "192.0.2.2", tcp(10));
        p[2] = 0;
        p[3] = 0;
        assertEquals(10, dissect(228, p).segmentLength());
    }

    @Test
    void badHeaderLengthOrTotalLengthStopsBeforeTheAddresses() {
        byte[] p = Packets.ipv4Tcp("192.0.2.1", "192.0.2.2", tcp(0));
        p[0] = 0x44;
        FrameHeaders h = dissect(228, p);
        assertTrue(h.has(HeaderAnomaly.IPV4_BAD_HEADER_LENGTH));
        assertEquals(0, h.ipLayers());
        p = Packets.ipv4Tcp("192.0.2.1", "192.0.2.2", tcp(0));
        p[3] = 12;
        h = dissect(228, p);
        assertTrue(h.has(HeaderAnomaly.IPV4_TOTAL_LENGTH_BELOW_HEADER));
        assertEquals(0, h.ipLayers());
    }

    @Test
    void totalLengthPastTheFrameIsAnAnomalyAndTheFrameBoundsTheSegment() {
        byte[] p = Packets.ipv4Tcp("192.0.2.1", "192.0.2.2", tcp(10));
        p[2] = 5;
        FrameHeaders h = dissect(228, p);
        assertTrue(h.has(HeaderAnomaly.IPV4_TOTAL_LENGTH_PAST_FRAME));
        assertEquals(10, h.segmentLength());
    }

    @Test
    void aLaterFragmentHasNoTcpAndTheCompletingOneHasTheWholeSegment() {
        byte[] seg = tcp(40);
        FrameHeaders h = FrameHeaders.create();
        byte[] f1 = Packets.ipv4("192.0.2.1", "192.0.2.2", 6, 9, 0x2000, NONE, Arrays.copyOf(seg, 32));
        byte[] f2 = Packets.ipv4("192.0.2.1", "192.0.2.2", 6, 9, 4, NONE, Arrays.copyOfRange(seg, 32, seg.length));
        h.dissect(ByteBuffer.wrap(f2), 0, f2.length, f2.length, 228, 1);
        assertEquals(FrameHeaders.TCP_NONE, h.tcpLevel());
        assertTrue(h.has(HeaderAnomaly.IP_FRAGMENT));
        h.dissect(ByteBuffer.wrap(f1), 0, f1.length, f1.length, 228, 2);
        assertEquals(FrameHeaders.TCP_HEADER, h.tcpLevel());
        assertEquals(40, h.segmentLength());
        assertEquals(40, h.payloadCaptured());
    }

    @Test
    void aFirstFragmentCutByTheCaptureIsDissectedAsFragmented() {
        byte[] p = Packets.ipv4("192.0.2.1", "192.0.2.2", 6, 9, 0x2000, NONE, tcp(40));
        FrameHeaders h = FrameHeaders.create().dissect(ByteBuffer.wrap(p), 0, 50, p.length, 228, 1);
        assertEquals(FrameHeaders.TCP_HEADER, h.tcpLevel());
        assertTrue(h.fragmented());
        assertEquals(-1, h.segmentLength());
    }

    @Test
    void ipv6ExtensionHeadersLeadToTcp() {
        byte[] ext = Packets.concat(Packets.extension(60, new byte[] {1, 4, 0, 0, 0, 0}),
                Packets.extension(6, new byte[] {1, 4, 0, 0, 0, 0}), tcp(5));
        FrameHeaders h = dissect(229, Packets.ipv6("2001:db8::1", "2001:db8::2", 0, ext));
        assertEquals(FrameHeaders.TCP_HEADER, h.tcpLevel());
        assertEquals(5, h.segmentLength());
        assertFalse(h.ipSrcShown(0), "Wireshark's ip.src is IPv4 only");
    }

    @Test
    void anIpv6ExtensionRunningPastThePacketIsAnAnomaly() {
        byte[] ext = new byte[] {6, 9, 0, 0, 0, 0, 0, 0};
        FrameHeaders h = dissect(229, Packets.ipv6("2001:db8::1", "2001:db8::2", 60, ext));
        assertTrue(h.has(HeaderAnomaly.IPV6_EXTENSION_CUT_SHORT));
        assertEquals(FrameHeaders.TCP_NONE, h.tcpLevel());
    }

    @Test
    void anIcmpErrorQuotesTheDatagramAsASecondIpLayer() {
        byte[] quoted = Packets.ipv4Tcp("192.0.2.1", "192.0.2.2", tcp(0));
        byte[] icmp = Packets.concat(new byte[] {3, 3, 0, 0, 0, 0, 0, 0}, Arrays.copyOf(quoted, 28));
        FrameHeaders h = dissect(228, Packets.ipv4("192.0.2.2", "192.0.2.1", 1, 1, 0, NONE, icmp));
        assertEquals(2, h.ipLayers());
        assertEquals(0xC0000201, h.ip4Src(1));
        assertTrue(h.inErrorPacket());
        assertEquals(FrameHeaders.TCP_PORTS, h.tcpLevel());
        assertTrue(h.seqShownEarly());
        assertEquals(100, h.seq());
    }

    @Test
    void tunnelsAddLayersAndTheInnerHeaderOwnsTheSegment() {
        byte[] inner = Packets.ipv4Tcp("10.0.0.1", "10.0.0.2", tcp(0));
        FrameHeaders h = dissect(228, Packets.ipv4("192.0.2.1", "192.0.2.2", 4, 1, 0, NONE, inner));
        assertEquals(2, h.ipLayers());
        assertEquals(0x0A000001, h.netSrc4());
        h = dissect(228, Packets.ipv4("192.0.2.1", "192.0.2.2", 47, 1, 0, NONE,
                Packets.concat(new byte[] {0, 0, 8, 0}, inner)));
        assertEquals(2, h.ipLayers());
        assertEquals(FrameHeaders.TCP_HEADER, h.tcpLevel());
    }
}
