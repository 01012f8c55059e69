package org.handshakelab.dissect.ssh;

/**
 * SSH_MSG_CHANNEL_OPEN_CONFIRMATION (RFC 4254 §5.1): the channel is open.
 *
 * @param recipientChannel the opener's number for the channel
 * @param senderChannel    the confirming side's number for it
 * @param initialWindow    how many bytes the opener may send before a window adjust
 * @param maxPacket        the largest data packet the confirming side accepts
 */
public record ChannelOpenConfirmation(long recipientChannel, long senderChannel, long initialWindow, long maxPacket)
        implements SshMessage {
}
