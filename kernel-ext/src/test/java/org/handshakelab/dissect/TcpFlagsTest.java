package org.handshakelab.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TcpFlagsTest {

    @Test
    void hexIsFourDigitsAsTsharkPrintsIt() {
        assertEquals("0x0012", TcpFlags.hex(TcpFlags.SYN | TcpFlags.ACK));
        assertEquals("0x0000", TcpFlags.hex(0));
        assertEquals("0x0fff", TcpFlags.hex(0xFFF));
        assertEquals("0x0194", TcpFlags.hex(TcpFlags.AE | TcpFlags.CWR | TcpFlags.ACK | TcpFlags.RST));
    }

    @Test
    void namesAreListedLowBitFirstAsInWiresharksInfoColumn() {
        assertEquals("SYN, ACK", TcpFlags.names(TcpFlags.SYN | TcpFlags.ACK));
        assertEquals("SYN, ECE, CWR, AE", TcpFlags.names(TcpFlags.SYN | TcpFlags.ECE | TcpFlags.CWR | TcpFlags.AE));
        assertEquals("<None>", TcpFlags.names(0));
        assertEquals("FIN, Reserved", TcpFlags.names(TcpFlags.FIN | 0x200));
    }

    @Test
    void aFlagsBitIsFoundByItsWiresharkName() {
        assertEquals(TcpFlags.SYN, TcpFlags.bit("SYN"));
        assertEquals(TcpFlags.AE, TcpFlags.bit("AE"));
        assertEquals(TcpFlags.FIN, TcpFlags.bit("FIN"));
        assertEquals(0, TcpFlags.bit("syn"), "names are Wireshark's, upper case");
        assertEquals(0, TcpFlags.bit("NS"));
    }

    @Test
    void outOfRangeFlagsAreRejectedWithTheLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TcpFlags.hex(0x1000));
        assertTrue(e.getMessage().contains("0..0xfff"), e.getMessage());
    }
}
