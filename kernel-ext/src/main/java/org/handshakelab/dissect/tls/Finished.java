package org.handshakelab.dissect.tls;

import java.util.HexFormat;

/**
 * A Finished message seen in the clear (RFC 5246 §7.4.9). Normally Finished is encrypted and shows up
 * as {@link TlsEncryptedHandshake} instead.
 *
 * @param verifyData the verify_data in hex
 */
public record Finished(String verifyData) implements TlsHandshake {

    /** Checks the hex. */
    public Finished {
        HexFormat.of().parseHex(verifyData);
    }

    @Override
    public int type() {
        return TlsHandshakeType.FINISHED.code();
    }
}
