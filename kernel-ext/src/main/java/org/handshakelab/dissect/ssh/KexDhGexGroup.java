package org.handshakelab.dissect.ssh;

import java.util.HexFormat;

/**
 * SSH_MSG_KEX_DH_GEX_GROUP (RFC 4419 §3): the group the server chose.
 *
 * @param p the safe prime as mpint bytes in hex
 * @param g the generator as mpint bytes in hex
 */
public record KexDhGexGroup(String p, String g) implements SshMessage {

    /** Checks the hex. */
    public KexDhGexGroup {
        HexFormat.of().parseHex(p);
        HexFormat.of().parseHex(g);
    }
}
