package org.handshakelab.capture;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

/**
 * One captured frame, immutable: a convenience copy of what a {@link FrameCursor} shows, for code that is
 * not on the hot path.
 *
 * @param number          the 1-based frame number, as in Wireshark ({@code frame.number})
 * @param offset          the byte offset of the frame's record in the file, -1 when not from a file
 * @param timestampNanos  nanoseconds since 1970-01-01T00:00Z, or {@link FrameCursor#NO_TIMESTAMP}
 *                        (pcapng Simple Packet Blocks carry none)
 * @param section         the 1-based section number ({@code frame.section_number})
 * @param interfaceId     the interface id within the section ({@code frame.interface_id})
 * @param linkType        the link type (see {@link LinkType}); unknown ones are kept as numbers
 * @param originalLength  the length on the wire ({@code frame.len})
 * @param data            the captured bytes ({@code frame.cap_len} of them); copied in and out
 */
public record Frame(long number, long offset, long timestampNanos, int section, int interfaceId, int linkType,
                    long originalLength, byte[] data) {

    /** Copies the bytes and checks the components. */
    public Frame {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        data = data.clone();
        if (number < 1) {
            throw new IllegalArgumentException("number must be >= 1: " + number);
        }
        if (offset < -1) {
            throw new IllegalArgumentException("offset must be >= -1: " + offset);
        }
        if (section < 1) {
            throw new IllegalArgumentException("section must be >= 1: " + section);
        }
        if (interfaceId < 0) {
            throw new IllegalArgumentException("interfaceId must be >= 0: " + interfaceId);
        }
        if (linkType < 0 || linkType > 0xFFFF) {
            throw new IllegalArgumentException("linkType must be 0..65535: " + linkType);
        }
        if (originalLength < 0 || originalLength > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("originalLength must be 0..4294967295: " + originalLength);
        }
    }

    /** A frame not read from a file: section 1, interface 0, nothing cut off. */
    public static Frame of(long number, long timestampNanos, int linkType, byte[] data) {
        return new Frame(number, -1, timestampNanos, 1, 0, linkType, data == null ? 0 : data.length, data);
    }

    /** A copy of the captured bytes. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** A read-only view of the captured bytes, without copying. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** A view of the bytes for this package's writers, which only read it (no copy). */
    ByteBuffer sharedBuffer() {
        return ByteBuffer.wrap(data);
    }

    /** The number of captured bytes ({@code frame.cap_len}). */
    public int capturedLength() {
        return data.length;
    }

    /** Whether fewer bytes were captured than were on the wire (Wireshark: "Packet size limited during capture"). */
    public boolean truncated() {
        return data.length < originalLength;
    }

    /** Whether the frame has a timestamp (pcapng Simple Packet Blocks do not). */
    public boolean hasTimestamp() {
        return timestampNanos != FrameCursor.NO_TIMESTAMP;
    }

    /** The timestamp as an {@link Instant}, or null when the frame has none. */
    public Instant timestamp() {
        return hasTimestamp() ? Instant.ofEpochSecond(Math.floorDiv(timestampNanos, 1_000_000_000L),
                Math.floorMod(timestampNanos, 1_000_000_000L)) : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.number == number && f.offset == offset && f.timestampNanos == timestampNanos
                && f.section == section && f.interfaceId == interfaceId && f.linkType == linkType
                && f.originalLength == originalLength && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(number) + Long.hashCode(timestampNanos)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Frame[" + number + ", offset " + offset + ", " + (hasTimestamp() ? timestamp() : "no timestamp")
                + ", section " + section + ", interface " + interfaceId + ", " + LinkType.nameOf(linkType) + ", "
                + data.length + "/" + originalLength + " bytes]";
    }
}
