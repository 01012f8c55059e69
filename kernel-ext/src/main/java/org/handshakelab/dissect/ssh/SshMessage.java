package org.handshakelab.dissect.ssh;

/** What one side of an SSH connection says before its traffic is encrypted, and that it then is. */
public sealed interface SshMessage
        permits SshBanner, KexInit, KexEcdhInit, KexEcdhReply, KexDhInit, KexDhReply, KexDhGexRequest,
        KexDhGexGroup, NewKeys, Disconnect, OtherMessage, SshEncrypted {
}
