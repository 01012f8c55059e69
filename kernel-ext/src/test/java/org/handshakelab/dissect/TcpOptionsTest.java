package org.handshakelab.dissect;

import static org.handshakelab.dissect.Packets.dissect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class TcpOptionsTest {

    private static FrameHeaders withOptions(byte[] options) {
        byte[] tcp = Packets.tcp(1, 2, 3, 0, TcpFlags.SYN, 5, options, new byte[0]);
        return dissect(228, Packets.ipv4Tcp("192.0.2.1", "192.0.2.2", tcp));
    }

    @Test
    void theUsualSynOptionsAreRead() {
        FrameHeaders h = withOptions(Packets.concat(Packets.mss(1460), Packets.sackPermitted(),
                Packets.timestamps(0xDEADBEEF, 7), Packets.wscale(7)));
        TcpOptions o = h.options();
        assertEquals(1460, o.mss());
        assertTrue(o.sackPermitted());
        assertTrue(o.hasTimestamps());
        assertEquals(0xDEADBEEF, o.tsValue());
        assertEquals(7, o.tsEcho());
        assertEquals(7, o.windowScale());
        assertFalse(h.hasAnomalies(), h.anomalies().toString());
    }

    @Test
    void sackBlocksAreRead() {
        TcpOptions o = withOptions(Packets.sack(100, 200, 300, 400)).options();
        assertEquals(2, o.sackBlocks());
        assertEquals(300, o.sackLeft(1));
        assertEquals(400, o.sackRight(1));
    }

    @Test
    void aShiftAboveFourteenIsUsedAsFourteen() {
        assertEquals(14, withOptions(Packets.wscale(20)).options().windowScale());
    }

    @Test
    void aLengthBelowTwoStopsTheWalk() {
        FrameHeaders h = withOptions(new byte[] {99, 1, 2, 4, 5, (byte) 0xb4});
        assertTrue(h.has(HeaderAnomaly.TCP_OPTION_BAD_LENGTH));
        assertEquals(-1, h.options().mss());
    }

    @Test
    void anOptionRunningPastTheHeaderStopsTheWalk() {
        FrameHeaders h = withOptions(new byte[] {1, 2, 9, 1});
        assertTrue(h.has(HeaderAnomaly.TCP_OPTION_BAD_LENGTH));
    }

    @Test
    void aFixedLengthOptionWithAnotherLengthIsSkipped() {
        FrameHeaders h = withOptions(new byte[] {3, 4, 7, 0, 2, 4, 5, (byte) 0xb4});
        assertTrue(h.has(HeaderAnomaly.TCP_OPTION_BAD_LENGTH));
        assertEquals(-1, h.options().windowScale());
        assertEquals(1460, h.options().mss());
    }

    @Test
    void nonZeroBytesAfterEndOfListAreReported() {
        assertTrue(withOptions(new byte[] {0, 1, 0, 0}).has(HeaderAnomaly.TCP_OPTION_AFTER_EOL));
        assertFalse(withOptions(new byte[] {1, 0, 0, 0}).hasAnomalies());
    }

    @Test
    void unknownKindsAreCountedAndSkipped() {
        TcpOptions o = withOptions(new byte[] {99, 4, 0, 0, 2, 4, 5, (byte) 0xb4}).options();
        assertEquals(1, o.others());
        assertEquals(1460, o.mss());
    }

    @Test
    void optionsCutByTheCaptureStopTheWalk() {
        byte[] tcp = Packets.tcp(1, 2, 3, 4, TcpFlags.SYN, 5, Packets.concat(Packets.mss(1460), Packets.wscale(3)),
                new byte[0]);
        byte[] p = Packets.ipv4Tcp("192.0.2.1", "192.0.2.2", tcp);
        FrameHeaders h = FrameHeaders.create().dissect(ByteBuffer.wrap(p), 0, 46, p.length, 228, 1);
        assertTrue(h.has(HeaderAnomaly.TCP_OPTIONS_CUT_SHORT));
        assertEquals(1460, h.options().mss());
        assertEquals(-1, h.options().windowScale());
        assertFalse(h.headerComplete());
    }
}
