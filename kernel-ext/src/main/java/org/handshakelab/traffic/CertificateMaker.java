package org.handshakelab.traffic;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes self-signed X.509 certificates the way the course's openssl command does:
 *
 * <pre>
 * openssl req -x509 -newkey rsa:2048 -keyout server.key -out server.crt -days 365 -nodes \
 *   -subj "/C=US/ST=CA/L=San Francisco/O=MyCompany/CN=localhost" \
 *   -addext "subjectAltName = DNS:localhost,IP:127.0.0.1"
 * </pre>
 *
 * <p>{@link #localhost()} gives exactly that certificate: RSA 2048, sha256WithRSAEncryption, a 159-bit random
 * serial (openssl 3's {@code SERIAL_RAND_BITS}), validity 365 days from now, subject = issuer in the order given,
 * and openssl 3's extensions in its order: subjectKeyIdentifier, authorityKeyIdentifier (key id only),
 * basicConstraints {@code CA:TRUE} (critical), subjectAltName. {@link #builder()} changes subject, names, days.
 */
public final class CertificateMaker {

    /** The subject of the course's command, in openssl's RDN order. */
    public static final String COURSE_SUBJECT = "/C=US/ST=CA/L=San Francisco/O=MyCompany/CN=localhost";

    /** openssl 3 draws serials of this many random bits (apps/lib/apps.c, SERIAL_RAND_BITS). */
    static final int SERIAL_BITS = 159;

    private static final int MAX_DAYS = 36_500;
    private static final Map<String, ASN1ObjectIdentifier> ATTRIBUTES = Map.of(
            "C", BCStyle.C, "ST", BCStyle.ST, "L", BCStyle.L, "O", BCStyle.O, "OU", BCStyle.OU,
            "CN", BCStyle.CN, "EMAILADDRESS", BCStyle.EmailAddress);

    private final Map<ASN1ObjectIdentifier, String> subject;
    private final String subjectText;
    private final List<String> dnsNames;
    private final List<String> ipAddresses;
    private final int days;
    private final int keyBits;

    private CertificateMaker(Builder b) {
        this.subjectText = b.subject;
        this.subject = parseSubject(b.subject);
        this.dnsNames = List.copyOf(b.dnsNames);
        this.ipAddresses = List.copyOf(b.ipAddresses);
        this.days = b.days;
        this.keyBits = b.keyBits;
    }

    /** The course's certificate: CN=localhost with SAN DNS:localhost and IP:127.0.0.1, 365 days, RSA 2048. */
    public static CertifiedKey localhost() {
        return builder().build().make();
    }

    /** A builder preset to the course's command; change what you need. */
    public static Builder builder() {
        return new Builder();
    }

    /** The subject as given, openssl {@code -subj} syntax. */
    public String subject() {
        return subjectText;
    }

    /** The DNS names of the subjectAltName extension. */
    public List<String> dnsNames() {
        return dnsNames;
    }

    /** The IP addresses of the subjectAltName extension. */
    public List<String> ipAddresses() {
        return ipAddresses;
    }

    /** Validity in days from now. */
    public int days() {
        return days;
    }

    /** RSA modulus size in bits. */
    public int keyBits() {
        return keyBits;
    }

    /** Generates a fresh RSA key and a certificate for it, signed by itself. */
    public CertifiedKey make() {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(keyBits, random);
            KeyPair keys = generator.generateKeyPair();

            // openssl stamps "now" at whole seconds (ASN.1 UTCTime has no fractions)
            Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Instant notAfter = notBefore.plus(Duration.ofDays(days));
            X500Name name = x500Name();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(SERIAL_BITS, random),
                    Date.from(notBefore), Date.from(notAfter), name, keys.getPublic());

            // the extensions openssl 3 adds to req -x509 (openssl.cnf v3_ca), in its order, then -addext
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            if (!dnsNames.isEmpty() || !ipAddresses.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames());
            }

            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            return new CertifiedKey(certificate, keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot make a certificate with the JDK's RSA and SHA-256", e);
        }
    }

    private X500Name x500Name() {
        // BCStyle encodes C as PrintableString and the rest as UTF8String, as openssl 3 does
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        subject.forEach(builder::addRDN);
        return builder.build();
    }

    private GeneralNames subjectAltNames() {
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
        for (String ip : ipAddresses) {
            // the raw 4 or 16 bytes, as openssl writes IP: entries
            names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ipBytes(ip))));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static byte[] ipBytes(String ip) {
        if (!ip.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("ipAddress must be an IPv4 or IPv6 literal: " + ip);
        }
        try {
            return InetAddress.getByName(ip).getAddress(); // a literal: no name lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("ipAddress must be an IPv4 or IPv6 literal: " + ip, e);
        }
    }

    private static Map<ASN1ObjectIdentifier, String> parseSubject(String subject) {
        if (subject == null || !subject.startsWith("/") || subject.length() < 2) {
            throw new IllegalArgumentException("subject must look like /C=US/CN=localhost: " + subject);
        }
        Map<ASN1ObjectIdentifier, String> rdns = new LinkedHashMap<>();
        for (String part : subject.substring(1).split("/")) {
            int eq = part.indexOf('=');
            ASN1ObjectIdentifier oid = eq > 0 ? ATTRIBUTES.get(part.substring(0, eq).toUpperCase()) : null;
            if (oid == null || eq == part.length() - 1) {
                throw new IllegalArgumentException("subject part must be one of " + ATTRIBUTES.keySet()
                        + " with a value, like CN=localhost: " + part);
            }
            if (rdns.put(oid, part.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("subject attribute must appear once: " + part);
            }
        }
        return rdns;
    }

    /** Options of a {@link CertificateMaker}; starts as the course's command. */
    public static final class Builder {
        private String subject = COURSE_SUBJECT;
        private List<String> dnsNames = List.of("localhost");
        private List<String> ipAddresses = List.of("127.0.0.1");
        private int days = 365;
        private int keyBits = 2048;

        private Builder() {
        }

        /** openssl {@code -subj} syntax, e.g. {@code /C=US/O=MyCompany/CN=example.org}. */
        public Builder subject(String subject) {
            parseSubject(subject);
            this.subject = subject;
            return this;
        }

        /** DNS names of the subjectAltName (none: no DNS entries). */
        public Builder dnsNames(String... names) {
            for (String n : names) {
                if (n == null || n.isBlank() || n.length() > 253) {
                    throw new IllegalArgumentException("dnsName must be 1..253 characters: " + n);
                }
            }
            this.dnsNames = List.of(names);
            return this;
        }

        /** IP addresses of the subjectAltName (none: no IP entries). */
        public Builder ipAddresses(String... addresses) {
            for (String a : addresses) {
                ipBytes(a);
            }
            this.ipAddresses = List.of(addresses);
            return this;
        }

        /** Validity in days from now, 1..36500 ({@code -days}). */
        public Builder days(int days) {
            if (days < 1 || days > MAX_DAYS) {
                throw new IllegalArgumentException("days must be 1.." + MAX_DAYS + ": " + days);
            }
            this.days = days;
            return this;
        }

        /** RSA key size, 1024..8192 bits in steps of 256 ({@code -newkey rsa:N}). */
        public Builder keyBits(int keyBits) {
            if (keyBits < 1024 || keyBits > 8192 || keyBits % 256 != 0) {
                throw new IllegalArgumentException("keyBits must be 1024..8192 in steps of 256: " + keyBits);
            }
            this.keyBits = keyBits;
            return this;
        }

        /** The maker with these options. */
        public CertificateMaker build() {
            return new CertificateMaker(this);
        }
    }
}
