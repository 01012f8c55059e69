package org.handshakelab.traffic;

import org.handshakelab.TestTools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our certificate against one made by the course's real openssl command, field by field. */
class CertificateMakerTest {

    private static final String OPENSSL = TestTools.find("openssl");
    private static final Pattern HEX_LINE = Pattern.compile("\\s+([0-9a-fA-F]{2}:)*[0-9a-fA-F]{2}:?");

    private static CertifiedKey ours;
    private static CertifiedKey theirs;

    @TempDir
    static Path dir;

    @BeforeAll
    static void makeBoth() {
        ours = CertificateMaker.localhost();
        ours.writeTo(dir.resolve("ours"));
        if (OPENSSL != null) {
            Path d = dir.resolve("openssl");
            TlsTshark.run(List.of("mkdir", "-p", d.toString()));
            TlsTshark.run(List.of(OPENSSL, "req", "-x509", "-newkey", "rsa:2048",
                    "-keyout", d.resolve("server.key").toString(), "-out", d.resolve("server.crt").toString(),
                    "-days", "365", "-nodes", "-subj", "/C=US/ST=CA/L=San Francisco/O=MyCompany/CN=localhost",
                    "-addext", "subjectAltName = DNS:localhost,IP:127.0.0.1"));
            theirs = CertifiedKey.read(d.resolve("server.key"), d.resolve("server.crt"));
        }
    }

    private static void assumeOpenssl() {
        assumeTrue(OPENSSL != null, "openssl not installed (apt-get install openssl)");
    }

    @Test
    void subjectAndIssuerAreTheSameBytesAsOpenssls() {
        assumeOpenssl();
        X509Certificate a = ours.certificate();
        X509Certificate b = theirs.certificate();
        // byte equality also checks RDN order and string types (PrintableString for C, UTF8String for the rest)
        assertArrayEquals(b.getSubjectX500Principal().getEncoded(), a.getSubjectX500Principal().getEncoded());
        assertArrayEquals(b.getIssuerX500Principal().getEncoded(), a.getIssuerX500Principal().getEncoded());
        assertArrayEquals(a.getSubjectX500Principal().getEncoded(), a.getIssuerX500Principal().getEncoded());
        assertEquals("CN=localhost,O=MyCompany,L=San Francisco,ST=CA,C=US", a.getSubjectX500Principal().getName());
    }

    @Test
    void subjectAltNamesKeySignatureAndVersionMatchOpenssl() throws Exception {
        assumeOpenssl();
        X509Certificate a = ours.certificate();
        X509Certificate b = theirs.certificate();
        assertEquals(List.copyOf(b.getSubjectAlternativeNames()), List.copyOf(a.getSubjectAlternativeNames()));
        assertArrayEquals(b.getExtensionValue("2.5.29.17"), a.getExtensionValue("2.5.29.17"), "SAN bytes");
        assertArrayEquals(b.getExtensionValue("2.5.29.19"), a.getExtensionValue("2.5.29.19"), "basicConstraints");
        assertEquals(List.of("DNS:localhost", "IP:127.0.0.1"), CertHostCheck.names(a));
        assertEquals(2048, ((RSAPublicKey) a.getPublicKey()).getModulus().bitLength());
        assertEquals(((RSAPublicKey) b.getPublicKey()).getModulus().bitLength(),
                ((RSAPublicKey) a.getPublicKey()).getModulus().bitLength());
        assertEquals(((RSAPublicKey) b.getPublicKey()).getPublicExponent(),
                ((RSAPublicKey) a.getPublicKey()).getPublicExponent());
        assertEquals("1.2.840.113549.1.1.11", a.getSigAlgOID()); // sha256WithRSAEncryption
        assertEquals(b.getSigAlgOID(), a.getSigAlgOID());
        assertArrayEquals(b.getSigAlgParams(), a.getSigAlgParams());
        assertEquals(b.getVersion(), a.getVersion());
        assertEquals(3, a.getVersion());
    }

