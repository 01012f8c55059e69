package org.handshakelab.dissect.ssh;

import java.util.List;

/**
 * One unencrypted binary packet (RFC 4253 §6): {@code uint32 packet_length, byte padding_length, payload,
 * padding}. There is no MAC before the first NEWKEYS.
 *
 * @param packetLength  {@code ssh.packet_length}: padding_length, payload and padding
 * @param paddingLength {@code ssh.padding_length}
 * @param messageCode   {@code ssh.message_code}, the payload's first byte, or -1 for an empty payload
 * @param frames        the frames that carried the packet; the last one completed it
 */
public record SshPacket(long packetLength, int paddingLength, int messageCode, List<Integer> frames) {

    /** Checks ranges and copies the frame list. */
    public SshPacket {
        if (packetLength < 0 || packetLength > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("packetLength must be 0..4294967295: " + packetLength);
        }
        if (paddingLength < 0 || paddingLength > 0xFF) {
            throw new IllegalArgumentException("paddingLength must be 0..255: " + paddingLength);
        }
        if (messageCode < -1 || messageCode > 0xFF) {
            throw new IllegalArgumentException("messageCode must be -1..255: " + messageCode);
        }
        frames = List.copyOf(frames);
    }
}
