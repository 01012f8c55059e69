package org.handshakelab.dissect.ssh;

/**
 * SSH_MSG_NEWKEYS (RFC 4253 §7.3): everything this side sends after it is encrypted with the new keys.
 *
 * @param fromClient whether the client sent it
 */
public record NewKeys(boolean fromClient) implements SshMessage {
}
