package org.handshakelab.dissect.ssh;

import java.util.Objects;

/**
 * SSH_MSG_GLOBAL_REQUEST (RFC 4254 §4), e.g. OpenSSH's {@code hostkeys-00@openssh.com} or
 * {@code keepalive@openssh.com}.
 *
 * @param name      the request name
 * @param wantReply whether the sender wants REQUEST_SUCCESS or REQUEST_FAILURE
 */
public record GlobalRequest(String name, boolean wantReply) implements SshMessage {

    /** Checks for null. */
    public GlobalRequest {
        Objects.requireNonNull(name, "name");
    }
}
