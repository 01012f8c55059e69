package org.handshakelab.traffic;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.handshakelab.LabException;

/**
 * A certificate and its private key: what a TLS server presents and signs with.
 *
 * <p>Written as two PEM files the way {@code openssl req -x509 -nodes} writes them: {@code server.key} holds the
 * unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}), {@code server.crt} the certificate.
 *
 * @param certificate the X.509 certificate
 * @param privateKey  the private key matching the certificate's public key
 */
public record CertifiedKey(X509Certificate certificate, PrivateKey privateKey) {

    /** Default file name of the private key, as in the course's openssl command. */
    public static final String KEY_FILE = "server.key";
    /** Default file name of the certificate, as in the course's openssl command. */
    public static final String CERTIFICATE_FILE = "server.crt";

    /** Checks the components. */
    public CertifiedKey {
        if (certificate == null) {
            throw new IllegalArgumentException("certificate must not be null");
        }
        if (privateKey == null) {
            throw new IllegalArgumentException("privateKey must not be null");
        }
    }

    /** A pair of key and certificate. */
    public static CertifiedKey of(X509Certificate certificate, PrivateKey privateKey) {
        return new CertifiedKey(certificate, privateKey);
    }

    /**
     * Reads a key and certificate from PEM files, e.g. the ones the real {@code openssl req} wrote.
     * The key may be PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), unencrypted.
     */
    public static CertifiedKey read(Path keyFile, Path certificateFile) {
        return new CertifiedKey(readCertificate(certificateFile), readKey(keyFile));
    }

    /** The DER encoding of the certificate (a fresh copy). */
    public byte[] certificateDer() {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    /** The certificate as PEM text ({@code BEGIN CERTIFICATE}). */
    public String certificatePem() {
        return pem("CERTIFICATE", certificateDer());
    }

    /** The private key as unencrypted PKCS#8 PEM text ({@code BEGIN PRIVATE KEY}), as openssl 3 writes it. */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    /** Writes {@code server.key} and {@code server.crt} into {@code directory} (created if missing). */
    public CertFiles writeTo(Path directory) {
        return write(directory.resolve(KEY_FILE), directory.resolve(CERTIFICATE_FILE));
    }

    /** Writes the key and the certificate to the two given files. */
    public CertFiles write(Path keyFile, Path certificateFile) {
        try {
            createParent(keyFile);
            createParent(certificateFile);
            Files.writeString(keyFile, privateKeyPem(), StandardCharsets.US_ASCII);
            Files.writeString(certificateFile, certificatePem(), StandardCharsets.US_ASCII);
            return new CertFiles(keyFile, certificateFile);
        } catch (IOException e) {
            throw LabException.of(keyFile.toString(), "cannot write the key or certificate: " + e.getMessage(),
                    "choose a writable directory", e);
        }
    }

    /** Subject, key size and end of validity; never the key itself. */
    @Override
    public String toString() {
        String key = privateKey.getAlgorithm();
        if (certificate.getPublicKey() instanceof java.security.interfaces.RSAKey rsa) {
            key += " " + rsa.getModulus().bitLength();
        }
        return "CertifiedKey[" + certificate.getSubjectX500Principal().getName() + ", " + key + ", valid until "
                + certificate.getNotAfter().toInstant() + "]";
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private static String pem(String type, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM to memory", e);
        }
        return text.toString();
    }

    private static X509Certificate readCertificate(Path file) {
        Object object = readPem(file);
        if (!(object instanceof X509CertificateHolder holder)) {
            throw LabException.of(file.toString(), "no PEM certificate (BEGIN CERTIFICATE) in the file",
                    "pass the .crt file openssl req -x509 wrote");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw LabException.of(file.toString(), "the certificate cannot be decoded: " + e.getMessage(),
                    "make it again with openssl req -x509", e);
        }
    }

    private static PrivateKey readKey(Path file) {
        Object object = readPem(file);
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
        } catch (IOException e) {
            throw LabException.of(file.toString(), "the private key cannot be decoded: " + e.getMessage(),
                    "make it again with openssl req -nodes", e);
        }
        throw LabException.of(file.toString(), "no unencrypted PEM private key in the file",
                "pass the .key file openssl req -nodes wrote (encrypted keys are not supported)");
    }

    private static Object readPem(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            return parser.readObject();
        } catch (IOException e) {
            throw LabException.of(file.toString(), "cannot read the PEM file: " + e.getMessage(),
                    "check the path", e);
        }
    }
}
