package org.handshakelab.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;

class CertHostCheckTest {

    private static final X509Certificate COURSE = CertificateMaker.localhost().certificate();
    private static final X509Certificate WILDCARD = CertificateMaker.builder().subject("/CN=www.example.org")
            .dnsNames("*.example.org", "example.net").ipAddresses("::1").keyBits(1024).build().make().certificate();

    @Test
    void courseCertificateNamesLocalhostAndTheLoopbackAddress() {
        assertEquals(List.of("DNS:localhost", "IP:127.0.0.1"), CertHostCheck.names(COURSE));
        assertTrue(CertHostCheck.matches(COURSE, "localhost"));
        assertTrue(CertHostCheck.matches(COURSE, "LocalHost."), "case and a trailing dot do not matter");
        assertTrue(CertHostCheck.matches(COURSE, "127.0.0.1"));
        assertFalse(CertHostCheck.matches(COURSE, "127.0.0.2"));
        assertFalse(CertHostCheck.matches(COURSE, "example.com"));
        assertFalse(CertHostCheck.matches(COURSE, "localhost.example.com"));
    }

    @Test
    void wildcardStandsForExactlyOneLeftMostLabel() {
        assertTrue(CertHostCheck.matches(WILDCARD, "www.example.org"));
        assertFalse(CertHostCheck.matches(WILDCARD, "example.org"), "not the bare domain");
        assertFalse(CertHostCheck.matches(WILDCARD, "a.b.example.org"), "not two labels");
        assertTrue(CertHostCheck.matches(WILDCARD, "example.net"));
    }

    @Test
    void ipLiteralsMatchOnlyIpEntriesAndNamesOnlyDnsEntries() {
        assertTrue(CertHostCheck.matches(WILDCARD, "::1"));
        assertTrue(CertHostCheck.matches(WILDCARD, "0:0:0:0:0:0:0:1"), "compared as addresses");
        assertFalse(CertHostCheck.matches(COURSE, "::1"));
    }

    @Test
    void subjectCommonNameIsNotConsulted() {
        assertFalse(CertHostCheck.matches(WILDCARD, "www.example.org.evil"));
        X509Certificate cnOnly = CertificateMaker.builder().dnsNames().ipAddresses().keyBits(1024).build().make()
                .certificate();
        assertEquals(List.of(), CertHostCheck.names(cnOnly));
        assertFalse(CertHostCheck.matches(cnOnly, "localhost"));
    }

    @Test
    void emptyHostIsRejected() {
        assertEquals("host must not be empty: ",
                assertThrows(IllegalArgumentException.class, () -> CertHostCheck.matches(COURSE, "")).getMessage());
    }
}
