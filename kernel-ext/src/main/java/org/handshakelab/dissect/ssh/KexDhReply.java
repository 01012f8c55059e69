package org.handshakelab.dissect.ssh;

import java.util.HexFormat;
import java.util.Objects;

/**
 * SSH_MSG_KEXDH_REPLY (RFC 4253 §8) or SSH_MSG_KEX_DH_GEX_REPLY (RFC 4419 §3).
 *
 * @param hostKey       K_S
 * @param f             the server's public value as mpint bytes in hex ({@code ssh.dh.f})
 * @param signature     the signature of H
 * @param groupExchange whether it is the group-exchange variant (message 33)
 */
public record KexDhReply(SshHostKey hostKey, String f, SshSignature signature, boolean groupExchange)
        implements SshMessage {

    /** Checks for nulls and the hex. */
    public KexDhReply {
        Objects.requireNonNull(hostKey, "hostKey");
        Objects.requireNonNull(signature, "signature");
        HexFormat.of().parseHex(f);
    }
}
