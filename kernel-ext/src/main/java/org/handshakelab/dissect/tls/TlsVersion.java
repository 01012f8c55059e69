package org.handshakelab.dissect.tls;

import java.util.Optional;
import org.handshakelab.dissect.CodeTable;

/** Protocol versions as they appear in records, hellos and {@code supported_versions}. */
public enum TlsVersion {
    SSL_3_0(0x0300, "SSL 3.0", "RFC 6101"),
    TLS_1_0(0x0301, "TLS 1.0", "RFC 2246"),
    TLS_1_1(0x0302, "TLS 1.1", "RFC 4346"),
    TLS_1_2(0x0303, "TLS 1.2", "RFC 5246"),
    TLS_1_3(0x0304, "TLS 1.3", "RFC 8446");

    private final int code;
    private final String displayName;
    private final String rfc;

    TlsVersion(int code, String displayName, String rfc) {
        this.code = code;
        this.displayName = displayName;
        this.rfc = rfc;
    }

    /** The two bytes on the wire, e.g. 0x0303. */
    public int code() {
        return code;
    }

    /** E.g. "TLS 1.2". */
    public String displayName() {
        return displayName;
    }

    /** The RFC that defines the version. */
    public String rfc() {
        return rfc;
    }

    /** Each code's constant (the first listed), in a table built once. */
    private static final CodeTable<TlsVersion> CODES = CodeTable.of(values(), TlsVersion::code);

    /** The version with this code; TLS 1.3 drafts (0x7fXX, 0xfb17, 0xfb1a) count as TLS 1.3. */
    public static Optional<TlsVersion> of(int code) {
        Optional<TlsVersion> found = CODES.find(code);
        if (found.isPresent()) {
            return found;
        }
        if ((code & 0xFF00) == 0x7F00 || code == 0xFB17 || code == 0xFB1A) {
            return Optional.of(TLS_1_3);
        }
        return Optional.empty();
    }

    /** "TLS 1.2", "GREASE" (RFC 8701) or the hex code. */
    public static String nameOf(int code) {
        if (TlsNames.isGrease(code)) {
            return "GREASE";
        }
        return of(code).map(TlsVersion::displayName).orElse(String.format("0x%04x", code));
    }
}
