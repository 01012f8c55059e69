package org.handshakelab.traffic;

import org.bouncycastle.tls.ProtocolVersion;

/** The TLS versions the lab speaks, with their wire codes (RFC 5246 §A.1, RFC 8446 §4.2.1). */
public enum TlsVersion {
    /** TLS 1.2, RFC 5246: {@code 0x0303}. */
    TLS_1_2(0x0303, "TLSv1.2", "RFC 5246"),
    /** TLS 1.3, RFC 8446: {@code 0x0304}, sent in the supported_versions extension. */
    TLS_1_3(0x0304, "TLSv1.3", "RFC 8446");

    private final int code;
    private final String displayName;
    private final String rfc;

    TlsVersion(int code, String displayName, String rfc) {
        this.code = code;
        this.displayName = displayName;
        this.rfc = rfc;
    }

    /** The 16-bit version on the wire. */
    public int code() {
        return code;
    }

    /** The name Wireshark and openssl print, e.g. {@code TLSv1.3}. */
    public String displayName() {
        return displayName;
    }

    /** The RFC that defines it. */
    public String rfc() {
        return rfc;
    }

    ProtocolVersion protocolVersion() {
        return this == TLS_1_2 ? ProtocolVersion.TLSv12 : ProtocolVersion.TLSv13;
    }

    static TlsVersion of(ProtocolVersion version) {
        for (TlsVersion v : values()) {
            if (v.protocolVersion().equals(version)) {
                return v;
            }
        }
        throw new IllegalStateException("negotiated version is not one the lab offers: " + version);
    }

    @Override
    public String toString() {
        return displayName;
    }
}
