package org.handshakelab.view;

import java.util.List;
import java.util.Objects;

/**
 * One line of a packet's dissection tree, as in Wireshark's middle pane: what it says, the Wireshark field
 * it corresponds to (empty when none), and the bytes of the frame it covers, so the hex dump can highlight
 * them.
 *
 * @param label    what the line says, e.g. {@code Source Port: 46919}
 * @param field    the Wireshark field name, e.g. {@code tcp.srcport}; empty when none
 * @param offset   the first byte in the frame, -1 when the line is not tied to bytes
 * @param length   the number of bytes, 0 when not tied to bytes
 * @param children the lines under it
 */
public record DetailNode(String label, String field, int offset, int length, List<DetailNode> children) {

    /** Checks the arguments and copies the children. */
    public DetailNode {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(field, "field");
        if (offset < -1 || length < 0) {
            throw new IllegalArgumentException("offset must be >= -1 and length >= 0: " + offset + ", " + length);
        }
        children = List.copyOf(children);
    }

    /** Whether the line covers bytes of the frame. */
    public boolean hasBytes() {
        return offset >= 0 && length > 0;
    }

    /** The first line of this subtree (itself included, pre-order) with {@code field}, or null. */
    public DetailNode find(String field) {
        if (this.field.equals(field)) {
            return this;
        }
        for (DetailNode c : children) {
            DetailNode f = c.find(field);
            if (f != null) {
                return f;
            }
        }
        return null;
    }
}
