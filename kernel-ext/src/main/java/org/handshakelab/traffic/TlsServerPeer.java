package org.handshakelab.traffic;

import java.io.IOException;
import java.util.Arrays;
import java.util.Vector;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The lab's TLS server: speaks TLS 1.2 and 1.3 with the lab's cipher suites, presents one certificate and signs
 * with RSA (RSA-PSS where the client allows it, as TLS 1.3 requires), and logs the session's secrets too, so the
 * two ends' key logs can be compared.
 */
final class TlsServerPeer extends DefaultTlsServer {

    private final BcTlsCrypto crypto;
    private final AsymmetricKeyParameter privateKey;
    private final TlsCertificate certificate;
    private final TlsPeerLog log;

    TlsServerPeer(BcTlsCrypto crypto, CertifiedKey key, TlsPeerLog log) throws IOException {
        super(crypto);
        this.crypto = crypto;
        this.privateKey = PrivateKeyFactory.createKey(key.privateKey().getEncoded());
        this.certificate = crypto.createCertificate(key.certificateDer());
        this.log = log;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv12);
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        int[] all = Arrays.stream(TlsCipherSuite.values()).mapToInt(TlsCipherSuite::code).toArray();
        return TlsUtils.getSupportedCipherSuites(crypto, all);
    }

    @Override
    public TlsCredentials getCredentials() throws IOException {
        SecurityParameters sp = context.getSecurityParametersHandshake();
        boolean tls13 = TlsUtils.isTLSv13(sp.getNegotiatedVersion());
        SignatureAndHashAlgorithm signature = chooseSignature(sp.getClientSigAlgs(), tls13);
        // TLS 1.3 certificates carry a request context and per-entry extensions (RFC 8446 §4.4.2)
        Certificate chain = tls13
                ? new Certificate(TlsUtils.EMPTY_BYTES, new CertificateEntry[] {new CertificateEntry(certificate, null)})
                : new Certificate(new TlsCertificate[] {certificate});
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, privateKey, chain,
                signature);
    }

    private static SignatureAndHashAlgorithm chooseSignature(Vector<?> offered, boolean tls13) throws IOException {
        SignatureAndHashAlgorithm pss = SignatureAndHashAlgorithm.rsa_pss_rsae_sha256;
        SignatureAndHashAlgorithm pkcs1 = SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256,
                SignatureAlgorithm.rsa);
        if (offered == null) {
            if (tls13) {
                throw new TlsFatalAlert(AlertDescription.missing_extension, "no signature_algorithms");
            }
            return null; // RFC 5246 §7.4.1.4.1: no extension means SHA-1 with RSA
        }
        if (offered.contains(pss)) {
            return pss;
        }
        if (!tls13 && offered.contains(pkcs1)) {
            return pkcs1;
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "the client allows no RSA signature we make");
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
}
