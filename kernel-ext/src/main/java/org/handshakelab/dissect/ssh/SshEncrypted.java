package org.handshakelab.dissect.ssh;

/**
 * Bytes one side sent after its NEWKEYS that were not decrypted (no key log, or none for this session):
 * encrypted packets whose boundaries and message numbers cannot be seen without the keys (tshark: "Encrypted packet", no {@code ssh.message_code}).
 *
 * @param length     the number of bytes in this frame
 * @param fromClient whether the client sent them
 */
public record SshEncrypted(int length, boolean fromClient) implements SshMessage {
}
