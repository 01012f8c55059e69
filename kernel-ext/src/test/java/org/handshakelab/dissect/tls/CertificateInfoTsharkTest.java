package org.handshakelab.dissect.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.handshakelab.dissect.AppProtocolsCorpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The certificates the JDK reads out of Certificate messages, field by field against tshark's X.509 dissector:
 * serial numbers, subjectAltName DNS names, algorithm OIDs, validity, every name attribute, RSA key sizes.
 * (it13's certificate is encrypted; without the key log neither side sees it.)
 */
class CertificateInfoTsharkTest {

    private static final DateTimeFormatter TSHARK_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '(UTC)'").withZone(ZoneOffset.UTC);

    private static final List<String> STRING_FIELDS = List.of("x509sat.printableString", "x509sat.uTF8String",
            "x509sat.CountryName", "x509sat.IA5String", "x509sat.teletexString", "x509sat.bmpString",
            "x509sat.universalString");

    @ParameterizedTest
    @ValueSource(strings = {"it12-capture.pcap", "zk-tls1.2.pcap", "zk-certificate-request-failed.pcap"})
    void certificateFieldsMatchTshark(String name) {
        Path file = AppProtocolsCorpus.file(name);
        List<String> args = new ArrayList<>(List.of("-Y", "tls.handshake.type==11", "-T", "fields", "-E",
                "occurrence=a", "-E", "aggregator=|", "-e", "frame.number", "-e", "x509af.serialNumber", "-e",
                "x509ce.dNSName", "-e", "x509af.algorithm.id", "-e", "x509af.utcTime", "-e",
                "x509af.generalizedTime", "-e", "pkcs1.modulus"));
        STRING_FIELDS.forEach(f -> args.addAll(List.of("-e", f)));
        Map<Integer, String> expected = new TreeMap<>();
        for (String line : AppProtocolsCorpus.tshark(file, args.toArray(String[]::new))) {
            String[] cells = line.split("\t", -1);
            List<String> strings = new ArrayList<>();
            for (int i = 7; i < cells.length; i++) {
                strings.addAll(split(cells[i]));
            }
            List<String> times = new ArrayList<>(split(cells[4]));
            times.addAll(split(cells[5]));
            List<String> bits = split(cells[6]).stream().map(h -> Integer.toString(new BigInteger(h, 16).bitLength()))
                    .toList();
            expected.put(Integer.parseInt(cells[0]), String.join("\n", cells[1], cells[2], cells[3],
                    sorted(times), String.join("|", bits), sorted(strings)));
        }
        assertFalse(expected.isEmpty(), "tshark found no Certificate message in " + name);

        AppProtocolsCorpus.RecordingSink sink = AppProtocolsCorpus.dissect(file, TlsDissector::create);
        Map<Integer, List<Object>> byFrame = new TreeMap<>();
        sink.framed.forEach(m -> byFrame.computeIfAbsent(m.frame(), f -> new ArrayList<>()).add(m.message()));
        Map<Integer, String> actual = new TreeMap<>();
        byFrame.forEach((frame, messages) -> {
            List<CertificateInfo> certs = messages.stream().filter(CertificateMessage.class::isInstance)
                    .flatMap(m -> ((CertificateMessage) m).certificates().stream()).toList();
            if (messages.stream().noneMatch(CertificateMessage.class::isInstance)) {
                return;
            }
            List<String> serials = new ArrayList<>();
            List<String> dns = new ArrayList<>();
            List<String> oids = new ArrayList<>();
            List<String> times = new ArrayList<>();
            List<String> bits = new ArrayList<>();
            List<String> strings = new ArrayList<>();
            for (CertificateInfo c : certs) {
                assertEquals("", c.problem());
                serials.add(c.serialNumber());
                dns.addAll(c.dnsNames());
                String keyOid = org.bouncycastle.asn1.x509.Certificate.getInstance(c.encoded())
                        .getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId();
                oids.addAll(List.of(c.signatureAlgorithmOid(), keyOid, c.signatureAlgorithmOid()));
                times.add(TSHARK_TIME.format(c.notBefore()));
                times.add(TSHARK_TIME.format(c.notAfter()));
                if (c.publicKeyAlgorithm().equals("RSA")) {
                    bits.add(Integer.toString(c.publicKeyBits()));
                }
                c.issuerAttributes().forEach(a -> strings.add(a.value()));
                c.subjectAttributes().forEach(a -> strings.add(a.value()));
                strings.addAll(authorityCertIssuer(c));
            }
            messages.stream().filter(CertificateRequest.class::isInstance)
                    .flatMap(m -> ((CertificateRequest) m).certificateAuthorities().stream())
                    .forEach(dn -> Arrays.stream(dn.split(",")).forEach(p -> strings.add(p.substring(p.indexOf('=') + 1))));
            actual.put(frame, String.join("\n", String.join("|", serials), String.join("|", dns),
                    String.join("|", oids), sorted(times), String.join("|", bits), sorted(strings)));
        });
        assertEquals(expected, actual, name);
    }

    /**
     * tshark also shows the names inside the authorityKeyIdentifier extension (RFC 5280 §4.2.1.1), which
     * CertificateInfo does not keep; read them with BouncyCastle to compare like with like.
     */
    private static List<String> authorityCertIssuer(CertificateInfo c) {
        List<String> values = new ArrayList<>();
        org.bouncycastle.asn1.x509.Extensions extensions = org.bouncycastle.asn1.x509.Certificate
                .getInstance(c.encoded()).getTBSCertificate().getExtensions();
        org.bouncycastle.asn1.x509.AuthorityKeyIdentifier aki = extensions == null ? null
                : org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.fromExtensions(extensions);
        if (aki != null && aki.getAuthorityCertIssuer() != null) {
            for (org.bouncycastle.asn1.x509.GeneralName n : aki.getAuthorityCertIssuer().getNames()) {
                if (n.getTagNo() == org.bouncycastle.asn1.x509.GeneralName.directoryName) {
                    for (org.bouncycastle.asn1.x500.RDN rdn
                            : org.bouncycastle.asn1.x500.X500Name.getInstance(n.getName()).getRDNs()) {
                        values.add(((org.bouncycastle.asn1.ASN1String) rdn.getFirst().getValue()).getString());
                    }
                }
            }
        }
        return values;
    }

    private static List<String> split(String cell) {
        return cell.isEmpty() ? List.of() : List.of(cell.split("\\|"));
    }

    private static String sorted(List<String> values) {
        return String.join("|", values.stream().sorted().toList());
    }
}
