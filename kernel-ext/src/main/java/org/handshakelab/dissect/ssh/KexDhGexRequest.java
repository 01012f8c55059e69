package org.handshakelab.dissect.ssh;

/**
 * SSH_MSG_KEX_DH_GEX_REQUEST (RFC 4419 §3), or the old form with only n (message 30; min and max are -1).
 *
 * @param min       minimal group size in bits, or -1
 * @param preferred preferred group size in bits (n)
 * @param max       maximal group size in bits, or -1
 */
public record KexDhGexRequest(long min, long preferred, long max) implements SshMessage {
}
