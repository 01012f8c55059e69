package org.handshakelab.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.handshakelab.flow.StreamDissectorFactory;

/**
 * How a {@link PacketTable} is built: which application dissectors are tried on each TCP stream.
 *
 * <pre>{@code
 * TableOptions options = TableOptions.builder().dissector(tlsFactory).dissector(httpFactory).build();
 * }</pre>
 *
 * @param dissectors factories tried in order on each stream's first payload
 */
public record TableOptions(List<StreamDissectorFactory> dissectors) {

    /** Copies the list. */
    public TableOptions {
        dissectors = List.copyOf(Objects.requireNonNull(dissectors, "dissectors"));
    }

    /** The lab's HTTP, TLS and SSH dissectors, recognised by content: every column of the table. */
    public static TableOptions standard() {
        return new TableOptions(List.of(org.handshakelab.flow.AppStreamDissectors.INSTANCE));
    }

    /** No application dissectors: the frame, IP and TCP columns only. */
    public static TableOptions defaults() {
        return new TableOptions(List.of());
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link TableOptions}. */
    public static final class Builder {
        private final List<StreamDissectorFactory> dissectors = new ArrayList<>();

        private Builder() {
        }

        /** Adds an application dissector factory (tried after those added before). */
        public Builder dissector(StreamDissectorFactory factory) {
            dissectors.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /** The options. */
        public TableOptions build() {
            return new TableOptions(dissectors);
        }
    }
}
