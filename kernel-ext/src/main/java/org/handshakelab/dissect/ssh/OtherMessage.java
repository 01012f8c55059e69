package org.handshakelab.dissect.ssh;

import java.util.HexFormat;

/**
 * An unencrypted message this dissector does not take apart (IGNORE, DEBUG, a key exchange message of an
 * unknown method, ...).
 *
 * @param code    the message number
 * @param payload the payload after the number, in hex
 */
public record OtherMessage(int code, String payload) implements SshMessage {

    /** Checks the code and the hex. */
    public OtherMessage {
        if (code < 0 || code > 0xFF) {
            throw new IllegalArgumentException("code must be 0..255: " + code);
        }
        HexFormat.of().parseHex(payload);
    }

    /** The RFC name of the code, e.g. {@code SSH_MSG_IGNORE}. */
    public String codeName() {
        return SshMessageCode.nameOf(code);
    }
}
