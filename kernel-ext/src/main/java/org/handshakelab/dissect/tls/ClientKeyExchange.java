package org.handshakelab.dissect.tls;

import java.util.HexFormat;

/**
 * ClientKeyExchange (RFC 5246 §7.4.7): the client's (EC)DH public value, or the RSA-encrypted
 * pre-master secret.
 *
 * @param exchangeKeys the public value or encrypted secret in hex, without its length prefix
 */
public record ClientKeyExchange(String exchangeKeys) implements TlsHandshake {

    /** Checks the hex. */
    public ClientKeyExchange {
        HexFormat.of().parseHex(exchangeKeys);
    }

    @Override
    public int type() {
        return TlsHandshakeType.CLIENT_KEY_EXCHANGE.code();
    }
}
