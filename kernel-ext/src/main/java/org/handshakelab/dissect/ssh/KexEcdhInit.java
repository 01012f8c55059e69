package org.handshakelab.dissect.ssh;

import java.util.HexFormat;

/**
 * SSH_MSG_KEX_ECDH_INIT (RFC 5656 §4; curve25519 as RFC 8731 §3): the client's ephemeral public key.
 *
 * @param clientPublicKey Q_C in hex ({@code ssh.ecdh.q_c})
 */
public record KexEcdhInit(String clientPublicKey) implements SshMessage {

    /** Checks the hex. */
    public KexEcdhInit {
        HexFormat.of().parseHex(clientPublicKey);
    }
}
