package org.handshakelab.dissect.ssh;

import java.util.Objects;

/**
 * SSH_MSG_CHANNEL_DATA or SSH_MSG_CHANNEL_EXTENDED_DATA (RFC 4254 §5.2): bytes on a channel, e.g. a command's
 * output; extended data type 1 is stderr.
 *
 * @param recipientChannel the recipient's channel number
 * @param extendedType     the extended data type (1 = stderr), or -1 for plain data
 * @param length           the number of data bytes
 * @param preview          the first bytes as text (at most {@link #PREVIEW} characters, control characters
 *                         escaped as in Java: "hello\n")
 */
public record ChannelData(long recipientChannel, long extendedType, int length, String preview) implements SshMessage {

    /** The most characters of the data kept for display. */
    public static final int PREVIEW = 64;

    /** Checks for null and the length. */
    public ChannelData {
        Objects.requireNonNull(preview, "preview");
        if (length < 0) {
            throw new IllegalArgumentException("length must be 0 or more: " + length);
        }
    }
}
