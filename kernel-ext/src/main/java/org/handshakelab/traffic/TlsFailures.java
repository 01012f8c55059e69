package org.handshakelab.traffic;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.List;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/** Turns what went wrong in a TLS connection into the problem and remedy of a one-line LabException. */
final class TlsFailures {

    private TlsFailures() {
    }

    static String describe(Throwable e, TlsPeerLog log) {
        String what;
        if (e instanceof TlsFatalAlertReceived received) {
            what = "the peer sent fatal alert " + AlertDescription.getText(received.getAlertDescription());
        } else if (e instanceof TlsFatalAlert alert) {
            what = "sent fatal alert " + alert.getMessage();
        } else if (e instanceof SocketTimeoutException) {
            what = "nothing arrived in time (" + e.getMessage() + ")";
        } else if (e instanceof ConnectException) {
            what = "connection refused (" + e.getMessage() + ")";
        } else if (e instanceof EOFException) {
            what = e.getMessage();
        } else {
            what = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        List<String> alerts = log.alerts();
        return alerts.isEmpty() ? what : what + " [" + String.join(", ", alerts) + "]";
    }

    static String remedy(Throwable e, TlsPeerLog log) {
        short alert = alertOf(e);
        if (alert == AlertDescription.bad_certificate) {
            return "pin the certificate the server presents (TlsOptions.Builder.pinnedCertificate) or serve the "
                    + "pinned one (serverKey)";
        }
        if (alert == AlertDescription.certificate_unknown) {
            return "ask for a name the certificate lists in its subjectAltName (TlsOptions.Builder.serverName) or "
                    + "make a certificate for that name (CertificateMaker.builder().dnsNames(...))";
        }
        if (alert == AlertDescription.handshake_failure || alert == AlertDescription.protocol_version) {
            return "offer a version and cipher suite the server accepts (TlsOptions.Builder.cipherSuite)";
        }
        if (e instanceof SocketTimeoutException) {
            return "check that both ends run, or raise TlsOptions.Builder.timeout";
        }
        if (e instanceof ConnectException) {
            return "start a TlsHttpServer first and connect to its port()";
        }
        return "check the options and that the peer is the lab's TLS server or client";
    }

    private static short alertOf(Throwable e) {
        if (e instanceof TlsFatalAlertReceived received) {
            return received.getAlertDescription();
        }
        if (e instanceof TlsFatalAlert alert) {
            return alert.getAlertDescription();
        }
        return -1;
    }
}
