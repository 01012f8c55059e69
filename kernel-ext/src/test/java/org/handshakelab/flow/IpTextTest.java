package org.handshakelab.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.handshakelab.dissect.Packets;
import org.junit.jupiter.api.Test;

class IpTextTest {

    private static String v6(String literal) {
        ByteBuffer b = ByteBuffer.wrap(Packets.addr(literal));
        return IpText.ipv6(b.getLong(), b.getLong());
    }

    @Test
    void ipv4IsADottedQuad() {
        assertEquals("192.0.2.255", IpText.ipv4(0xC00002FF));
        assertEquals("0.0.0.0", IpText.ipv4(0));
    }

    @Test
    void ipv6CompressesTheLongestZeroRunAsInetNtopDoes() {
        assertEquals("2001:db8::1", v6("2001:db8:0:0:0:0:0:1"));
        assertEquals("::1", v6("::1"));
        assertEquals("::", v6("::"));
        assertEquals("2001:db8::1:0:0:1", v6("2001:db8:0:0:1:0:0:1"));
        assertEquals("2001:db8:0:1:1:1:1:1", v6("2001:db8:0:1:1:1:1:1"));
        assertEquals("fe80::", v6("fe80::"));
        assertEquals("::ffff:192.0.2.1", IpText.ipv6(0, 0x0000FFFFC0000201L), "IPv4-mapped");
        assertEquals("::192.0.2.1", IpText.ipv6(0, 0xC0000201L), "IPv4-compatible");
    }

    @Test
    void addressTableInternsEachAddressOnce() {
        AddressTable t = AddressTable.create();
        int a = t.ipv4(0x7F000001);
        int b = t.ipv6(0x20010db800000000L, 1);
        assertEquals(a, t.ipv4(0x7F000001));
        assertEquals(b, t.ipv6(0x20010db800000000L, 1));
        assertEquals(2, t.size());
        assertEquals("127.0.0.1", t.format(a));
        assertEquals("2001:db8::1", t.format(b));
        for (int i = 0; i < 10000; i++) {
            assertEquals(i + 2, t.ipv4(0x0A000000 + i));
        }
        assertEquals(4, t.version(a));
    }
}
