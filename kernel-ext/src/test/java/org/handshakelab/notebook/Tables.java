package org.handshakelab.notebook;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.stream.IntStream;

/** Small tables for the renderer tests. */
final class Tables {

    private Tables() {
    }

    /** The three packets of a TCP three-way handshake, typed by hand. */
    static Table handshake() {
        return Table.create("handshake",
                IntColumn.create("No.", 1, 2, 3),
                StringColumn.create("Flags", "0x002", "0x012", "0x010"),
                StringColumn.create("Name", "SYN", "SYN-ACK", "ACK"),
                IntColumn.create("tcp.seq", 0, 0, 1),
                IntColumn.create("tcp.ack", 0, 1, 1));
    }

    /** A table of {@code rows} rows whose "n" column holds 0..rows-1 and "label" holds "row-n". */
    static Table numbered(int rows) {
        return Table.create("numbered",
                IntColumn.create("n", IntStream.range(0, rows).toArray()),
                StringColumn.create("label", IntStream.range(0, rows).mapToObj(i -> "row-" + i)
                        .toArray(String[]::new)));
    }
}
