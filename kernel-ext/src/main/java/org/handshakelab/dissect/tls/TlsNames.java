package org.handshakelab.dissect.tls;

/** Small helpers shared by the constant enums. */
final class TlsNames {

    private TlsNames() {
    }

    /** GREASE values (RFC 8701 §2): 0x0A0A, 0x1A1A, ... 0xFAFA. */
    static boolean isGrease(int code) {
        return (code & 0x0F0F) == 0x0A0A && (code >> 8) == (code & 0xFF);
    }

    /** The name for an unknown code: "GREASE" or "unknown (0x....)". */
    static String unknown(int code) {
        return isGrease(code) ? "GREASE" : String.format("unknown (0x%04x)", code);
    }
}
