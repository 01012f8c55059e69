package org.handshakelab.dissect.ssh;

/**
 * What one side of an SSH connection says: in clear up to NEWKEYS, then (with the session's secrets)
 * decrypted, or else {@link SshEncrypted}.
 */
public sealed interface SshMessage
        permits SshBanner, KexInit, KexEcdhInit, KexEcdhReply, KexDhInit, KexDhReply, KexDhGexRequest,
        KexDhGexGroup, NewKeys, Disconnect, OtherMessage, SshEncrypted, SshMacFailure, ServiceRequest,
        ServiceAccept, ExtInfo, UserauthRequest, UserauthFailure, UserauthSuccess, GlobalRequest, ChannelOpen,
        ChannelOpenConfirmation, ChannelRequest, ChannelData, ChannelEof, ChannelClose {
}
