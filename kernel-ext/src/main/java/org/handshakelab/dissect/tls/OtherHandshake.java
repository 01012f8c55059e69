package org.handshakelab.dissect.tls;

import java.util.HexFormat;

/**
 * A plaintext handshake message this dissector does not take apart (CertificateRequest, NewSessionTicket,
 * CertificateStatus, ...).
 *
 * @param type the handshake type byte
 * @param body the message body in hex
 */
public record OtherHandshake(int type, String body) implements TlsHandshake {

    /** Checks the type and the hex. */
    public OtherHandshake {
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("type must be 0..255: " + type);
        }
        HexFormat.of().parseHex(body);
    }
}
