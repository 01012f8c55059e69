package org.handshakelab.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.handshakelab.LabException;
import org.handshakelab.traffic.HttpExchange;
import org.handshakelab.traffic.HttpLabServer;
import org.handshakelab.traffic.HttpVariant;
import org.handshakelab.traffic.Loopback;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live capture on loopback, checked against the file reader and tshark. Needs root or CAP_NET_RAW. */
@Tag("live")
class LiveCaptureTest {

    private static final int SYN = 0x002;
    private static final int SYN_ACK = 0x012;
    private static final int ACK = 0x010;
    private static final int FIN = 0x001;
    private static final int RST = 0x004;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsLiveCapture() {
        LiveAvailability live = LiveCapture.available();
        assumeTrue(live.available(), () -> "live capture not possible here: " + live.reason());
    }

    /** The TCP fields the test needs, read inline from an Ethernet/IPv4 frame (the dissector is elsewhere). */
    record Tcp(int srcPort, int dstPort, int flags, byte[] payload) {
        static Tcp of(Frame frame) {
            ByteBuffer b = frame.buffer();
            assertEquals(LinkType.ETHERNET.code(), frame.linkType(), "link type");
            assertEquals(0x0800, b.getShort(12) & 0xFFFF, "ethertype IPv4");
            int ip = 14;
            int ihl = (b.get(ip) & 0x0F) * 4;
            int total = b.getShort(ip + 2) & 0xFFFF;
            assertEquals(6, b.get(ip + 9), "IP protocol TCP");
            int tcp = ip + ihl;
            int dataOffset = ((b.get(tcp + 12) & 0xF0) >> 4) * 4;
            int flags = ((b.get(tcp + 12) & 0x01) << 8) | (b.get(tcp + 13) & 0xFF);
            byte[] payload = new byte[ip + total - tcp - dataOffset];
            b.get(tcp + dataOffset, payload);
            return new Tcp(b.getShort(tcp) & 0xFFFF, b.getShort(tcp + 2) & 0xFFFF, flags, payload);
        }

        boolean has(int flag) {
            return (flags & flag) == flag;
        }
    }

    private record Recorded(CaptureFile file, List<Frame> live, HttpExchange exchange) {
    }

    private Recorded captureKeepAlive() {
        List<Frame> seen = Collections.synchronizedList(new ArrayList<>());
        try (HttpLabServer server = HttpLabServer.start()) {
            LiveOptions options = LiveOptions.builder().filter("tcp port " + server.port())
                    .output(dir.resolve("live.pcapng")).build();
            try (LiveCapture live = LiveCapture.start(options, seen::add)) {
                HttpExchange exchange = HttpExchange.run(HttpVariant.KEEP_ALIVE, server.port());
                server.awaitConnections(1, Duration.ofSeconds(5));
                assertTrue(live.awaitQuiet(Duration.ofMillis(200), Duration.ofSeconds(5)), "capture went quiet");
                CaptureFile file = live.stop();
                assertEquals(LiveCapture.Ending.STOPPED, live.ending());
                assertEquals(live.packets(), file.frameCount());
                return new Recorded(file, List.copyOf(seen), exchange);
            }
        }
    }

    @Test
    void capturesHandshakeRequestAndBothFinsInOrder() {
        Recorded r = captureKeepAlive();
        int server = r.exchange().serverPort();
        List<Tcp> tcp = r.file().frames().stream().map(Tcp::of).toList();

        assertTrue(tcp.size() >= 10, "frames: " + tcp.size());
        assertEquals(List.of(SYN, SYN_ACK, ACK), tcp.subList(0, 3).stream().map(Tcp::flags).toList());
        assertEquals(server, tcp.get(0).dstPort());
        assertEquals(server, tcp.get(1).srcPort());
        assertEquals(server, tcp.get(2).dstPort());

        int get = indexOf(tcp, t -> t.dstPort() == server && new String(t.payload(), StandardCharsets.US_ASCII)
                .startsWith("GET "));
        assertTrue(get > 2, "a GET after the handshake");
        assertEquals(r.exchange().requests().get(0), new String(tcp.get(get).payload(), StandardCharsets.US_ASCII));

        int clientFin = indexOf(tcp, t -> t.dstPort() == server && t.has(FIN));
        int serverFin = indexOf(tcp, t -> t.srcPort() == server && t.has(FIN));
        assertTrue(clientFin > get && serverFin > clientFin, "client FIN " + clientFin + ", then server FIN "
                + serverFin);
        assertTrue(tcp.stream().noneMatch(t -> t.has(RST)), "no RST in a clean close");
    }

