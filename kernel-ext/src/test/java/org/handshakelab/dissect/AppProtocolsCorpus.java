package org.handshakelab.dissect;

import org.handshakelab.TestTools;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.FrameCursor;

/**
 * Test-only plumbing for the application dissectors: finds the public corpus and tshark, cuts the clean
 * corpus captures into TCP connections with each direction's in-order payload (a deliberately small stand-in
 * for the flow stage: Ethernet/NULL/SLL/SLL2/raw, IPv4/IPv6 without options beyond the header length,
 * retransmitted bytes dropped by sequence number), replays them into a {@link StreamDissector}, and records
 * what the dissector reports per frame.
 */
public final class AppProtocolsCorpus {

    /** The fields compared with tshark, in the order of {@link #TSHARK_FIELDS}. */
    public static final List<Field> FIELDS = List.of(Field.TLS_RECORD_CONTENT_TYPE, Field.TLS_HANDSHAKE_TYPE,
            Field.SSH_PROTOCOL, Field.SSH_MESSAGE_CODE, Field.HTTP_REQUEST_METHOD, Field.HTTP_REQUEST_URI,
            Field.HTTP_RESPONSE_CODE);

    private static final String TSHARK = TestTools.find("tshark");

    private AppProtocolsCorpus() {
    }

    // ---- locating things ----



    /** A corpus file; skips the test when the corpus or the file is missing. */
    public static Path file(String name) {
        return TestTools.corpusFile(name);
    }

    /** Skips the test when tshark is not installed. */
    public static void assumeTshark() {
        assumeTrue(TSHARK != null, "tshark not installed (apt-get install tshark)");
    }

    /** tshark output per command line: several test classes ask the same question of the same file. */
    private static final Map<List<String>, List<String>> TSHARK_CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /** Runs {@code tshark -n -r file args...} (once per distinct command); returns stdout lines. */
    public static List<String> tshark(Path file, String... args) {
        assumeTshark();
        List<String> key = new ArrayList<>(List.of(file.toString()));
        key.addAll(List.of(args));
        return TSHARK_CACHE.computeIfAbsent(List.copyOf(key), k -> runTshark(file, args));
    }

    private static List<String> runTshark(Path file, String... args) {
        List<String> command = new ArrayList<>(List.of(TSHARK, "-n", "-r", file.toString()));
        command.addAll(List.of(args));
        return List.copyOf(TestTools.run(command, java.time.Duration.ofSeconds(60)).out());
    }

