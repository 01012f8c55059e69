package org.handshakelab.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkTypeTest {

    @Test
    void platformRawValuesTwelveAndFourteenMeanRawIp() {
        assertEquals(Optional.of(LinkType.RAW), LinkType.of(12));
        assertEquals(Optional.of(LinkType.RAW), LinkType.of(14));
        assertEquals(Optional.of(LinkType.RAW), LinkType.of(101));
    }

    @Test
    void namesFollowTheLinkTypeRegistry() {
        assertEquals("LINKTYPE_LINUX_SLL2", LinkType.nameOf(276));
        assertEquals("LINKTYPE_NULL", LinkType.nameOf(0));
        assertEquals("LINKTYPE_LOOP", LinkType.nameOf(108));
        assertEquals("LINKTYPE_IPV4", LinkType.nameOf(228));
        assertEquals("LINKTYPE_IPV6", LinkType.nameOf(229));
        assertEquals("LINKTYPE_9999", LinkType.nameOf(9999));
        assertTrue(LinkType.of(9999).isEmpty());
    }
}
