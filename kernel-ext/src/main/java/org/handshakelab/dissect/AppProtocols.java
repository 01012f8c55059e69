package org.handshakelab.dissect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.handshakelab.dissect.http.HttpDissector;
import org.handshakelab.dissect.http.HttpMethod;
import org.handshakelab.dissect.ssh.SshDissector;
import org.handshakelab.dissect.tls.TlsDissector;

/**
 * Recognises the application protocol of a TCP connection by its first bytes, not its port, and makes the
 * {@link StreamDissector} for it.
 *
 * <pre>{@code
 * AppProtocols.detect(firstPayload, 0);         // Optional[TLS]
 * AppProtocols.Protocol.TLS.create(sink);       // a TlsDissector
 * AppProtocols.dissector(sink);                 // detects per direction by itself, then dissects
 * }</pre>
 *
 * <p>SSH starts with "SSH-" (RFC 4253 §4.2); TLS with a record header: content type 20-24, major version 3,
 * minor 0-4 and a length of 1..18432 (RFC 8446 §5.1); HTTP with a known method and a space, or "HTTP/1."
 * (RFC 9112 §3, §4). Anything else is not recognised.
 */
public final class AppProtocols {

    /** The most bytes {@link #dissector(DissectionSink)} waits for before deciding a direction is unknown. */
    public static final int DETECTION_BYTES = 16;
    /** Unrecognised bytes kept per direction while waiting for the other direction to be recognised. */
    public static final int MAX_PENDING = 64 * 1024;

    /** The protocols recognised, each with a factory for its dissector. */
    public enum Protocol {
        /** HTTP/1.x (RFC 9112); CONNECT and upgrade tunnels are dissected by content again. */
        HTTP("HTTP/1.x", "RFC 9112"),
        /** TLS 1.0-1.3 and SSL 3.0 records (RFC 8446, RFC 5246). */
        TLS("TLS", "RFC 8446"),
        /** SSH-2 (RFC 4253). */
        SSH("SSH", "RFC 4253");

        private final String displayName;
        private final String rfc;

        Protocol(String displayName, String rfc) {
            this.displayName = displayName;
            this.rfc = rfc;
        }

        /** E.g. "HTTP/1.x". */
        public String displayName() {
            return displayName;
        }

        /** The main specification. */
        public String rfc() {
            return rfc;
        }

        /** A new dissector for one connection of this protocol, reporting to {@code sink}. */
        public StreamDissector create(DissectionSink sink) {
            return create(sink, KeyMaterial.none());
        }

        /** A new dissector for one connection of this protocol that decrypts with {@code keys} where it can. */
        public StreamDissector create(DissectionSink sink, KeyMaterial keys) {
            Objects.requireNonNull(sink, "sink");
            Objects.requireNonNull(keys, "keys");
            return switch (this) {
                case HTTP -> HttpDissector.create(sink, s -> dissector(s, keys));
                case TLS -> TlsDissector.create(sink, keys.tls());
                case SSH -> SshDissector.create(sink, keys.ssh());
            };
        }
    }

    private AppProtocols() {
    }

    /**
     * The protocol that {@code firstPayload} (from its position to its limit; not consumed) starts, or empty
     * when it starts none of them or is too short to tell.
     *
     * @param direction 0 from the client, 1 from the server (both may start a protocol: an SSH server
     *                  speaks first)
     */
    public static Optional<Protocol> detect(ByteBuffer firstPayload, int direction) {
        Objects.requireNonNull(firstPayload, "firstPayload");
        if (direction != 0 && direction != 1) {
            throw new IllegalArgumentException("direction must be 0 or 1: " + direction);
        }
        int n = Math.min(firstPayload.remaining(), DETECTION_BYTES);
        byte[] head = new byte[n];
        firstPayload.duplicate().get(head);
        Verdict v = classify(head);
        return v.decided() ? Optional.of(v.protocol) : Optional.empty();
    }