    /**
     * tshark's view of the application fields: frame number to the tab-separated values of {@link #FIELDS}
     * ({@code -E occurrence=a -E aggregator=,}), for frames where at least one is set.
     */
    public static Map<Integer, String> tsharkFields(Path file, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(extraArgs));
        args.addAll(List.of("-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,", "-e", "frame.number"));
        for (Field f : FIELDS) {
            args.add("-e");
            args.add(f.wiresharkName());
        }
        Map<Integer, String> rows = new TreeMap<>();
        for (String line : tshark(file, args.toArray(String[]::new))) {
            int tab = line.indexOf('\t');
            String values = line.substring(tab + 1);
            if (!values.replace("\t", "").isEmpty()) {
                rows.put(Integer.parseInt(line.substring(0, tab)), values);
            }
        }
        return rows;
    }

    // ---- recording what a dissector says ----

    /** A sink that keeps everything, per frame. */
    public static class RecordingSink implements DissectionSink {
        public final Map<Integer, Map<Field, List<String>>> fields = new TreeMap<>();
        public final List<String> phases = new ArrayList<>();
        public final List<String> anomalies = new ArrayList<>();
        public final List<Object> messages = new ArrayList<>();
        /** The messages with the frame that completed them and their direction. */
        public final List<Framed> framed = new ArrayList<>();

        /** One message as reported. */
        public record Framed(int frame, int direction, Object message) {
        }

        @Override
        public void field(int frame, Field field, String value) {
            fields.computeIfAbsent(frame, f -> new EnumMap<>(Field.class))
                    .computeIfAbsent(field, f -> new ArrayList<>()).add(value);
        }

        @Override
        public void phase(int frame, String label) {
            phases.add(frame + " " + label);
        }

        @Override
        public void anomaly(int frame, String message) {
            anomalies.add(frame + " " + message);
        }

        @Override
        public void message(int frame, int direction, Object message) {
            messages.add(message);
            framed.add(new Framed(frame, direction, message));
        }

        /** Everything reported, for comparing two runs. */
        public List<Object> transcript() {
            return List.of(fields, phases, anomalies, framed);
        }

        /** The same shape as {@link #tsharkFields}. */
        public Map<Integer, String> rows() {
            Map<Integer, String> rows = new TreeMap<>();
            fields.forEach((frame, byField) -> {
                List<String> cells = new ArrayList<>();
                for (Field f : FIELDS) {
                    cells.add(String.join(",", byField.getOrDefault(f, List.of())));
                }
                rows.put(frame, String.join("\t", cells));
            });
            return rows;
        }

        /** The messages of one type, in order. */
        public <T> List<T> messages(Class<T> type) {
            return messages.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    // ---- synthetic captures ----

    /**
     * Writes a made-up TCP conversation as a raw-IPv4 pcap, to ask tshark what it makes of cases the corpus
     * lacks: handshake, then each step's payload as one segment with correct sequence numbers, then FINs.
     */
    public static final class Conversation {
        private final int serverPort;
        private final List<Object[]> steps = new ArrayList<>();

        private Conversation(int serverPort) {
            this.serverPort = serverPort;
        }

        /** A conversation with a server on {@code serverPort} (tshark picks the protocol by port). */
        public static Conversation toPort(int serverPort) {
            return new Conversation(serverPort);
        }

        public Conversation client(String ascii) {
            return client(ascii.getBytes(StandardCharsets.ISO_8859_1));
        }

        public Conversation server(String ascii) {
            return server(ascii.getBytes(StandardCharsets.ISO_8859_1));
        }

        public Conversation client(byte[] payload) {
            steps.add(new Object[] {0, payload});
            return this;
        }

        public Conversation server(byte[] payload) {
            steps.add(new Object[] {1, payload});
            return this;
        }

        /** A FIN from one side. */
        public Conversation fin(int direction) {
            steps.add(new Object[] {direction, null});
            return this;
        }

        /** Writes the pcap into {@code dir}. */
        public Path write(Path dir) {
            Path file = dir.resolve("conversation-" + serverPort + "-" + steps.size() + ".pcap");
            long[] seq = {1000, 5000};
            try (org.handshakelab.capture.CaptureWriter w = org.handshakelab.capture.CaptureWriter.create(file,
                    org.handshakelab.capture.WriteOptions.builder(org.handshakelab.capture.CaptureFormat.PCAP_USEC)
                            .build())) {
                long[] time = {1_700_000_000_000_000_000L};
                java.util.function.BiConsumer<Integer, Object[]> put = (d, tcp) -> {
                    byte[] packet = packet(d, (int) tcp[0], seq[d], seq[1 - d], (byte[]) tcp[1]);
                    time[0] += 1_000_000;
                    w.write(time[0], 101, packet.length, packet);
                };
                put.accept(0, new Object[] {0x02, new byte[0]});
                seq[0]++;
                put.accept(1, new Object[] {0x12, new byte[0]});
                seq[1]++;
                put.accept(0, new Object[] {0x10, new byte[0]});
                for (Object[] step : steps) {
                    int d = (Integer) step[0];
                    byte[] payload = (byte[]) step[1];
                    if (payload == null) {
                        put.accept(d, new Object[] {0x11, new byte[0]});
                        seq[d]++;
                    } else {
                        put.accept(d, new Object[] {0x18, payload});
                        seq[d] += payload.length;
                    }
                }
            }
            return file;
        }

        private byte[] packet(int direction, int flags, long seq, long ack, byte[] payload) {
            ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
            b.put((byte) 0x45).put((byte) 0).putShort((short) (40 + payload.length)).putInt(0)
                    .put((byte) 64).put((byte) 6).putShort((short) 0);
            byte[] client = {10, 0, 0, 1};
            byte[] server = {10, 0, 0, 2};
            b.put(direction == 0 ? client : server).put(direction == 0 ? server : client);
            b.putShort((short) (direction == 0 ? 40000 : serverPort)).putShort((short) (direction == 0 ? serverPort
                    : 40000));
            b.putInt((int) seq).putInt(flags == 0x02 ? 0 : (int) ack).put((byte) 0x50).put((byte) flags)
                    .putShort((short) 65535).putInt(0);
            b.put(payload);
            return b.array();
        }
    }

    // ---- TCP connections from a capture ----

    /** One event of a connection: payload (bytes non-null) or the end of a direction. */
    public record Event(int direction, int frame, byte[] bytes) {
        public boolean isEnd() {
            return bytes == null;
        }
    }

    /** One TCP connection: its events in capture order. */
    public record Connection(String name, List<Event> events) {
        /** Feeds the events, in capture order, to {@code dissector}. */
        public void replay(StreamDissector dissector) {
            for (Event e : events) {
                if (e.isEnd()) {
                    dissector.end(e.direction(), e.frame());
                } else {
                    dissector.accept(e.direction(), ByteBuffer.wrap(e.bytes()).asReadOnlyBuffer(), e.frame());
                }
            }
        }

        /** Like {@link #replay}, but every segment is cut in two at {@code at} (same frame for both parts). */
        public void replaySplit(StreamDissector dissector, int at) {
            for (Event e : events) {
                if (e.isEnd()) {
                    dissector.end(e.direction(), e.frame());
                } else if (at <= 0 || at >= e.bytes().length) {
                    dissector.accept(e.direction(), ByteBuffer.wrap(e.bytes()).asReadOnlyBuffer(), e.frame());
                } else {
                    dissector.accept(e.direction(), ByteBuffer.wrap(e.bytes(), 0, at).slice(), e.frame());
                    dissector.accept(e.direction(), ByteBuffer.wrap(e.bytes(), at, e.bytes().length - at).slice(),
                            e.frame());
                }
            }
        }

        /** Like {@link #replay}, one byte at a time. */
        public void replayByteByByte(StreamDissector dissector) {
            for (Event e : events) {
                if (e.isEnd()) {
                    dissector.end(e.direction(), e.frame());
                } else {
                    for (int i = 0; i < e.bytes().length; i++) {
                        dissector.accept(e.direction(), ByteBuffer.wrap(e.bytes(), i, 1).slice(), e.frame());
                    }
                }
            }
        }

        /** The longest segment. */
        public int longestSegment() {
            return events.stream().filter(e -> !e.isEnd()).mapToInt(e -> e.bytes().length).max().orElse(0);
        }

        /** The concatenated payload of one direction. */
        public byte[] stream(int direction) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            events.stream().filter(e -> !e.isEnd() && e.direction() == direction).forEach(e -> out.writeBytes(e.bytes()));
            return out.toByteArray();
        }
    }

    /** Replays every connection of {@code file} into a dissector from {@code factory}, all into one sink. */
    public static RecordingSink dissect(Path file, Function<DissectionSink, StreamDissector> factory) {
        RecordingSink sink = new RecordingSink();
        for (Connection c : connections(file)) {
            c.replay(factory.apply(sink));
        }
        return sink;
    }

    /** The TCP connections of a capture, in order of their first frame. */
    public static List<Connection> connections(Path file) {
        Map<String, Tcp> byKey = new LinkedHashMap<>();
        CaptureFile capture = CaptureFile.open(file);
        FrameCursor c = capture.cursor();
        int last = 0;
        while (c.next()) {
            last = (int) c.frameNumber();
            byte[] frame = new byte[c.capturedLength()];
            c.copyData(frame, 0);
            Segment s = Segment.parse(c.linkType(), frame);
            if (s == null) {
                continue;
            }
            String forward = s.src + ":" + s.srcPort + ">" + s.dst + ":" + s.dstPort;
            String backward = s.dst + ":" + s.dstPort + ">" + s.src + ":" + s.srcPort;
            Tcp tcp = byKey.get(forward);
            int direction = 0;
            if (tcp == null) {
                tcp = byKey.get(backward);
                direction = 1;
            }
            if (tcp == null) {
                boolean synAck = (s.flags & 0x12) == 0x12;
                tcp = new Tcp(synAck ? backward : forward);
                byKey.put(synAck ? backward : forward, tcp);
                direction = synAck ? 1 : 0;
            }
            tcp.segment(direction, s, last);
        }
        List<Connection> connections = new ArrayList<>();
        for (Tcp tcp : byKey.values()) {
            tcp.finish();
            connections.add(new Connection(tcp.name, List.copyOf(tcp.events)));
        }
        return connections;
    }

    private record Segment(String src, int srcPort, String dst, int dstPort, long seq, int flags, byte[] payload) {

        static Segment parse(int linkType, byte[] f) {
            int ip;
            switch (linkType) {
                case 0, 108 -> ip = 4;
                case 1 -> {
                    ip = 14;
                    while (f.length >= ip && u16(f, ip - 2) == 0x8100) {
                        ip += 4;
                    }
                }
                case 101, 228, 229 -> ip = 0;
                case 113 -> ip = 16;
                case 276 -> ip = 20;
                default -> {
                    return null;
                }
            }
            if (f.length < ip + 20) {
                return null;
            }
            int version = (f[ip] & 0xF0) >> 4;
            int tcp;
            int end;
            String src;
            String dst;
            if (version == 4) {
                if ((f[ip + 9] & 0xFF) != 6) {
                    return null;
                }
                tcp = ip + (f[ip] & 0x0F) * 4;
                end = Math.min(f.length, ip + u16(f, ip + 2));
                src = addr(f, ip + 12, 4);
                dst = addr(f, ip + 16, 4);
            } else if (version == 6) {
                if (f.length < ip + 40 || (f[ip + 6] & 0xFF) != 6) {
                    return null;
                }
                tcp = ip + 40;
                end = Math.min(f.length, tcp + u16(f, ip + 4));
                src = addr(f, ip + 8, 16);
                dst = addr(f, ip + 24, 16);
            } else {
                return null;
            }
            if (end < tcp + 20) {
                return null;
            }
            int dataOffset = ((f[tcp + 12] & 0xF0) >> 4) * 4;
            long seq = ((long) u16(f, tcp + 4) << 16) | u16(f, tcp + 6);
            byte[] payload = tcp + dataOffset <= end ? Arrays.copyOfRange(f, tcp + dataOffset, end) : new byte[0];
            return new Segment(src, u16(f, tcp), dst, u16(f, tcp + 2), seq, f[tcp + 13] & 0xFF, payload);
        }

        private static int u16(byte[] b, int i) {
            return (b[i] & 0xFF) << 8 | b[i + 1] & 0xFF;
        }

        private static String addr(byte[] b, int from, int n) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < n; i++) {
                s.append(i == 0 ? "" : ".").append(b[from + i] & 0xFF);
            }
            return s.toString();
        }
    }

    /** One connection being reassembled: per direction the next expected relative offset and held segments. */
    private static final class Tcp {
        final String name;
        final List<Event> events = new ArrayList<>();
        final long[] isn = {-1, -1};
        final long[] next = {0, 0};
        final boolean[] ended = new boolean[2];
        final List<TreeMap<Long, byte[]>> held = List.of(new TreeMap<>(), new TreeMap<>());
        int lastFrame;

        Tcp(String name) {
            this.name = name;
        }

        void segment(int d, Segment s, int frame) {
            lastFrame = frame;
            boolean syn = (s.flags & 0x02) != 0;
            if (isn[d] < 0) {
                isn[d] = syn ? s.seq + 1 : s.seq;
            }
            long rel = (s.seq - isn[d] + (syn ? 1 : 0)) & 0xFFFF_FFFFL;
            if (rel > 0x8000_0000L) {
                rel -= 0x1_0000_0000L;
            }
            if (s.payload.length > 0 && !ended[d]) {
                held.get(d).merge(rel, s.payload, (a, b) -> a.length >= b.length ? a : b);
                drain(d, frame);
            }
            if ((s.flags & 0x05) != 0 && !ended[d]) {
                ended[d] = true;
                events.add(new Event(d, frame, null));
            }
        }

        void drain(int d, int frame) {
            TreeMap<Long, byte[]> map = held.get(d);
            while (!map.isEmpty() && map.firstKey() <= next[d]) {
                Map.Entry<Long, byte[]> e = map.pollFirstEntry();
                long start = e.getKey();
                byte[] b = e.getValue();
                if (start + b.length <= next[d]) {
                    continue;
                }
                byte[] fresh = Arrays.copyOfRange(b, (int) (next[d] - start), b.length);
                events.add(new Event(d, frame, fresh));
                next[d] += fresh.length;
            }
        }

        /** Directions still open at the end of the capture end on the connection's last frame. */
        void finish() {
            for (int d = 0; d < 2; d++) {
                if (!ended[d] && isn[d] >= 0) {
                    events.add(new Event(d, lastFrame, null));
                }
            }
        }
    }
}
