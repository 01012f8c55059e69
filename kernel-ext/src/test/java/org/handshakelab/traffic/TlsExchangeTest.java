package org.handshakelab.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TlsExchangeTest {
    @Test
    void smoke() {
        for (TlsVersion v : TlsVersion.values()) {
            TlsExchange e = TlsExchange.run(TlsOptions.builder().version(v).build());
            System.out.println(e.version() + " " + e.cipherSuite() + " " + e.closeOrder() + "\n" + e.keyLog() + e.server().keyLog() + e.response() + "\n" + e.request() + e.client().alerts() + e.server().alerts());
            assertEquals(e.client().keyLog(), e.server().keyLog());
        }
    }
}