    private static int indexOf(List<Tcp> tcp, java.util.function.Predicate<Tcp> p) {
        for (int i = 0; i < tcp.size(); i++) {
            if (p.test(tcp.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void framesReadBackFromTheFileEqualTheFramesSeenLive() {
        Recorded r = captureKeepAlive();
        List<Frame> fromFile = r.file().frames();

        assertEquals(r.live().size(), fromFile.size());
        for (int i = 0; i < fromFile.size(); i++) {
            Frame live = r.live().get(i);
            Frame read = fromFile.get(i);
            assertEquals(live.number(), read.number());
            assertEquals(live.timestampNanos(), read.timestampNanos(), "timestamp of frame " + (i + 1));
            assertEquals(live.linkType(), read.linkType());
            assertEquals(live.originalLength(), read.originalLength());
            assertArrayEquals(live.data(), read.data(), "bytes of frame " + (i + 1));
        }
        assertTrue(r.file().anomalies().isEmpty(), () -> r.file().anomalies().toString());
    }

    @Test
    void tsharkReadsTheWrittenFileAndAgreesOnTheFlagsOfEachFrame() {
        Recorded r = captureKeepAlive();
        Path file = Path.of(r.file().name());
        TsharkOracle.Run run = TsharkOracle.run(file, "-T", "fields", "-e", "tcp.flags");

        assertEquals(0, run.exitCode(), () -> String.join("\n", run.errors()));
        assertEquals(List.of(), run.warnings());
        List<String> ours = r.file().frames().stream().map(f -> String.format("0x%04x", Tcp.of(f).flags())).toList();
        assertEquals(ours, run.lines());
        assertEquals(TsharkOracle.packets(r.file()), TsharkOracle.packets(file));
    }

    @Test
    void anUnlimitedCaptureStopsWithinOneSecondOfAnInterrupt() throws Exception {
        LiveOptions options = LiveOptions.builder().filter("tcp port " + Loopback.freePort()).build();
        AtomicReference<CaptureFile> result = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread cell = new Thread(() -> {
            result.set(LiveCapture.capture(options));
            flagKept.set(Thread.currentThread().isInterrupted());
        });
        cell.start();
        Thread.sleep(300);
        assertTrue(cell.isAlive(), "still capturing before the interrupt");

        long interruptedAt = System.nanoTime();
        cell.interrupt();
        cell.join(1000);
        long tookMillis = (System.nanoTime() - interruptedAt) / 1_000_000;

        assertFalse(cell.isAlive(), "capture still running 1 s after the interrupt");
        assertTrue(tookMillis < 1000, "stopped after " + tookMillis + " ms");
        assertEquals(0, result.get().frameCount());
        assertTrue(flagKept.get(), "the interrupt flag stays set for the caller");
    }

    @Test
    void aPacketLimitEndsTheCaptureAfterTheHandshake() {
        try (HttpLabServer server = HttpLabServer.start()) {
            LiveOptions options = LiveOptions.builder().filter("tcp port " + server.port()).packetLimit(3).build();
            LiveCapture live = LiveCapture.start(options);
            HttpExchange.run(HttpVariant.CLOSE, server.port());
            CaptureFile file = live.await();

            assertEquals(LiveCapture.Ending.PACKET_LIMIT, live.ending());
            assertEquals(List.of(SYN, SYN_ACK, ACK), file.frames().stream().map(f -> Tcp.of(f).flags()).toList());
        }
    }

    @Test
    void aTimeLimitEndsTheCapture() {
        LiveOptions options = LiveOptions.builder().filter("tcp port " + Loopback.freePort())
                .timeLimit(Duration.ofMillis(300)).build();
        long start = System.nanoTime();
        LiveCapture live = LiveCapture.start(options);
        CaptureFile file = live.await();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(LiveCapture.Ending.TIME_LIMIT, live.ending());
        assertTrue(tookMillis >= 300 && tookMillis < 1500, "took " + tookMillis + " ms");
        assertEquals(0, file.frameCount());
    }

    @Test
    void timestampsAreNanosecondsAndTheLinkTypeIsEthernetOnLo() {
        Recorded r = captureKeepAlive();
        assertTrue(r.file().interfaces().stream().allMatch(i -> i.linkType() == LinkType.ETHERNET.code()));
        long previous = 0;
        for (Frame f : r.file().frames()) {
            assertTrue(f.timestampNanos() >= previous, "timestamps do not go back");
            previous = f.timestampNanos();
        }
        long now = System.currentTimeMillis() * 1_000_000L;
        assertTrue(Math.abs(now - previous) < Duration.ofMinutes(1).toNanos(), "timestamps are wall-clock time");
    }

    @Test
    void aBadFilterGivesLabExceptionWithTheFilterAndLibpcapsMessage() {
        LiveOptions options = LiveOptions.builder().filter("tcp port nonsense").build();
        LabException e = assertThrows(LabException.class, () -> LiveCapture.start(options));

        assertTrue(e.getMessage().contains("\"tcp port nonsense\""), e.getMessage());
        assertTrue(e.getMessage().contains("unknown port 'nonsense'"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void anUnknownInterfaceIsNamedWithTheOnesThatExist() {
        LiveOptions options = LiveOptions.builder().interfaceName("nosuch0").build();
        LabException e = assertThrows(LabException.class, () -> LiveCapture.start(options));

        assertTrue(e.getMessage().startsWith("live capture on nosuch0: no such interface"), e.getMessage());
        assertTrue(e.getMessage().contains("lo"), e.getMessage());
    }

    @Test
    void stopTwiceReturnsTheSameCapture() {
        LiveCapture live = LiveCapture.start(LiveOptions.builder().filter("tcp port " + Loopback.freePort()).build());
        CaptureFile first = live.stop();
        assertTrue(first == live.stop());
        assertFalse(live.running());
    }
}
