package org.handshakelab.view;

import java.util.ArrayList;
import java.util.List;

/** A mutable dissection tree while it is built; {@link #build()} freezes it into {@link DetailNode}s. */
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

    /** Adds a child with no field name. */
    TreeBuilder add(String label, int offset, int length) {
        return add(label, "", offset, length);
    }

    /** Adds a child not tied to bytes (a computed value, a note). */
    TreeBuilder note(String label) {
        return add(label, "", -1, 0);
    }

    DetailNode build() {
        List<DetailNode> built = new ArrayList<>(children.size());
        for (TreeBuilder c : children) {
            built.add(c.build());
        }
        return new DetailNode(label, field, offset, length, built);
    }
}
