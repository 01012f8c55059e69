package org.handshakelab.dissect.ssh;

import java.util.Objects;

/**
 * SSH_MSG_CHANNEL_OPEN (RFC 4254 §5.1): a new channel, e.g. {@code session} (§6.1) for a shell or a command.
 *
 * @param type          the channel type ({@code ssh.connection_type_name})
 * @param senderChannel the sender's number for the channel
 * @param initialWindow how many bytes the peer may send before a window adjust
 * @param maxPacket     the largest data packet the sender accepts
 */
public record ChannelOpen(String type, long senderChannel, long initialWindow, long maxPacket)
        implements SshMessage {

    /** Checks for null. */
    public ChannelOpen {
        Objects.requireNonNull(type, "type");
    }
}
