package org.handshakelab.dissect.ssh;

import java.util.Objects;

/**
 * SSH_MSG_CHANNEL_REQUEST (RFC 4254 §5.4), e.g. {@code exec} with the command to run (§6.5) or, from the
 * server, {@code exit-status} (§6.10).
 *
 * @param recipientChannel the recipient's channel number
 * @param type             the request type ({@code ssh.channel_request_type})
 * @param wantReply        whether CHANNEL_SUCCESS or CHANNEL_FAILURE is wanted
 * @param command          the command of an {@code exec} request (or the subsystem of {@code subsystem}), else ""
 * @param exitStatus       the status of an {@code exit-status} request, else -1
 */
public record ChannelRequest(long recipientChannel, String type, boolean wantReply, String command, long exitStatus)
        implements SshMessage {

    /** Checks for nulls. */
    public ChannelRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(command, "command");
    }
}
