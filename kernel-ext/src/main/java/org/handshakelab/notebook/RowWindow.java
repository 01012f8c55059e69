package org.handshakelab.notebook;

/**
 * Which rows of a long table are shown: the first {@code edgeRows}, the last {@code edgeRows}, and a
 * count of the rows elided between them. A table of at most {@code 2 * edgeRows} rows is shown whole.
 *
 * @param rowCount rows in the table
 * @param edgeRows rows shown at each end of a long table
 */
record RowWindow(int rowCount, int edgeRows) {

    RowWindow {
        if (rowCount < 0) {
            throw new IllegalArgumentException("rowCount must be >= 0: " + rowCount);
        }
        if (edgeRows < 1) {
            throw new IllegalArgumentException("edgeRows must be >= 1: " + edgeRows);
        }
    }

    /** True when rows are left out between head and tail. */
    boolean elided() {
        return rowCount > 2 * edgeRows;
    }

    /** Rows left out between head and tail; 0 when the whole table is shown. */
    int hidden() {
        return elided() ? rowCount - 2 * edgeRows : 0;
    }

    /** Exclusive end of the head: rows {@code [0, headEnd())} are shown first. */
    int headEnd() {
        return elided() ? edgeRows : rowCount;
    }

    /** Start of the tail: rows {@code [tailStart(), rowCount)} are shown after the separator. */
    int tailStart() {
        return elided() ? rowCount - edgeRows : rowCount;
    }

    /** The separator text, e.g. {@code "… 12 more rows …"}. */
    String separator() {
        int hidden = hidden();
        return "… " + hidden + (hidden == 1 ? " more row …" : " more rows …");
    }
}
