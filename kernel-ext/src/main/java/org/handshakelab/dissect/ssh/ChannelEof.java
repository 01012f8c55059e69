package org.handshakelab.dissect.ssh;

/**
 * SSH_MSG_CHANNEL_EOF (RFC 4254 §5.3): the sender sends no more data on the channel.
 *
 * @param recipientChannel the recipient's channel number
 */
public record ChannelEof(long recipientChannel) implements SshMessage {
}
