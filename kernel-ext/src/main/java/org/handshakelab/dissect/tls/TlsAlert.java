package org.handshakelab.dissect.tls;

/**
 * An alert record (RFC 8446 §6). An alert sent after ChangeCipherSpec is encrypted: level and
 * description are then unknown (-1), as Wireshark's "Encrypted Alert".
 *
 * @param level       1 warning, 2 fatal, or -1 when encrypted
 * @param description the description byte, or -1 when encrypted
 * @param encrypted   whether the alert is encrypted (its record is not 2 bytes long)
 */
public record TlsAlert(int level, int description, boolean encrypted) implements TlsMessage {

    /** Checks ranges. */
    public TlsAlert {
        if (level < -1 || level > 0xFF) {
            throw new IllegalArgumentException("level must be -1..255: " + level);
        }
        if (description < -1 || description > 0xFF) {
            throw new IllegalArgumentException("description must be -1..255: " + description);
        }
    }

    /** "warning", "fatal", "encrypted" or the number. */
    public String levelName() {
        return switch (level) {
            case -1 -> "encrypted";
            case 1 -> "warning";
            case 2 -> "fatal";
            default -> Integer.toString(level);
        };
    }

    /** The description's RFC name, e.g. {@code close_notify}, or "encrypted". */
    public String descriptionName() {
        return encrypted ? "encrypted" : TlsAlertDescription.nameOf(description);
    }
}
