package org.handshakelab.dissect;

import static org.handshakelab.dissect.Packets.dissect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class LinkLayerTest {

    private static final byte[] TCP = Packets.tcp(1234, 80, 1, 0, TcpFlags.SYN, 1000, new byte[0], new byte[0]);
    private static final byte[] V4 = Packets.ipv4Tcp("192.0.2.1", "192.0.2.2", TCP);
    private static final byte[] V6 = Packets.ipv6("2001:db8::1", "2001:db8::2", 6, TCP);

    private static void assertTcp(FrameHeaders h, int version) {
        assertEquals(FrameHeaders.TCP_HEADER, h.tcpLevel());
        assertEquals(version, h.netVersion());
        assertEquals(1234, h.srcPort());
        assertEquals(80, h.dstPort());
        assertFalse(h.hasAnomalies(), h.anomalies().toString());
    }

    @Test
    void ethernetCarriesIpv4AndIpv6() {
        assertTcp(dissect(1, Packets.ethernet(0x0800, V4)), 4);
        assertTcp(dissect(1, Packets.ethernet(0x86DD, V6)), 6);
    }

    @Test
    void vlanTagsAreSkippedAndTheInnermostIdKept() {
        FrameHeaders h = dissect(1, Packets.ethernet(0x8100, Packets.vlan(42, 0x0800, V4)));
        assertTcp(h, 4);
        assertEquals(42, h.vlanId());
        h = dissect(1, Packets.ethernet(0x88A8, Packets.vlan(7, 0x8100, Packets.vlan(43, 0x86DD, V6))));
        assertTcp(h, 6);
        assertEquals(43, h.vlanId());
    }

    @Test
    void llcSnapHeaderCarriesAnEtherType() {
        byte[] snap = Packets.concat(new byte[] {(byte) 0xAA, (byte) 0xAA, 3, 0, 0, 0, 8, 0}, V4);
        assertTcp(dissect(1, Packets.ethernet(snap.length, snap)), 4);
    }

    @Test
    void nullHeaderIsReadInEitherByteOrder() {
        assertTcp(dissect(0, Packets.loopback(2, ByteOrder.LITTLE_ENDIAN, V4)), 4);
        assertTcp(dissect(0, Packets.loopback(2, ByteOrder.BIG_ENDIAN, V4)), 4);
        for (int family : new int[] {24, 28, 30}) {
            assertTcp(dissect(0, Packets.loopback(family, ByteOrder.LITTLE_ENDIAN, V6)), 6);
            assertTcp(dissect(0, Packets.loopback(family, ByteOrder.BIG_ENDIAN, V6)), 6);
        }
    }

    @Test
    void loopHeaderIsNetworkOrderOnly() {
        assertTcp(dissect(108, Packets.loopback(2, ByteOrder.BIG_ENDIAN, V4)), 4);
        assertTcp(dissect(108, Packets.loopback(30, ByteOrder.BIG_ENDIAN, V6)), 6);
        assertEquals(0, dissect(108, Packets.loopback(2, ByteOrder.LITTLE_ENDIAN, V4)).ipLayers());
    }

    @Test
    void rawLinkTypesStartWithTheIpHeader() {
        for (int type : new int[] {101, 12, 14, 228}) {
            assertTcp(dissect(type, V4), 4);
        }
        assertTcp(dissect(101, V6), 6);
        assertTcp(dissect(229, V6), 6);
        assertTcp(dissect(101, Packets.concat(new byte[10], V4)), 4);
    }

    @Test
    void linuxCookedCapturesCarryAnEtherTypeOrAnEthernetFrame() {
        assertTcp(dissect(113, Packets.sll(0x0800, V4)), 4);
        assertTcp(dissect(113, Packets.sll(0x86DD, V6)), 6);
        assertTcp(dissect(276, Packets.sll2(0x0800, V4)), 4);
        assertTcp(dissect(113, Packets.sll(3, Packets.ethernet(0x0800, V4))), 4);
    }

    @Test
    void unknownLinkTypesAndEtherTypesGiveNoIp() {
        assertEquals(0, dissect(147, V4).ipLayers());
        assertEquals(0, dissect(1, Packets.ethernet(0x0806, V4)).ipLayers());
    }

    @Test
    void aCutLinkHeaderIsAnAnomalyNotAnException() {
        for (int type : new int[] {1, 0, 108, 113, 276}) {
            FrameHeaders h = dissect(type, new byte[3]);
            assertTrue(h.has(HeaderAnomaly.LINK_HEADER_CUT_SHORT), "link type " + type);
            assertEquals(FrameHeaders.TCP_NONE, h.tcpLevel());
        }
    }
}
