package org.handshakelab.dissect.ssh;

/**
 * SSH_MSG_DISCONNECT (RFC 4253 §11.1): sent in clear before encryption (e.g. no matching algorithm), or
 * decrypted with the session's secrets (the normal end of a session, reason 11 BY_APPLICATION).
 *
 * @param reasonCode  the reason (RFC 4250 §4.2.2), e.g. 3 KEY_EXCHANGE_FAILED
 * @param description the human-readable description
 */
public record Disconnect(long reasonCode, String description) implements SshMessage {

    /** Checks for null. */
    public Disconnect {
        if (description == null) {
            throw new IllegalArgumentException("description must not be null");
        }
    }
}
