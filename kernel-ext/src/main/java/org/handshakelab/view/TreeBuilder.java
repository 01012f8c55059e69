package org.handshakelab.view;

import java.util.ArrayList;
import java.util.List;

/** A mutable dissection tree while it is built; {@link #build(int)} freezes it into {@link DetailNode}s. */
final class TreeBuilder {

    final String label;
    final String field;
    final int offset;
    final int length;
    private final List<TreeBuilder> children = new ArrayList<>();

    TreeBuilder(String label, String field, int offset, int length) {
        this.label = label;
        this.field = field == null ? "" : field;
        this.offset = length > 0 ? offset : -1;
        this.length = Math.max(0, length);
    }

    /** Adds and returns a child. */
    TreeBuilder add(String label, String field, int offset, int length) {
        TreeBuilder c = new TreeBuilder(label, field, offset, length);
        children.add(c);
        return c;
    }

    /** Adds a child not tied to bytes (a computed value, a note). */
    TreeBuilder note(String label) {
        return add(label, "", -1, 0);
    }

    /**
     * The frozen tree, every byte range cut to the {@code captured} bytes of the frame: a header the
     * capture cut short keeps its lines, marked "(not captured)" where no byte of them is left.
     */
    DetailNode build(int captured) {
        List<DetailNode> built = new ArrayList<>(children.size());
        for (TreeBuilder c : children) {
            built.add(c.build(captured));
        }
        if (length > 0 && offset >= captured) {
            return new DetailNode(label + " (not captured)", field, -1, 0, built);
        }
        int end = Math.min(captured, offset + length);
        return new DetailNode(label, field, length > 0 ? offset : -1, length > 0 ? end - offset : 0, built);
    }
}
