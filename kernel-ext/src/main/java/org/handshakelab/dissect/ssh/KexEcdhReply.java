package org.handshakelab.dissect.ssh;

import java.util.HexFormat;
import java.util.Objects;

/**
 * SSH_MSG_KEX_ECDH_REPLY (RFC 5656 §4): the host key, the server's ephemeral public key and the signature
 * over the exchange hash.
 *
 * @param hostKey         K_S
 * @param serverPublicKey Q_S in hex ({@code ssh.ecdh.q_s})
 * @param signature       the signature of H
 */
public record KexEcdhReply(SshHostKey hostKey, String serverPublicKey, SshSignature signature) implements SshMessage {

    /** Checks for nulls and the hex. */
    public KexEcdhReply {
        Objects.requireNonNull(hostKey, "hostKey");
        Objects.requireNonNull(signature, "signature");
        HexFormat.of().parseHex(serverPublicKey);
    }
}
