package org.handshakelab.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.handshakelab.dissect.ssh.SshMessageCode;
import org.handshakelab.dissect.tls.TlsCipherSuite;
import org.handshakelab.dissect.tls.TlsExtensionType;
import org.junit.jupiter.api.Test;

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

    @Test
    void everyConstantOfTheEnumsIsFoundByItsCode() {
        for (TlsCipherSuite s : TlsCipherSuite.values()) {
            assertEquals(s.code(), TlsCipherSuite.of(s.code()).orElseThrow().code());
        }
        for (TlsExtensionType t : TlsExtensionType.values()) {
            assertEquals(t.code(), TlsExtensionType.of(t.code()).orElseThrow().code());
        }
        for (SshMessageCode m : SshMessageCode.values()) {
            assertEquals(m.code(), SshMessageCode.of(m.code()).orElseThrow().code());
        }
    }
}
