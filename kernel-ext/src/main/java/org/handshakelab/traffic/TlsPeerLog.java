package org.handshakelab.traffic;

import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.TlsContext;

/**
 * What one end of a connection saw, written from BouncyCastle's {@code TlsPeer} callbacks (which run on the
 * thread driving the connection) and read after it: the key log and the alerts. Close events go to the
 * {@link TlsCloseLog} shared by both ends so that their order is the wire order.
 */
final class TlsPeerLog {

    private final TlsSide side;
    private final TlsCloseLog closeLog;
    private final List<String> alerts = new ArrayList<>();
    private volatile KeyLog keyLog;
    private volatile TlsVersion version;
    private volatile TlsCipherSuite cipherSuite;
    private volatile boolean closeNotifyReceived;

    TlsPeerLog(TlsSide side, TlsCloseLog closeLog) {
        this.side = side;
        this.closeLog = closeLog;
    }

    TlsSide side() {
        return side;
    }

    void handshakeComplete(TlsContext context) {
        this.keyLog = KeyLog.export(context);
        this.version = TlsVersion.of(context.getSecurityParametersConnection().getNegotiatedVersion());
        this.cipherSuite = TlsCipherSuite.of(context.getSecurityParametersConnection().getCipherSuite());
    }

    TlsVersion version() {
        return version;
    }

    TlsCipherSuite cipherSuite() {
        return cipherSuite;
    }

    void alertRaised(short level, short description, String message) {
        if (description == AlertDescription.close_notify && level == AlertLevel.warning) {
            closeLog.add(TlsCloseEvent.of(side, TlsCloseEvent.Kind.CLOSE_NOTIFY));
        } else {
            add("sent " + AlertLevel.getText(level) + " alert " + AlertDescription.getText(description)
                    + (message == null ? "" : " (" + message + ")"));
        }
    }

    void alertReceived(short level, short description) {
        if (description == AlertDescription.close_notify && level == AlertLevel.warning) {
            closeNotifyReceived = true;
        } else {
            add("received " + AlertLevel.getText(level) + " alert " + AlertDescription.getText(description));
        }
    }

    void fin() {
        closeLog.add(TlsCloseEvent.of(side, TlsCloseEvent.Kind.FIN));
    }

    KeyLog keyLog() {
        return keyLog;
    }

    boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }

    /** Alerts other than close_notify, e.g. {@code "sent fatal alert bad_certificate(42) (...)"}. */
    synchronized List<String> alerts() {
        return List.copyOf(alerts);
    }

    private synchronized void add(String alert) {
        alerts.add(alert);
    }
}
