package org.handshakelab.dissect.ssh;

import java.util.Objects;

/**
 * SSH_MSG_SERVICE_REQUEST (RFC 4253 §10): the client asks for a service after the key exchange, normally
 * {@code ssh-userauth}.
 *
 * @param service the service name ({@code ssh.service_name})
 */
public record ServiceRequest(String service) implements SshMessage {

    /** Checks for null. */
    public ServiceRequest {
        Objects.requireNonNull(service, "service");
    }
}
