package org.handshakelab.traffic;

import static org.handshakelab.traffic.TcpSegment.ACK;
import static org.handshakelab.traffic.TcpSegment.FIN;
import static org.handshakelab.traffic.TcpSegment.RST;
import static org.handshakelab.traffic.TcpSegment.RST_ACK;
import static org.handshakelab.traffic.TcpSegment.SYN;
import static org.handshakelab.traffic.TcpSegment.SYN_ACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.LinkType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled captures in {@code captures/}: they open, tshark agrees, and each shows its scenario. */
class RecordedCapturesTest {

    private static final Path CAPTURES = Path.of("..", "captures");

    /** One recorded connection: its segments and which port is the server's (the SYN's destination). */
    private record Connection(List<TcpSegment> tcp, int server) {
        static Connection of(String name) {
            CaptureFile file = CaptureFile.open(CAPTURES.resolve(name + ".pcapng"));
            List<TcpSegment> tcp = file.frames().stream().map(TcpSegment::of).toList();
            tcp.forEach(t -> assertNotNull(t, "every frame is TCP over IPv4 over Ethernet"));
            return new Connection(tcp, tcp.get(0).dstPort());
        }

        int first(Predicate<TcpSegment> p) {
            for (int i = 0; i < tcp.size(); i++) {
                if (p.test(tcp.get(i))) {
                    return i;
                }
            }
            return -1;
        }

        boolean toServer(TcpSegment t) {
            return t.dstPort() == server;
        }

        List<Integer> flags() {
            return tcp.stream().map(TcpSegment::flags).toList();
        }

        List<String> requests() {
            return tcp.stream().filter(this::toServer).map(TcpSegment::text).filter(s -> s.startsWith("GET "))
                    .toList();
        }

        void startsWithTheThreeWayHandshake() {
            assertEquals(List.of(SYN, SYN_ACK, ACK), flags().subList(0, 3));
            assertTrue(toServer(tcp.get(0)) && !toServer(tcp.get(1)) && toServer(tcp.get(2)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http-keepalive", "http-close", "tcp-rst", "tcp-refused"})
    void opensCleanlyWithTheReaderAndWithTshark(String name) throws java.io.IOException {
        Path path = CAPTURES.resolve(name + ".pcapng");
        assertTrue(Files.isRegularFile(path), path.toAbsolutePath() + " is bundled");
        CaptureFile file = CaptureFile.open(path);

        assertTrue(file.frameCount() > 0);
        assertEquals(List.of(), file.anomalies());
        assertTrue(file.frames().stream().allMatch(f -> f.linkType() == LinkType.ETHERNET.code()));
        assertTrue(Files.size(path) < 8192, "small: " + Files.size(path) + " bytes");

        RecordedTshark.Run run = RecordedTshark.run(path, "-T", "fields", "-e", "tcp.flags", "-e", "tcp.stream");
        assertEquals(0, run.exitCode());
        assertEquals(List.of(), run.warnings(), "tshark warnings");
        assertEquals(file.frames().stream().map(f -> TcpSegment.of(f).hexFlags() + "\t0").toList(), run.lines(),
                "tshark agrees on the flags, and there is exactly one TCP stream");

        String readme = Files.readString(CAPTURES.resolve("README.md"));
        assertTrue(readme.contains("| `" + name + ".pcapng` | " + file.frameCount() + " |"),
                "captures/README.md gives the frame count of " + name + ": " + file.frameCount());
    }

    @Test
    void keepAliveShowsTwoRequestsOnOneConnectionAndAFourWayCloseStartedByTheClient() {
        Connection c = Connection.of("http-keepalive");
        c.startsWithTheThreeWayHandshake();

        assertEquals(2, c.requests().size());
        assertTrue(c.requests().get(0).startsWith("GET /hello HTTP/1.1\r\nHost: 127.0.0.1:" + c.server() + "\r\n"
                + "User-Agent: HandshakeLab/0.1\r\n"));
        assertTrue(c.requests().get(1).startsWith("GET /again HTTP/1.1\r\n"));
        int clientFin = c.first(t -> c.toServer(t) && t.has(FIN));
        int serverFin = c.first(t -> !c.toServer(t) && t.has(FIN));
        assertTrue(clientFin > 0 && serverFin > clientFin, "client FIN first");
        // FIN, ACK, FIN, ACK: the last four segments
        int n = c.tcp().size();
        assertEquals(List.of(FIN | ACK, ACK, FIN | ACK, ACK), c.flags().subList(n - 4, n));
        assertEquals(n - 4, clientFin);
        assertTrue(c.tcp().stream().noneMatch(t -> t.has(RST)));
    }

    @Test
    void connectionCloseShowsTheServerClosingFirst() {
        Connection c = Connection.of("http-close");
        c.startsWithTheThreeWayHandshake();

        assertEquals(1, c.requests().size());
        assertTrue(c.requests().get(0).contains("\r\nConnection: close\r\n"));
        int clientFin = c.first(t -> c.toServer(t) && t.has(FIN));
        int serverFin = c.first(t -> !c.toServer(t) && t.has(FIN));
        assertTrue(serverFin > 0 && clientFin > serverFin, "server FIN first");
        assertTrue(c.tcp().stream().noneMatch(t -> t.has(RST)));
    }

    @Test
    void rstShowsTheClientAbortingAfterTheResponse() {
        Connection c = Connection.of("tcp-rst");
        c.startsWithTheThreeWayHandshake();
        TcpSegment last = c.tcp().get(c.tcp().size() - 1);

        assertEquals(1, c.requests().size());
        assertTrue(c.toServer(last) && last.has(RST), "the client's RST ends it");
        assertTrue(c.tcp().stream().noneMatch(t -> t.has(FIN)), "no FIN: an abort, not a close");
    }

    @Test
    void refusedShowsASynAnsweredByRstAck() {
        Connection c = Connection.of("tcp-refused");

        assertEquals(List.of(SYN, RST_ACK), c.flags());
        assertEquals(c.server(), c.tcp().get(1).srcPort());
        assertEquals(c.tcp().get(0).srcPort(), c.tcp().get(1).dstPort());
    }
}
