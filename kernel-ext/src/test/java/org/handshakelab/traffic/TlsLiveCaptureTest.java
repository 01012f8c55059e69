package org.handshakelab.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The proof that the key logs are honest: tshark captures the session on loopback and, given only the key log,
 * decrypts the HTTP inside, both Finished messages and both close_notify alerts. A wrong key log decrypts nothing.
 */
@Tag("live")
class TlsLiveCaptureTest {

    private static final CertifiedKey KEY = CertificateMaker.localhost();
    private static final String FILTER = "http || tls.handshake.type == 1 || tls.handshake.type == 2 "
            + "|| tls.handshake.type == 20 || tls.alert_message || tcp.flags.fin == 1 || tcp.flags.reset == 1";
    private static final String[] FIELDS = {"tcp.srcport", "tcp.flags.fin", "tcp.flags.reset", "tls.handshake.type",
        "tls.handshake.random", "tls.handshake.ciphersuite", "tls.handshake.extensions_server_name",
        "tls.alert_message.desc", "http.request.method", "http.response.code"};

    @TempDir
    Path dir;

    @BeforeAll
    static void needsRootAndTshark() {
        TlsTshark.assumePresent();
        TlsTshark.assumeRoot();
    }

    /** One frame as tshark decodes it with a key log; multi-valued fields are lists. */
    private record Row(int port, boolean fin, boolean reset, List<String> handshakeTypes, String random,
            String cipherSuite, String serverName, List<String> alerts, String method, String status) {
        static Row parse(String line) {
            String[] f = line.split("\t", -1);
            return new Row(Integer.parseInt(f[0]), flag(f[1]), flag(f[2]), list(f[3]), f[4].replace(":", ""), f[5],
                    f[6], list(f[7]), f[8], f[9]);
        }

        private static boolean flag(String s) {
            return s.equals("1") || s.equalsIgnoreCase("true");
        }

        private static List<String> list(String s) {
            return s.isEmpty() ? List.of() : List.of(s.split(","));
        }
    }

    private record Captured(TlsExchange exchange, Path pcap) {
        List<Row> decode(KeyLog keyLog, Path file) {
            List<String> args = new ArrayList<>(List.of("-o", "tls.keylog_file:" + keyLog.write(file),
                    "-Y", FILTER, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"));
            for (String field : FIELDS) {
                args.add("-e");
                args.add(field);
            }
            return TlsTshark.read(pcap, args.toArray(String[]::new)).stream().map(Row::parse).toList();
        }
    }

    private Captured capture(TlsOptions options) throws Exception {
        Path pcap = dir.resolve("tls.pcapng");
        try (TlsHttpServer server = TlsHttpServer.start(options);
             TlsTshark tshark = TlsTshark.capture(server.port(), pcap)) {
            TlsExchange exchange = TlsExchange.run(server);
            tshark.stop();
            return new Captured(exchange, pcap);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsCipherSuite.class)
    void keyLogDecryptsHttpFinishedAndBothCloseNotifies(TlsCipherSuite suite) throws Exception {
        Captured c = capture(TlsOptions.builder().cipherSuite(suite).serverKey(KEY).build());
        TlsExchange ex = c.exchange();
        List<Row> rows = c.decode(ex.keyLog(), dir.resolve("keys.log"));
        int client = ex.clientPort();
        int server = ex.serverPort();

        assertEquals(List.of("GET"), rows.stream().filter(r -> r.port() == client && !r.method().isEmpty())
                .map(Row::method).toList(), "decrypted request");
        assertEquals(List.of("200"), rows.stream().filter(r -> r.port() == server && !r.status().isEmpty())
                .map(Row::status).toList(), "decrypted response");
        assertEquals(List.of(client, server), rows.stream().filter(r -> r.handshakeTypes().contains("20"))
                .map(Row::port).sorted((a, b) -> a == client ? -1 : 1).toList(), "one Finished from each side");
        assertEquals(List.of(client, server), rows.stream().filter(r -> r.alerts().contains("0"))
                .map(Row::port).toList(), "close_notify from the client, then from the server");
        Row hello = rows.stream().filter(r -> r.handshakeTypes().contains("1")).findFirst().orElseThrow();
        assertEquals(ex.clientRandom(), hello.random(), "the key log is filed under the ClientHello.random");
        assertEquals("localhost", hello.serverName(), "SNI");
        Row serverHello = rows.stream().filter(r -> r.handshakeTypes().contains("2")).findFirst().orElseThrow();
        assertEquals(String.format("0x%04x", suite.code()), serverHello.cipherSuite());
        assertEquals(List.of(), rows.stream().filter(Row::reset).toList(), "no RST");
    }

    @ParameterizedTest
    @EnumSource(TlsSide.class)
    void closeOrderOnTheWireIsTheRecordedOne(TlsSide first) throws Exception {
        Captured c = capture(TlsOptions.builder().serverKey(KEY).closeFirst(first).build());
        TlsExchange ex = c.exchange();
        List<String> wire = new ArrayList<>();
        java.util.Set<TlsSide> finSent = java.util.EnumSet.noneOf(TlsSide.class);
        for (Row r : c.decode(ex.keyLog(), dir.resolve("keys.log"))) {
            TlsSide side = r.port() == ex.clientPort() ? TlsSide.CLIENT : TlsSide.SERVER;
            if (r.alerts().contains("0")) {
                wire.add(side + " close_notify");
            }
            // a FIN sent again (its ACK was late on a busy machine) is the same FIN: its first frame counts
            if (r.fin() && finSent.add(side)) {
                wire.add(side + " FIN");
            }
        }
        assertEquals(ex.closeOrder().stream().map(Object::toString).toList(), wire);
        assertEquals(List.of(first + " close_notify", first.peer() + " close_notify", first.peer() + " FIN",
                first + " FIN"), wire);
    }

    @Test
    void wrongKeyLogDecryptsNothing() throws Exception {
        for (TlsVersion version : TlsVersion.values()) {
            Captured c = capture(TlsOptions.builder().version(version).serverKey(KEY).build());
            KeyLog honest = c.exchange().keyLog();
            KeyLog wrong = KeyLog.of(honest.lines().stream().map(l -> new KeyLogLine(l.label(), l.clientRandom(),
                    flipLastBit(l.secret()))).toList());

            List<Row> withWrong = c.decode(wrong, dir.resolve("wrong.log"));
            assertEquals(List.of(), withWrong.stream().filter(r -> !r.method().isEmpty() || !r.status().isEmpty())
                    .toList(), version + ": no HTTP with a wrong key log");
            assertEquals(List.of(), withWrong.stream().filter(r -> r.alerts().contains("0")).toList(),
                    version + ": no close_notify with a wrong key log");

            List<Row> withHonest = c.decode(honest, dir.resolve("honest.log"));
            assertTrue(withHonest.stream().anyMatch(r -> r.method().equals("GET")), version + ": honest key log");
        }
    }

    private static String flipLastBit(String hex) {
        int last = Integer.parseInt(hex.substring(hex.length() - 2), 16) ^ 0x01;
        return hex.substring(0, hex.length() - 2) + String.format("%02x", last);
    }
}
