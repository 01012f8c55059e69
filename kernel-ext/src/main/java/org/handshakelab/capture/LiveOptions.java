package org.handshakelab.capture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link LiveCapture} captures: interface, BPF filter, snaplen, limits, immediate mode, where the pcapng
 * file goes and which bundled capture to suggest when live capture is not possible. Immutable; build one with
 * {@link #builder()}.
 *
 * <pre>{@code
 * LiveOptions options = LiveOptions.builder().filter("tcp port 8080").packetLimit(20)
 *         .timeLimit(Duration.ofSeconds(10)).fallback("http-keepalive").build();
 * }</pre>
 *
 * @param interfaceName the interface to capture on (default {@code "lo"}, the Linux loopback)
 * @param filter        a BPF filter as tcpdump takes it (man pcap-filter), empty for every packet
 * @param snaplen       how many bytes of each packet to keep, 1..262144 (default 262144)
 * @param packetLimit   stop after this many packets; 0 for no limit
 * @param timeLimit     stop after this long; {@link Duration#ZERO} for no limit
 * @param immediate     deliver each packet as it arrives (libpcap immediate mode) instead of in batches
 * @param output        where the pcapng file is written, or null for a temporary file
 * @param fallback      the name of the bundled capture ({@code captures/<name>.pcapng}) to suggest when live
 *                      capture is not possible, or null
 */
public record LiveOptions(String interfaceName, String filter, int snaplen, long packetLimit, Duration timeLimit,
                          boolean immediate, Path output, String fallback) {

    /** The default interface: the Linux loopback, where all the lab's traffic runs. */
    public static final String LOOPBACK = "lo";

    /** The largest (and default) snaplen: what tcpdump and Wireshark use. */
    public static final int MAX_SNAPLEN = WriteOptions.DEFAULT_SNAPLEN;

    /** Checks the components. */
    public LiveOptions {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (interfaceName.isBlank()) {
            throw new IllegalArgumentException("interfaceName must not be blank: \"" + interfaceName + "\"");
        }
        if (snaplen < 1 || snaplen > MAX_SNAPLEN) {
            throw new IllegalArgumentException("snaplen must be 1.." + MAX_SNAPLEN + ": " + snaplen);
        }
        if (packetLimit < 0) {
            throw new IllegalArgumentException("packetLimit must be >= 0 (0 = no limit): " + packetLimit);
        }
        if (timeLimit.isNegative()) {
            throw new IllegalArgumentException("timeLimit must be >= 0 (0 = no limit): " + timeLimit);
        }
        if (fallback != null && (fallback.isBlank() || fallback.contains("/"))) {
            throw new IllegalArgumentException("fallback must be a capture name like \"http-keepalive\": \""
                    + fallback + "\"");
        }
    }

    /** The defaults: loopback, no filter, snaplen 262144, no limits, immediate mode, a temporary file. */
    public static LiveOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().interfaceName(interfaceName).filter(filter).snaplen(snaplen).packetLimit(packetLimit)
                .timeLimit(timeLimit).immediate(immediate).output(output).fallback(fallback);
    }

    /** The output path, when one was given. */
    public Optional<Path> outputPath() {
        return Optional.ofNullable(output);
    }

    /** Whether the capture stops by itself (a packet or time limit is set). */
    public boolean limited() {
        return packetLimit > 0 || !timeLimit.isZero();
    }

    /** Builds {@link LiveOptions}. */
    public static final class Builder {
        private String interfaceName = LOOPBACK;
        private String filter = "";
        private int snaplen = MAX_SNAPLEN;
        private long packetLimit;
        private Duration timeLimit = Duration.ZERO;
        private boolean immediate = true;
        private Path output;
        private String fallback;

        private Builder() {
        }

        /** The interface to capture on (default {@code "lo"}). */
        public Builder interfaceName(String value) {
            this.interfaceName = Objects.requireNonNull(value, "interfaceName");
            return this;
        }

        /** A BPF filter, e.g. {@code "tcp port 8080"} (default: none). */
        public Builder filter(String value) {
            this.filter = Objects.requireNonNull(value, "filter").strip();
            return this;
        }

        /** Bytes kept per packet, 1..262144 (default 262144). */
        public Builder snaplen(int value) {
            this.snaplen = value;
            return this;
        }

        /** Stop after this many packets; 0 = no limit (default). */
        public Builder packetLimit(long value) {
            this.packetLimit = value;
            return this;
        }

        /** Stop after this long; zero = no limit (default). */
        public Builder timeLimit(Duration value) {
            this.timeLimit = Objects.requireNonNull(value, "timeLimit");
            return this;
        }

        /** Deliver packets as they arrive (default true) rather than in libpcap's batches. */
        public Builder immediate(boolean value) {
            this.immediate = value;
            return this;
        }

        /** Write the pcapng file here (default: a temporary file deleted when the JVM exits). */
        public Builder output(Path value) {
            this.output = value;
            return this;
        }

        /** The bundled capture to suggest when live capture is not possible, e.g. {@code "http-keepalive"}. */
        public Builder fallback(String value) {
            this.fallback = value;
            return this;
        }

        /** The options; checks them. */
        public LiveOptions build() {
            return new LiveOptions(interfaceName, filter, snaplen, packetLimit, timeLimit, immediate, output,
                    fallback);
        }
    }
}
