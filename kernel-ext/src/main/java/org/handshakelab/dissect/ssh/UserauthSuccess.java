package org.handshakelab.dissect.ssh;

/** SSH_MSG_USERAUTH_SUCCESS (RFC 4252 §5.1): the user is authenticated; the connection protocol starts. */
public record UserauthSuccess() implements SshMessage {
}
