package org.handshakelab.dissect.ssh;

import java.util.List;

/**
 * SSH_MSG_USERAUTH_FAILURE (RFC 4252 §5.1): the request failed (or was the probing {@code none} method);
 * these methods may continue.
 *
 * @param methods        the authentications that can continue
 * @param partialSuccess whether the request succeeded but more authentication is needed
 */
public record UserauthFailure(List<String> methods, boolean partialSuccess) implements SshMessage {

    /** Copies the list. */
    public UserauthFailure {
        methods = List.copyOf(methods);
    }
}
