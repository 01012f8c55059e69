package org.handshakelab.dissect.ssh;

import java.util.Objects;

/**
 * SSH_MSG_SERVICE_ACCEPT (RFC 4253 §10): the server accepts the requested service.
 *
 * @param service the service name ({@code ssh.service_name})
 */
public record ServiceAccept(String service) implements SshMessage {

    /** Checks for null. */
    public ServiceAccept {
        Objects.requireNonNull(service, "service");
    }
}