    @Test
    void extensionsAreOpensslsInOrderWithTheSameCriticality() throws Exception {
        assumeOpenssl();
        assertEquals(extensionList(theirs.certificate()), extensionList(ours.certificate()));
        assertEquals(List.of("2.5.29.14 false", "2.5.29.35 false", "2.5.29.19 true", "2.5.29.17 false"),
                extensionList(ours.certificate()));
        for (CertifiedKey key : List.of(ours, theirs)) {
            Extensions ext = new X509CertificateHolder(key.certificateDer()).getExtensions();
            BasicConstraints bc = BasicConstraints.fromExtensions(ext);
            assertTrue(bc.isCA());
            assertNull(bc.getPathLenConstraint());
            // RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits; the AKI repeats it and nothing else
            byte[] keyBits = new X509CertificateHolder(key.certificateDer()).getSubjectPublicKeyInfo()
                    .getPublicKeyData().getBytes();
            byte[] ski = SubjectKeyIdentifier.fromExtensions(ext).getKeyIdentifier();
            assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(keyBits), ski);
            AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(ext);
            assertArrayEquals(ski, aki.getKeyIdentifier());
            assertNull(aki.getAuthorityCertIssuer());
            assertNull(aki.getAuthorityCertSerialNumber());
        }
    }

    @Test
    void validityIs365DaysFromNowAndTheSerialIsOpensslsSize() {
        assumeOpenssl();
        for (CertifiedKey key : List.of(ours, theirs)) {
            X509Certificate c = key.certificate();
            assertEquals(Duration.ofDays(365),
                    Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()));
            assertTrue(Duration.between(c.getNotBefore().toInstant(), Instant.now()).abs().toMinutes() < 10);
            assertTrue(c.getSerialNumber().signum() > 0);
            assertTrue(c.getSerialNumber().bitLength() <= CertificateMaker.SERIAL_BITS, "at most 159 bits");
            assertTrue(c.getSerialNumber().toByteArray().length <= 20, "at most 20 bytes (RFC 5280 §4.1.2.2)");
        }
    }

    @Test
    void opensslPrintsOursLikeItsOwnApartFromKeysSerialAndDates() {
        assumeOpenssl();
        List<String> a = masked(TlsTshark.run(List.of(OPENSSL, "x509", "-in",
                dir.resolve("ours/server.crt").toString(), "-noout", "-text")));
        List<String> b = masked(TlsTshark.run(List.of(OPENSSL, "x509", "-in",
                dir.resolve("openssl/server.crt").toString(), "-noout", "-text")));
        assertEquals(b, a);
        assertTrue(a.contains("        Subject: C = US, ST = CA, L = San Francisco, O = MyCompany, CN = localhost"));
        assertTrue(a.contains("            X509v3 Basic Constraints: critical"));
        assertTrue(a.contains("                DNS:localhost, IP Address:127.0.0.1"));
    }

    @Test
    void opensslAcceptsOurKeyFileAndItMatchesTheCertificate() throws Exception {
        assumeOpenssl();
        Path crt = dir.resolve("ours/server.crt");
        Path key = dir.resolve("ours/server.key");
        assertEquals("-----BEGIN PRIVATE KEY-----", Files.readAllLines(key).get(0), "PKCS#8, unencrypted");
        assertEquals(Files.readAllLines(dir.resolve("openssl/server.key")).get(0), Files.readAllLines(key).get(0));
        TlsTshark.run(List.of(OPENSSL, "rsa", "-in", key.toString(), "-check", "-noout"));
        assertEquals(TlsTshark.run(List.of(OPENSSL, "x509", "-in", crt.toString(), "-noout", "-modulus")),
                TlsTshark.run(List.of(OPENSSL, "rsa", "-in", key.toString(), "-noout", "-modulus")));
        assertEquals(List.of(crt + ": OK"),
                TlsTshark.run(List.of(OPENSSL, "verify", "-CAfile", crt.toString(), crt.toString())));
    }

    @Test
    void pemFilesReadBackToTheSameKeyAndCertificate() {
        CertifiedKey back = CertifiedKey.read(dir.resolve("ours/server.key"), dir.resolve("ours/server.crt"));
        assertEquals(ours.certificate(), back.certificate());
        assertArrayEquals(ours.privateKey().getEncoded(), back.privateKey().getEncoded());
        assertTrue(ours.certificatePem().startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertTrue(ours.certificatePem().lines().allMatch(l -> l.length() <= 64), "64-column PEM like openssl");
    }

    @Test
    void toStringShowsSubjectAndKeySizeButNotTheKey() {
        String text = ours.toString();
        assertTrue(text.startsWith("CertifiedKey[CN=localhost,O=MyCompany,L=San Francisco,ST=CA,C=US, RSA 2048, "
                + "valid until "), text);
        assertTrue(!text.contains("exponent") && !text.contains("modulus"), text);
    }

    @Test
    void builderChangesSubjectNamesAndDays() throws Exception {
        CertifiedKey key = CertificateMaker.builder().subject("/O=Elsewhere/CN=example.org")
                .dnsNames("example.org", "*.example.org").ipAddresses().days(30).keyBits(1024).build().make();
        X509Certificate c = key.certificate();
        assertEquals("CN=example.org,O=Elsewhere", c.getSubjectX500Principal().getName());
        assertEquals(List.of("DNS:example.org", "DNS:*.example.org"), CertHostCheck.names(c));
        assertEquals(Duration.ofDays(30), Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()));
        assertEquals(1024, ((RSAPublicKey) c.getPublicKey()).getModulus().bitLength());
        c.verify(c.getPublicKey()); // self-signed
    }

    @Test
    void builderRejectsBadValuesNamingThem() {
        CertificateMaker.Builder b = CertificateMaker.builder();
        assertEquals("days must be 1..36500: 0", assertThrows(IllegalArgumentException.class, () -> b.days(0))
                .getMessage());
        assertEquals("keyBits must be 1024..8192 in steps of 256: 1000",
                assertThrows(IllegalArgumentException.class, () -> b.keyBits(1000)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.subject("CN=x")).getMessage()
                .startsWith("subject must look like /C=US/CN=localhost"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.subject("/XX=1")).getMessage()
                .endsWith(": XX=1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.ipAddresses("localhost")).getMessage()
                .endsWith(": localhost"));
    }

    private static List<String> extensionList(X509Certificate c) throws Exception {
        Extensions ext = new X509CertificateHolder(c.getEncoded()).getExtensions();
        List<String> list = new ArrayList<>();
        for (ASN1ObjectIdentifier oid : ext.getExtensionOIDs()) {
            list.add(oid.getId() + " " + ext.getExtension(oid).isCritical());
        }
        assertEquals(Extension.subjectKeyIdentifier, ext.getExtensionOIDs()[0]);
        return list;
    }

    /** openssl's -text with the parts that differ between any two fresh certificates blanked. */
    private static List<String> masked(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (HEX_LINE.matcher(line).matches()) {
                out.add("<hex>");
            } else if (line.contains("Not Before:") || line.contains("Not After :")) {
                out.add(line.substring(0, line.indexOf(':') + 1) + " <date>");
            } else {
                out.add(line);
            }
        }
        return out;
    }
}
