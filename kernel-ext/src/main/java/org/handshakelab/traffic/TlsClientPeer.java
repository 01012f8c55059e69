package org.handshakelab.traffic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Vector;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The lab's TLS client: offers exactly one version and one cipher suite, sends SNI, accepts only the pinned
 * certificate and only if it names the host asked for, and logs the session's secrets when the handshake ends.
 */
final class TlsClientPeer extends DefaultTlsClient {

    private final TlsOptions options;
    private final byte[] pinned;
    private final TlsPeerLog log;

    TlsClientPeer(TlsCrypto crypto, TlsOptions options, TlsPeerLog log) {
        super(crypto);
        this.options = options;
        this.log = log;
        this.pinned = der(options.pinnedCertificate());
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return options.version().protocolVersion().only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return new int[] {options.cipherSuite().code()};
    }

    @Override
    protected Vector getSNIServerNames() {
        String name = options.serverName();
        if (name.matches("[0-9.]+") || name.contains(":")) {
            return null; // RFC 6066 §3: literal IP addresses are not permitted in server_name
        }
        Vector<ServerName> names = new Vector<>();
        names.add(new ServerName(NameType.host_name, name.getBytes(StandardCharsets.US_ASCII)));
        return names;
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                checkServerCertificate(serverCertificate);
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) {
                return null; // the lab's client has no certificate of its own
            }
        };
    }

    private void checkServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
        org.bouncycastle.tls.Certificate chain = serverCertificate.getCertificate();
        if (chain == null || chain.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "the server sent no certificate");
        }
        // BouncyCastle checks the handshake signature against this certificate's key; we decide whether to trust it
        byte[] presented = chain.getCertificateAt(0).getEncoded();
        if (!Arrays.equals(presented, pinned)) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate,
                    "the server's certificate is not the pinned one");
        }
        if (!CertHostCheck.matches(options.pinnedCertificate(), options.serverName())) {
            throw new TlsFatalAlert(AlertDescription.certificate_unknown, "the certificate does not name "
                    + options.serverName() + ", only " + CertHostCheck.names(options.pinnedCertificate()));
        }
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        log.handshakeComplete(context);
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        log.alertRaised(alertLevel, alertDescription, message);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        log.alertReceived(alertLevel, alertDescription);
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("pinnedCertificate cannot be encoded", e);
        }
    }
}
