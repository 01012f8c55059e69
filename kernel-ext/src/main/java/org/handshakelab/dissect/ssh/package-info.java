/**
 * SSH dissection (stage: dissect, application layer): the SSH-2 handshake from the two byte streams of a
 * TCP connection, and, given the session's secrets, everything after it.
 *
 * <p>Takes each direction's in-order payload through {@link org.handshakelab.dissect.ssh.SshDissector};
 * gives {@code ssh.protocol} and {@code ssh.message_code} per frame as Wireshark 4.0 does, phase labels
 * ("SSH version (client)", "SSH KEXINIT (server)", "SSH KEX ECDH init", "SSH NEWKEYS (client)",
 * "SSH encrypted"), and records for the detail views: {@link org.handshakelab.dissect.ssh.SshBanner},
 * {@link org.handshakelab.dissect.ssh.SshPacket} and the {@link org.handshakelab.dissect.ssh.SshMessage}
 * variants, with {@link org.handshakelab.dissect.ssh.NegotiatedAlgorithms} derived from the two KEXINITs
 * and host key fingerprints as OpenSSH prints them. Byte strings are lowercase hex.
 *
 * <p>With {@link org.handshakelab.dissect.ssh.SshSecrets} (Wireshark's SSH key log, from a file or a pcapng
 * Decryption Secrets Block) the packets after NEWKEYS are decrypted as tshark does with
 * {@code -o ssh.keylog_file:FILE}: the service request, user authentication (passwords masked: only their
 * length is kept), channel open, exec, data, EOF, close and DISCONNECT become records and message codes,
 * with phase labels such as "SSH USERAUTH_REQUEST password (client)". What cannot be decrypted is said in
 * one anomaly per session; a packet whose tag or MAC fails is an anomaly and a
 * {@link org.handshakelab.dissect.ssh.SshMacFailure}, never plaintext.
 *
 * <p>Specifications: RFC 4253 (transport), RFC 4250 (numbers), RFC 4252 (authentication), RFC 4254
 * (connection), RFC 5656 (ECDH), RFC 8731 (curve25519), RFC 4419 (DH group exchange), RFC 5647 (AES-GCM),
 * RFC 4344 (AES-CTR), RFC 6668 (HMAC-SHA2), OpenSSH PROTOCOL.chacha20poly1305 and PROTOCOL §1.5 (EtM),
 * §1.9 (strict KEX).
 */
package org.handshakelab.dissect.ssh;