    /**
     * A dissector that recognises each direction by its first bytes and hands it to the matching
     * protocol's dissector: one instance per protocol, so both directions of a TLS connection meet in one
     * {@link TlsDissector}. A direction whose bytes match nothing joins the other direction's protocol
     * (an SSH server may send text lines before its identification string). When the directions disagree
     * (an HTTP request sent to an SSH server), each is dissected as what it is.
     */
    public static StreamDissector dissector(DissectionSink sink) {
        return dissector(sink, KeyMaterial.none());
    }

    /** {@link #dissector(DissectionSink)}, decrypting with {@code keys} (a TLS key log) where it can. */
    public static StreamDissector dissector(DissectionSink sink, KeyMaterial keys) {
        return new Detecting(Objects.requireNonNull(sink, "sink"), Objects.requireNonNull(keys, "keys"));
    }

    /** A protocol, NEED_MORE (a prefix of something) or NONE. */
    private record Verdict(Protocol protocol, boolean needMore) {
        static final Verdict NONE = new Verdict(null, false);
        static final Verdict NEED_MORE = new Verdict(null, true);

        boolean decided() {
            return protocol != null;
        }
    }

    private static final byte[] SSH_PREFIX = "SSH-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP_PREFIX = "HTTP/1.".getBytes(StandardCharsets.US_ASCII);

    private static Verdict classify(byte[] b) {
        if (b.length == 0) {
            return Verdict.NEED_MORE;
        }
        Verdict ssh = prefix(b, SSH_PREFIX, Protocol.SSH);
        if (ssh != Verdict.NONE) {
            return ssh;
        }
        Verdict tls = tls(b);
        if (tls != Verdict.NONE) {
            return tls;
        }
        Verdict http = prefix(b, HTTP_PREFIX, Protocol.HTTP);
        if (http != Verdict.NONE) {
            return http;
        }
        for (byte[] method : METHOD_PREFIXES) {
            Verdict v = prefix(b, method, Protocol.HTTP);
            if (v != Verdict.NONE) {
                return v;
            }
        }
        return Verdict.NONE;
    }

