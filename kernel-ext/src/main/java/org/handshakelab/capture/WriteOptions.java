package org.handshakelab.capture;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * How a {@link CaptureWriter} writes: format, byte order, snaplen and timestamp resolution. Immutable; build
 * one with {@link #builder(CaptureFormat)}.
 *
 * @param format      the file format
 * @param byteOrder   the byte order of headers and blocks
 * @param snaplen     the snapshot length written in the header or each interface; 0 means unlimited (pcapng
 *                    only)
 * @param nanoseconds whether timestamps keep nanoseconds; false writes microseconds. Given by the format for
 *                    classic pcap; for pcapng it sets {@code if_tsresol}
 */
public record WriteOptions(CaptureFormat format, ByteOrder byteOrder, int snaplen, boolean nanoseconds) {

    /** The snaplen Wireshark and tcpdump use by default. */
    public static final int DEFAULT_SNAPLEN = 262144;

    /** Checks the components. */
    public WriteOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(byteOrder, "byteOrder");
        int min = format == CaptureFormat.PCAPNG ? 0 : 1;
        if (snaplen < min || snaplen > FrameCursor.MAX_RECORD_LENGTH) {
            throw new IllegalArgumentException("snaplen must be " + min + ".." + FrameCursor.MAX_RECORD_LENGTH
                    + " for " + format + ": " + snaplen);
        }
        if (format == CaptureFormat.PCAP_USEC && nanoseconds || format == CaptureFormat.PCAP_NSEC && !nanoseconds) {
            throw new IllegalArgumentException("nanoseconds must be " + !nanoseconds + " for " + format + ": "
                    + nanoseconds);
        }
    }

    /** pcapng, little-endian, snaplen 262144, nanosecond timestamps. */
    public static WriteOptions pcapng() {
        return builder(CaptureFormat.PCAPNG).build();
    }

    /** A builder with the defaults for {@code format}: little-endian, snaplen 262144, the format's resolution. */
    public static Builder builder(CaptureFormat format) {
        return new Builder(Objects.requireNonNull(format, "format"));
    }

    /** Builds {@link WriteOptions}. */
    public static final class Builder {
        private final CaptureFormat format;
        private ByteOrder byteOrder = ByteOrder.LITTLE_ENDIAN;
        private int snaplen = DEFAULT_SNAPLEN;
        private boolean nanoseconds;

        private Builder(CaptureFormat format) {
            this.format = format;
            this.nanoseconds = format != CaptureFormat.PCAP_USEC;
        }

        /** The byte order of the file (default little-endian). */
        public Builder byteOrder(ByteOrder value) {
            this.byteOrder = Objects.requireNonNull(value, "byteOrder");
            return this;
        }

        /** The snapshot length (default 262144; 0 = unlimited, pcapng only). */
        public Builder snaplen(int value) {
            this.snaplen = value;
            return this;
        }

        /** pcapng only: nanosecond (default) or microsecond timestamps. */
        public Builder nanoseconds(boolean value) {
            this.nanoseconds = value;
            return this;
        }

        /** The options; checks them. */
        public WriteOptions build() {
            return new WriteOptions(format, byteOrder, snaplen, nanoseconds);
        }
    }
}
