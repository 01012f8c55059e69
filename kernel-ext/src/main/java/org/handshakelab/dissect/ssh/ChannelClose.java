package org.handshakelab.dissect.ssh;

/**
 * SSH_MSG_CHANNEL_CLOSE (RFC 4254 §5.3): the channel is closed once both sides have sent this.
 *
 * @param recipientChannel the recipient's channel number
 */
public record ChannelClose(long recipientChannel) implements SshMessage {
}
