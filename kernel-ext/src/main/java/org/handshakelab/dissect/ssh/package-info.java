/**
 * SSH dissection (stage: dissect, application layer): the SSH-2 handshake from the two byte streams of a
 * TCP connection, up to where each side's traffic becomes encrypted.
 *
 * <p>Takes each direction's in-order payload through {@link org.handshakelab.dissect.ssh.SshDissector};
 * gives {@code ssh.protocol} and {@code ssh.message_code} per frame as Wireshark 4.0 does, phase labels
 * ("SSH version (client)", "SSH KEXINIT (server)", "SSH KEX ECDH init", "SSH NEWKEYS (client)",
 * "SSH encrypted"), and records for the detail views: {@link org.handshakelab.dissect.ssh.SshBanner},
 * {@link org.handshakelab.dissect.ssh.SshPacket} and the {@link org.handshakelab.dissect.ssh.SshMessage}
 * variants, with {@link org.handshakelab.dissect.ssh.NegotiatedAlgorithms} derived from the two KEXINITs
 * and host key fingerprints as OpenSSH prints them. Byte strings are lowercase hex.
 *
 * <p>Specifications: RFC 4253 (transport), RFC 4250 (numbers), RFC 5656 (ECDH), RFC 8731 (curve25519),
 * RFC 4419 (DH group exchange).
 */
package org.handshakelab.dissect.ssh;
