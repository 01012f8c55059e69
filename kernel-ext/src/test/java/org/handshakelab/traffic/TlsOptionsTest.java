package org.handshakelab.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TlsOptionsTest {

    private static final CertifiedKey KEY = CertificateMaker.localhost();

    @Test
    void defaultsAreTls13WithAes128GcmForLocalhostClientClosingFirst() {
        TlsOptions o = TlsOptions.builder().serverKey(KEY).build();
        assertEquals(TlsVersion.TLS_1_3, o.version());
        assertEquals(TlsCipherSuite.AES_128_GCM_SHA256, o.cipherSuite());
        assertEquals("localhost", o.serverName());
        assertEquals("/", o.path());
        assertEquals(TlsSide.CLIENT, o.closeFirst());
        assertEquals(0, o.port());
        assertSame(KEY.certificate(), o.pinnedCertificate(), "the client trusts the certificate the lab made");
    }

    @Test
    void versionPicksItsDefaultSuiteAndASuitePicksItsVersion() {
        assertEquals(TlsCipherSuite.ECDHE_RSA_AES_128_GCM_SHA256,
                TlsOptions.builder().serverKey(KEY).version(TlsVersion.TLS_1_2).build().cipherSuite());
        assertEquals(TlsVersion.TLS_1_2, TlsOptions.builder().serverKey(KEY)
                .cipherSuite(TlsCipherSuite.ECDHE_RSA_CHACHA20_POLY1305_SHA256).build().version());
        assertEquals("ECDHE-RSA-AES128-GCM-SHA256", TlsCipherSuite.ECDHE_RSA_AES_128_GCM_SHA256.opensslName());
        assertEquals(0x1303, TlsCipherSuite.CHACHA20_POLY1305_SHA256.code());
    }

    @Test
    void suiteOfTheOtherVersionIsRejectedNamingBoth() {
        TlsOptions.Builder b = TlsOptions.builder().serverKey(KEY).cipherSuite(TlsCipherSuite.AES_256_GCM_SHA384)
                .version(TlsVersion.TLS_1_2);
        assertEquals("cipherSuite must be a TLSv1.2 suite: TLS_AES_256_GCM_SHA384 is TLSv1.3",
                assertThrows(IllegalArgumentException.class, b::build).getMessage());
    }

    @Test
    void badValuesAreRejectedNamingParameterAndValue() {
        TlsOptions.Builder b = TlsOptions.builder();
        assertEquals("port must be 0..65535: 70000",
                assertThrows(IllegalArgumentException.class, () -> b.port(70_000)).getMessage());
        assertEquals("timeout must be 1 ms..PT5M: PT10M",
                assertThrows(IllegalArgumentException.class, () -> b.timeout(Duration.ofMinutes(10))).getMessage());
        assertEquals("path must start with / and be 1..2048 visible characters: x",
                assertThrows(IllegalArgumentException.class, () -> b.path("x")).getMessage());
        assertEquals("serverName must be 1..253 of letters, digits, '.', '-', ':': a b",
                assertThrows(IllegalArgumentException.class, () -> b.serverName("a b")).getMessage());
    }

    @Test
    void toBuilderKeepsEverything() {
        TlsOptions o = TlsOptions.builder().serverKey(KEY).cipherSuite(TlsCipherSuite.AES_256_GCM_SHA384)
                .serverName("127.0.0.1").path("/x").body("b").closeFirst(TlsSide.SERVER)
                .timeout(Duration.ofSeconds(3)).port(1234).build();
        assertEquals(o.toString(), o.toBuilder().build().toString());
        assertSame(o.serverKey(), o.toBuilder().build().serverKey());
    }
}
