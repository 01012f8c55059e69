package org.handshakelab.traffic;

import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * What a {@link TlsExchange} does: TLS version and cipher suite the client offers, the certificate the server
 * presents and the one the client pins, the name it asks for (SNI and host check), the HTTP request and
 * response, who closes first and how long anything may take. Immutable; made with {@link #builder()}.
 */
public final class TlsOptions {

    /** Longest a single step (connect, accept, a read) may wait. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    private final TlsVersion version;
    private final TlsCipherSuite cipherSuite;
    private final CertifiedKey serverKey;
    private final X509Certificate pinnedCertificate;
    private final String serverName;
    private final String path;
    private final String body;
    private final TlsSide closeFirst;
    private final Duration timeout;
    private final int port;

    private TlsOptions(Builder b) {
        this.version = b.version;
        this.cipherSuite = b.cipherSuite != null ? b.cipherSuite : TlsCipherSuite.defaultFor(b.version);
        if (cipherSuite.version() != version) {
            throw new IllegalArgumentException("cipherSuite must be a " + version + " suite: " + cipherSuite
                    + " is " + cipherSuite.version());
        }
        // a fresh key costs a fraction of a second; only make one when none was given
        this.serverKey = b.serverKey != null ? b.serverKey : CertificateMaker.localhost();
        this.pinnedCertificate = b.pinnedCertificate != null ? b.pinnedCertificate : serverKey.certificate();
        this.serverName = b.serverName;
        this.path = b.path;
        this.body = b.body;
        this.closeFirst = b.closeFirst;
        this.timeout = b.timeout;
        this.port = b.port;
    }

    /** A builder with the defaults: TLS 1.3, AES-128-GCM, a fresh localhost certificate, client closes first. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults. */
    public static TlsOptions defaults() {
        return builder().build();
    }

    /** The one version the client offers. */
    public TlsVersion version() {
        return version;
    }

    /** The one cipher suite the client offers. */
    public TlsCipherSuite cipherSuite() {
        return cipherSuite;
    }

    /** The key and certificate the server presents. */
    public CertifiedKey serverKey() {
        return serverKey;
    }

    /** The certificate the client accepts (and no other). */
    public X509Certificate pinnedCertificate() {
        return pinnedCertificate;
    }

    /** The name the client asks for: sent as SNI, in the Host header, and checked against the certificate. */
    public String serverName() {
        return serverName;
    }

    /** The request path. */
    public String path() {
        return path;
    }

    /** The response body the server sends. */
    public String body() {
        return body;
    }

    /** Who sends close_notify first. */
    public TlsSide closeFirst() {
        return closeFirst;
    }

    /** Longest wait of a single step. */
    public Duration timeout() {
        return timeout;
    }

    /** The server port on 127.0.0.1, 0 for a free one. */
    public int port() {
        return port;
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().version(version).cipherSuite(cipherSuite).serverKey(serverKey)
                .pinnedCertificate(pinnedCertificate).serverName(serverName).path(path).body(body)
                .closeFirst(closeFirst).timeout(timeout).port(port);
    }

    @Override
    public String toString() {
        return "TlsOptions[" + version + " " + cipherSuite + ", serverName=" + serverName + ", path=" + path
                + ", closeFirst=" + closeFirst + ", timeout=" + timeout + ", port=" + port + "]";
    }

    /** Builds {@link TlsOptions}. */
    public static final class Builder {
        private TlsVersion version = TlsVersion.TLS_1_3;
        private TlsCipherSuite cipherSuite;
        private CertifiedKey serverKey;
        private X509Certificate pinnedCertificate;
        private String serverName = "localhost";
        private String path = "/";
        private String body = "Hello from Handshake Lab\n";
        private TlsSide closeFirst = TlsSide.CLIENT;
        private Duration timeout = Duration.ofSeconds(10);
        private int port;

        private Builder() {
        }

        /** The version the client offers (default TLS 1.3); the cipher suite defaults to the version's. */
        public Builder version(TlsVersion version) {
            if (version == null) {
                throw new IllegalArgumentException("version must not be null");
            }
            this.version = version;
            return this;
        }

        /** The cipher suite the client offers; also sets the version to the suite's. */
        public Builder cipherSuite(TlsCipherSuite cipherSuite) {
            if (cipherSuite == null) {
                throw new IllegalArgumentException("cipherSuite must not be null");
            }
            this.cipherSuite = cipherSuite;
            this.version = cipherSuite.version();
            return this;
        }

        /** The server's key and certificate (default: {@link CertificateMaker#localhost()}). */
        public Builder serverKey(CertifiedKey serverKey) {
            if (serverKey == null) {
                throw new IllegalArgumentException("serverKey must not be null");
            }
            this.serverKey = serverKey;
            return this;
        }

        /** The certificate the client pins (default: the server's own, i.e. the lab trusts what it made). */
        public Builder pinnedCertificate(X509Certificate pinnedCertificate) {
            if (pinnedCertificate == null) {
                throw new IllegalArgumentException("pinnedCertificate must not be null");
            }
            this.pinnedCertificate = pinnedCertificate;
            return this;
        }

        /** The host name the client asks for (default {@code localhost}). */
        public Builder serverName(String serverName) {
            if (serverName == null || !serverName.matches("[A-Za-z0-9.:-]{1,253}")) {
                throw new IllegalArgumentException("serverName must be 1..253 of letters, digits, '.', '-', ':': "
                        + serverName);
            }
            this.serverName = serverName;
            return this;
        }

        /** The request path (default {@code /}). */
        public Builder path(String path) {
            if (path == null || !path.startsWith("/") || path.length() > 2048 || !path.matches("\\p{Graph}+")) {
                throw new IllegalArgumentException("path must start with / and be 1..2048 visible characters: "
                        + path);
            }
            this.path = path;
            return this;
        }

        /** The response body (UTF-8, at most 64 KiB). */
        public Builder body(String body) {
            if (body == null || body.length() > 65_536) {
                throw new IllegalArgumentException("body must be 0..65536 characters: "
                        + (body == null ? null : body.length()));
            }
            this.body = body;
            return this;
        }

        /** Who sends close_notify first (default the client). */
        public Builder closeFirst(TlsSide closeFirst) {
            if (closeFirst == null) {
                throw new IllegalArgumentException("closeFirst must not be null");
            }
            this.closeFirst = closeFirst;
            return this;
        }

        /** Longest wait of a single step, 1 ms..5 min (default 10 s). */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.toMillis() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException("timeout must be 1 ms.." + MAX_TIMEOUT + ": " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** The server port, 0..65535 (default 0: a free port). */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** The options; a fresh localhost certificate is made when no server key was given. */
        public TlsOptions build() {
            return new TlsOptions(this);
        }
    }
}
