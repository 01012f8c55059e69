package org.handshakelab.dissect.tls;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * An X.509 certificate (RFC 5280) from a Certificate message, read with the JDK's
 * {@link CertificateFactory}. A certificate the JDK cannot read keeps its bytes and says why in
 * {@link #problem()}; every other field is then empty.
 *
 * @param subject              the subject, most specific first ("CN=example.ulfheim.net,C=US")
 * @param issuer               the issuer, same form
 * @param subjectAttributes    the subject's attributes in encoded order ({@code x509sat.*})
 * @param issuerAttributes     the issuer's attributes in encoded order
 * @param subjectAltNames      subjectAltName entries as "DNS:name", "IP:addr", "email:x", "URI:x"
 * @param notBefore            start of validity, or null
 * @param notAfter             end of validity, or null
 * @param serialNumber         the serial number in hex ({@code x509af.serialNumber})
 * @param publicKeyAlgorithm   "RSA", "EC", "Ed25519", ...
 * @param publicKeyBits        the key size in bits (RSA modulus, EC field), 0 when unknown
 * @param signatureAlgorithm   the JDK's name for the signature algorithm, e.g. SHA256withRSA
 * @param signatureAlgorithmOid its OID ({@code x509af.algorithm.id}), e.g. 1.2.840.113549.1.1.11
 * @param sha256Fingerprint    SHA-256 of the DER encoding, in hex
 * @param der                  the DER encoding in hex
 * @param problem              why the certificate could not be read, or ""
 */
public record CertificateInfo(String subject, String issuer, List<DnAttribute> subjectAttributes,
                              List<DnAttribute> issuerAttributes, List<String> subjectAltNames, Instant notBefore,
                              Instant notAfter, String serialNumber, String publicKeyAlgorithm, int publicKeyBits,
                              String signatureAlgorithm, String signatureAlgorithmOid, String sha256Fingerprint,
                              String der, String problem) {

    /** Copies the lists and checks the hex. */
    public CertificateInfo {
        subjectAttributes = List.copyOf(subjectAttributes);
        issuerAttributes = List.copyOf(issuerAttributes);
        subjectAltNames = List.copyOf(subjectAltNames);
        HexFormat.of().parseHex(der);
        if (publicKeyBits < 0) {
            throw new IllegalArgumentException("publicKeyBits must be >= 0: " + publicKeyBits);
        }
    }

    /** Reads one DER certificate; never throws on bad bytes (see {@link #problem()}). */
    public static CertificateInfo parse(byte[] der) {
        String hex = HexFormat.of().formatHex(der);
        String fingerprint = sha256(der);
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            return new CertificateInfo("", "", List.of(), List.of(), List.of(), null, null, "", "", 0, "", "",
                    fingerprint, hex, "not a readable X.509 certificate: " + e.getMessage());
        }
        List<DnAttribute> subject = attributes(cert.getSubjectX500Principal());
        List<DnAttribute> issuer = attributes(cert.getIssuerX500Principal());
        PublicKey key = cert.getPublicKey();
        return new CertificateInfo(display(subject), display(issuer), subject, issuer, altNames(cert),
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(),
                HexFormat.of().formatHex(cert.getSerialNumber().toByteArray()), keyAlgorithm(key), keyBits(key),
                cert.getSigAlgName(), cert.getSigAlgOID(), fingerprint, hex, "");
    }

    /** A fresh copy of the DER bytes. */
    public byte[] encoded() {
        return HexFormat.of().parseHex(der);
    }

    /** The DNS names from subjectAltName ({@code x509ce.dNSName}). */
    public List<String> dnsNames() {
        return subjectAltNames.stream().filter(n -> n.startsWith("DNS:")).map(n -> n.substring(4)).toList();
    }

    /** The subject's common name (CN), or "". */
    public String commonName() {
        return subjectAttributes.stream().filter(a -> a.oid().equals("2.5.4.3")).map(DnAttribute::value)
                .reduce((a, b) -> b).orElse("");
    }

    /** An encoded distinguished name (as in CertificateRequest) as text, most specific first; "" if unreadable. */
    static String distinguishedName(byte[] der) {
        try {
            return display(attributes(new X500Principal(der)));
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static List<DnAttribute> attributes(X500Principal principal) {
        List<DnAttribute> list = new ArrayList<>();
        try {
            for (RDN rdn : X500Name.getInstance(principal.getEncoded()).getRDNs()) {
                for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                    String oid = atv.getType().getId();
                    String name = BCStyle.INSTANCE.oidToDisplayName(atv.getType());
                    list.add(new DnAttribute(oid, name != null ? name : oid, text(atv.getValue())));
                }
            }
        } catch (RuntimeException e) {
            list.add(new DnAttribute("", "unreadable", principal.getName()));
        }
        return list;
    }

    private static String text(ASN1Encodable value) {
        return value instanceof ASN1String s ? s.getString() : value.toString();
    }

    private static String display(List<DnAttribute> attributes) {
        List<String> parts = new ArrayList<>();
        for (int i = attributes.size() - 1; i >= 0; i--) {
            parts.add(attributes.get(i).name() + "=" + attributes.get(i).value());
        }
        return String.join(",", parts);
    }

    private static List<String> altNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> entries = cert.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    int kind = (Integer) entry.get(0);
                    Object value = entry.get(1);
                    String prefix = switch (kind) {
                        case 1 -> "email:";
                        case 2 -> "DNS:";
                        case 6 -> "URI:";
                        case 7 -> "IP:";
                        default -> "other(" + kind + "):";
                    };
                    names.add(prefix + (value instanceof byte[] b ? HexFormat.of().formatHex(b) : value));
                }
            }
        } catch (CertificateParsingException | RuntimeException e) {
            names.add("unreadable:" + e.getMessage());
        }
        return names;
    }

    private static String keyAlgorithm(PublicKey key) {
        if (key instanceof EdECPublicKey ed) {
            return ed.getParams().getName();
        }
        if (key instanceof XECPublicKey x && x.getParams() instanceof NamedParameterSpec n) {
            return n.getName();
        }
        return key.getAlgorithm();
    }

    private static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey dsa) {
            return dsa.getParams() == null ? 0 : dsa.getParams().getP().bitLength();
        }
        if (key instanceof EdECPublicKey ed) {
            return "Ed448".equals(ed.getParams().getName()) ? 448 : 255;
        }
        if (key instanceof XECPublicKey x && x.getParams() instanceof NamedParameterSpec n) {
            return "X448".equals(n.getName()) ? 448 : 255;
        }
        return 0;
    }

    private static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
