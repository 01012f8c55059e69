package org.handshakelab.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The table itself; {@link CodeLookupTest} checks every code enum's lookup against a scan of its values. */
class CodeTableTest {

    private enum Sample {
        A(0), B(7), C(7), D(255), E(256), F(0xFAFA), G(-3);

        private final int code;

        Sample(int code) {
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    private static final CodeTable<Sample> CODES = CodeTable.of(Sample.values(), Sample::code);

    @Test
    void findsEachCodeAndTheFirstListedOfASharedOne() {
        assertEquals(Optional.of(Sample.A), CODES.find(0));
        assertEquals(Optional.of(Sample.B), CODES.find(7));
        assertEquals(Optional.of(Sample.D), CODES.find(255));
        assertEquals(Optional.of(Sample.E), CODES.find(256));
        assertEquals(Optional.of(Sample.F), CODES.find(0xFAFA));
        assertEquals(Optional.of(Sample.G), CODES.find(-3));
        assertEquals(Optional.empty(), CODES.find(1));
        assertEquals(Optional.empty(), CODES.find(300));
        assertEquals(Optional.empty(), CODES.find(Integer.MIN_VALUE));
    }
}
