package org.handshakelab.dissect.ssh;

import java.util.HexFormat;

/**
 * SSH_MSG_KEXDH_INIT (RFC 4253 §8) or SSH_MSG_KEX_DH_GEX_INIT (RFC 4419 §3): the client's public value.
 *
 * @param e             e as mpint bytes in hex ({@code ssh.dh.e})
 * @param groupExchange whether it is the group-exchange variant (message 32)
 */
public record KexDhInit(String e, boolean groupExchange) implements SshMessage {

    /** Checks the hex. */
    public KexDhInit {
        HexFormat.of().parseHex(e);
    }
}
