package org.handshakelab.dissect.ssh;

import java.util.Objects;

/**
 * SSH_MSG_USERAUTH_REQUEST (RFC 4252 §5): user name, service and method ({@code none}, {@code password}
 * (RFC 4252 §8), {@code publickey} (§7), ...). The password itself is never kept, only its length.
 *
 * @param user           the user name ({@code ssh.userauth_user_name})
 * @param service        the service to start after authentication, normally {@code ssh-connection}
 * @param method         the method name ({@code ssh.userauth_method_name})
 * @param passwordLength the password's length in bytes for the password method, else -1
 */
public record UserauthRequest(String user, String service, String method, int passwordLength)
        implements SshMessage {

    /** Checks for nulls and the length. */
    public UserauthRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(method, "method");
        if (passwordLength < -1) {
            throw new IllegalArgumentException("passwordLength must be -1 or more: " + passwordLength);
        }
    }

    /** The password as a student may see it: one '*' per byte, or "" when the method is not password. */
    public String maskedPassword() {
        return passwordLength < 0 ? "" : "*".repeat(passwordLength);
    }
}
