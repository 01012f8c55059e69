package org.handshakelab.table;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.DecryptionSecret;
import org.handshakelab.dissect.DissectionSink;
import org.handshakelab.dissect.KeyMaterial;
import org.handshakelab.dissect.StreamDissector;
import org.handshakelab.flow.AppStreamDissectors;
import org.handshakelab.flow.StreamDissectorFactory;
import org.handshakelab.flow.TcpStreamInfo;

/**
 * How a {@link PacketTable} is built: which application dissectors are tried on each TCP stream, and the
 * secrets they decrypt with.
 *
 * <pre>{@code
 * TableOptions options = TableOptions.builder().standardDissectors()
 *         .keyLog(Path.of("captures/https-tls13.keylog")).build();
 * TableOptions keyless = TableOptions.builder().standardDissectors().captureSecrets(false).build();
 * }</pre>
 *
 * @param dissectors     factories tried in order on each stream's first payload
 * @param keys           secrets given by the caller (key log files)
 * @param captureSecrets whether the capture's own Decryption Secrets Blocks are used too (as Wireshark does)
 */
public record TableOptions(List<StreamDissectorFactory> dissectors, KeyMaterial keys, boolean captureSecrets) {

    /** Copies the list. */
    public TableOptions {
        dissectors = List.copyOf(Objects.requireNonNull(dissectors, "dissectors"));
        Objects.requireNonNull(keys, "keys");
    }

    /** Options with these dissectors, no key log, and the capture's own secrets. */
    public TableOptions(List<StreamDissectorFactory> dissectors) {
        this(dissectors, KeyMaterial.none(), true);
    }

    /**
     * The lab's HTTP, TLS and SSH dissectors, recognised by content: every column of the table; TLS decrypted
     * with the capture's Decryption Secrets Blocks when it has some.
     */
    public static TableOptions standard() {
        return new TableOptions(List.of(AppStreamDissectors.INSTANCE));
    }

    /** No application dissectors: the frame, IP and TCP columns only. */
    public static TableOptions defaults() {
        return new TableOptions(List.of());
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The secrets the dissectors use for {@code capture}: the given ones, then the capture's own if enabled. */
    public KeyMaterial keysFor(CaptureFile capture) {
        return captureSecrets ? keys.and(KeyMaterial.of(capture.secrets())) : keys;
    }

    /**
     * The dissectors, each given the keys: the caller's, and (if enabled) the Decryption Secrets Blocks read so
     * far when a stream opens, as Wireshark uses a block from where it stands in the file on; saves a pass.
     */
    List<StreamDissectorFactory> dissectorsFor(Supplier<List<DecryptionSecret>> secretsSoFar) {
        if (dissectors.isEmpty()) {
            return dissectors;
        }
        if (!captureSecrets) {
            return keys.isNone() ? dissectors
                    : dissectors.stream().map(f -> f.withKeys(keys)).toList();
        }
        List<StreamDissectorFactory> out = new ArrayList<>();
        for (StreamDissectorFactory f : dissectors) {
            out.add(new StreamDissectorFactory() {
                private int seen = -1;
                private StreamDissectorFactory keyed = f;

                @Override
                public StreamDissector open(TcpStreamInfo stream, int direction, ByteBuffer firstPayload,
                                            DissectionSink sink) {
                    List<DecryptionSecret> blocks = secretsSoFar.get();
                    if (blocks.size() != seen) {
                        seen = blocks.size();
                        KeyMaterial k = keys.and(KeyMaterial.of(blocks));
                        keyed = k.isNone() ? f : f.withKeys(k);
                    }
                    return keyed.open(stream, direction, firstPayload, sink);
                }
            });
        }
        return out;
    }

    /** Builds {@link TableOptions}. */
    public static final class Builder {
        private final List<StreamDissectorFactory> dissectors = new ArrayList<>();
        private KeyMaterial keys = KeyMaterial.none();
        private boolean captureSecrets = true;

        private Builder() {
        }

        /** Adds an application dissector factory (tried after those added before). */
        public Builder dissector(StreamDissectorFactory factory) {
            dissectors.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /** Adds the lab's HTTP, TLS and SSH dissectors, as {@link #standard()} has. */
        public Builder standardDissectors() {
            return dissector(AppStreamDissectors.INSTANCE);
        }

        /** Decrypts with this key log too (TLS NSS lines and SSH lines); read now, a bad file is a LabException. */
        public Builder keyLog(Path file) {
            return keys(KeyMaterial.keyLog(Objects.requireNonNull(file, "file")));
        }

        /** Decrypts with these secrets too. */
        public Builder keys(KeyMaterial more) {
            keys = keys.and(Objects.requireNonNull(more, "more"));
            return this;
        }

        /** Whether the capture's own Decryption Secrets Blocks are used (default true). */
        public Builder captureSecrets(boolean use) {
            captureSecrets = use;
            return this;
        }

        /** The options. */
        public TableOptions build() {
            return new TableOptions(dissectors, keys, captureSecrets);
        }
    }
}
