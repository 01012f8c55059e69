package org.handshakelab.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LiveOptionsTest {

    @Test
    void defaultsAreLoopbackNoFilterFullSnaplenNoLimitsImmediate() {
        LiveOptions o = LiveOptions.defaults();

        assertEquals("lo", o.interfaceName());
        assertEquals("", o.filter());
        assertEquals(262144, o.snaplen());
        assertEquals(0, o.packetLimit());
        assertEquals(Duration.ZERO, o.timeLimit());
        assertTrue(o.immediate());
        assertTrue(o.outputPath().isEmpty());
        assertFalse(o.limited());
    }

    @Test
    void toBuilderKeepsEveryOption() {
        LiveOptions o = LiveOptions.builder().interfaceName("eth0").filter(" tcp port 80 ").snaplen(128)
                .packetLimit(5).timeLimit(Duration.ofSeconds(2)).immediate(false).output(Path.of("x.pcapng"))
                .fallback("http-close").build();

        assertEquals(o, o.toBuilder().build());
        assertEquals("tcp port 80", o.filter());
        assertTrue(o.limited());
    }

    @Test
    void badValuesNameTheParameterTheValueAndTheLimit() {
        assertEquals("snaplen must be 1..262144: 0",
                assertThrows(IllegalArgumentException.class, () -> LiveOptions.builder().snaplen(0).build())
                        .getMessage());
        assertEquals("packetLimit must be >= 0 (0 = no limit): -1",
                assertThrows(IllegalArgumentException.class, () -> LiveOptions.builder().packetLimit(-1).build())
                        .getMessage());
        assertEquals("timeLimit must be >= 0 (0 = no limit): PT-1S", assertThrows(IllegalArgumentException.class,
                () -> LiveOptions.builder().timeLimit(Duration.ofSeconds(-1)).build()).getMessage());
        assertEquals("interfaceName must not be blank: \" \"", assertThrows(IllegalArgumentException.class,
                () -> LiveOptions.builder().interfaceName(" ").build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LiveOptions.builder().fallback("captures/x").build());
    }
}