    /** Each method token and a space: a request line's start (built once: classify runs per stream). */
    private static final byte[][] METHOD_PREFIXES = java.util.Arrays.stream(HttpMethod.values())
            .map(m -> (m.token() + " ").getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    private static Verdict prefix(byte[] b, byte[] expected, Protocol protocol) {
        int n = Math.min(b.length, expected.length);
        for (int i = 0; i < n; i++) {
            if (b[i] != expected[i]) {
                return Verdict.NONE;
            }
        }
        return b.length >= expected.length ? new Verdict(protocol, false) : Verdict.NEED_MORE;
    }

    /** RFC 8446 §5.1 record header: type 20-24, version 3.0-3.4, length 1..2^14+2048. */
    private static Verdict tls(byte[] b) {
        int type = b[0] & 0xFF;
        if (type < 20 || type > 24) {
            return Verdict.NONE;
        }
        if (b.length < 3) {
            return b.length < 2 || b[1] == 3 ? Verdict.NEED_MORE : Verdict.NONE;
        }
        if (b[1] != 3 || (b[2] & 0xFF) > 4) {
            return Verdict.NONE;
        }
        if (b.length < 5) {
            return Verdict.NEED_MORE;
        }
        int length = (b[3] & 0xFF) << 8 | b[4] & 0xFF;
        return length >= 1 && length <= TlsDissector.MAX_RECORD_LENGTH ? new Verdict(Protocol.TLS, false)
                : Verdict.NONE;
    }

    /** Per direction: waits for enough bytes, then routes them to a protocol dissector. */
    private static final class Detecting implements StreamDissector {

        private final DissectionSink sink;
        private final KeyMaterial keys;
        private final Map<Protocol, StreamDissector> instances = new EnumMap<>(Protocol.class);
        private final StreamDissector[] routes = new StreamDissector[2];
        private final List<List<Chunk>> pending = List.of(new ArrayList<>(), new ArrayList<>());
        private final int[] pendingBytes = new int[2];
        private final boolean[] unknown = new boolean[2];
        private final int[] endFrame = {-1, -1};

        private record Chunk(byte[] bytes, int frame) {
        }

        Detecting(DissectionSink sink, KeyMaterial keys) {
            this.sink = sink;
            this.keys = keys;
        }

        @Override
        public void accept(int direction, ByteBuffer data, int frame) {
            check(direction);
            if (routes[direction] != null) {
                routes[direction].accept(direction, data, frame);
                return;
            }
            if (endFrame[direction] >= 0 || !data.hasRemaining()) {
                return;
            }
            if (pendingBytes[direction] == 0 && decidedAt(direction, data, frame)) {
                return;
            }
            if (pendingBytes[direction] + data.remaining() > MAX_PENDING) {
                pending.get(direction).clear();
                endFrame[direction] = frame;
                return;
            }
            byte[] copy = new byte[data.remaining()];
            data.duplicate().get(copy);
            pending.get(direction).add(new Chunk(copy, frame));
            pendingBytes[direction] += copy.length;
            decide(direction);
        }

        @Override
        public void end(int direction, int frame) {
            check(direction);
            if (routes[direction] != null) {
                routes[direction].end(direction, frame);
                return;
            }
            if (endFrame[direction] < 0) {
                endFrame[direction] = frame;
            }
            // too few bytes to recognise: they can still join the other direction's protocol
            unknown[direction] = true;
            if (routes[1 - direction] != null) {
                route(direction, routes[1 - direction]);
            }
        }

        private static void check(int direction) {
            if (direction != 0 && direction != 1) {
                throw new IllegalArgumentException("direction must be 0 or 1: " + direction);
            }
        }

        /**
         * The common case, a direction recognised by its first segment: routed without copying the
         * segment, exactly as {@link #decide} would after keeping it. False (nothing done) otherwise.
         */
        private boolean decidedAt(int direction, ByteBuffer data, int frame) {
            byte[] head = new byte[Math.min(DETECTION_BYTES, data.remaining())];
            data.get(data.position(), head);
            Verdict v = classify(head);
            if (!v.decided()) {
                return false;
            }
            // with the keys, as decide() does: without them every TLS and SSH session stayed encrypted
            StreamDissector target = instance(v.protocol);
            routes[direction] = target;
            target.accept(direction, data, frame);
            joinOther(direction, target);
            return true;
        }

        /** The other direction, if it ended too short to recognise, goes where this one went. */
        private void joinOther(int direction, StreamDissector target) {
            int other = 1 - direction;
            if (routes[other] == null && unknown[other]) {
                route(other, target);
            }
        }

        private void decide(int direction) {
            byte[] head = head(direction);
            Verdict v = classify(head);
            if (v.decided()) {
                route(direction, instance(v.protocol));
                joinOther(direction, routes[direction]);
            } else if (!v.needMore || head.length >= DETECTION_BYTES) {
                unknown[direction] = true;
                if (routes[1 - direction] != null) {
                    route(direction, routes[1 - direction]);
                }
            }
        }

        /** The connection's dissector for {@code protocol}, made with the keys on first use. */
        private StreamDissector instance(Protocol protocol) {
            StreamDissector d = instances.get(protocol);
            if (d == null) {
                // not computeIfAbsent: its capturing lambda cost a call site link and an object per stream
                d = protocol.create(sink, keys);
                instances.put(protocol, d);
            }
            return d;
        }

        private byte[] head(int direction) {
            byte[] head = new byte[Math.min(DETECTION_BYTES, pendingBytes[direction])];
            int at = 0;
            for (Chunk c : pending.get(direction)) {
                int n = Math.min(c.bytes.length, head.length - at);
                System.arraycopy(c.bytes, 0, head, at, n);
                at += n;
                if (at == head.length) {
                    break;
                }
            }
            return head;
        }

        /** From now on this direction goes to {@code target}; what waited goes first. */
        private void route(int direction, StreamDissector target) {
            routes[direction] = target;
            for (Chunk c : pending.get(direction)) {
                target.accept(direction, ByteBuffer.wrap(c.bytes).asReadOnlyBuffer(), c.frame);
            }
            pending.get(direction).clear();
            pendingBytes[direction] = 0;
            if (endFrame[direction] >= 0) {
                target.end(direction, endFrame[direction]);
            }
        }
    }
}
