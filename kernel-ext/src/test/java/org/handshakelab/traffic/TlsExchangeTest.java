package org.handshakelab.traffic;

import org.handshakelab.TestTools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.handshakelab.LabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TlsExchangeTest {

    private static final CertifiedKey KEY = CertificateMaker.localhost();

    @TempDir
    Path dir;

    private static TlsOptions.Builder options() {
        return TlsOptions.builder().serverKey(KEY);
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void handshakeCompletesAndTheHttpResponseArrives(TlsVersion version) {
        TlsExchange ex = TlsExchange.run(options().version(version).build());
        assertEquals(version, ex.version());
        assertEquals(version, ex.server().version());
        assertEquals(TlsCipherSuite.defaultFor(version), ex.cipherSuite());
        assertEquals("GET / HTTP/1.1\r\nHost: localhost:" + ex.serverPort() + "\r\n",
                ex.request().substring(0, ex.request().indexOf("\r\n", 16) + 2));
        assertEquals("HTTP/1.1 200 OK", ex.client().receivedFirstLine());
        assertTrue(ex.response().contains("\r\nContent-Length: 25\r\n"));
        assertTrue(ex.response().endsWith("\r\n\r\nHello from Handshake Lab\n"));
        assertEquals(ex.client().sent(), ex.server().received(), "the server got what the client sent");
        assertEquals(ex.server().sent(), ex.client().received(), "the client got what the server sent");
        assertEquals(ex.clientPort(), ex.server().peerPort());
        assertEquals(List.of(), ex.client().alerts());
        assertEquals(List.of(), ex.server().alerts());
    }

    @ParameterizedTest
    @EnumSource(TlsCipherSuite.class)
    void everyOfferedCipherSuiteIsNegotiated(TlsCipherSuite suite) {
        TlsExchange ex = TlsExchange.run(options().cipherSuite(suite).build());
        assertEquals(suite, ex.cipherSuite());
        assertEquals(suite.version(), ex.version());
        assertEquals(suite, ex.server().cipherSuite());
    }

    @Test
    void tls12KeyLogIsOneClientRandomLineWithTheMasterSecret() {
        KeyLog log = TlsExchange.run(options().version(TlsVersion.TLS_1_2).build()).keyLog();
        assertEquals(List.of(KeyLog.CLIENT_RANDOM), log.labels());
        assertEquals(48 * 2, log.lines().get(0).secret().length(), "48-byte master secret");
    }

    @ParameterizedTest
    @EnumSource(value = TlsCipherSuite.class, names = {"AES_128_GCM_SHA256", "AES_256_GCM_SHA384"})
    void tls13KeyLogHasTheFourTrafficSecretsAndTheExporterSecret(TlsCipherSuite suite) {
        KeyLog log = TlsExchange.run(options().cipherSuite(suite).build()).keyLog();
        assertEquals(List.of(KeyLog.CLIENT_HANDSHAKE_TRAFFIC_SECRET, KeyLog.SERVER_HANDSHAKE_TRAFFIC_SECRET,
                KeyLog.CLIENT_TRAFFIC_SECRET_0, KeyLog.SERVER_TRAFFIC_SECRET_0, KeyLog.EXPORTER_SECRET), log.labels());
        int hashLength = suite == TlsCipherSuite.AES_256_GCM_SHA384 ? 48 : 32;
        log.lines().forEach(l -> assertEquals(hashLength * 2, l.secret().length(), l.label()));
        assertEquals(1, log.clientRandoms().size(), "one session");
        assertEquals(5, log.lines().stream().map(KeyLogLine::secret).distinct().count(), "five different secrets");
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void bothEndsDeriveTheSameSecrets(TlsVersion version) {
        TlsExchange ex = TlsExchange.run(options().version(version).build());
        assertEquals(ex.client().keyLog(), ex.server().keyLog());
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void keyLogClientRandomIsTheOneInTheClientHelloOnTheWire(TlsVersion version) throws Exception {
        TlsOptions opts = options().version(version).build();
        TlsEndpoint client;
        byte[] wire;
        try (TlsHttpServer server = TlsHttpServer.start(opts); TlsRelay relay = TlsRelay.to(server.port())) {
            client = TlsHttpClient.get(relay.port(), opts);
            server.await();
            wire = relay.clientBytes();
        }
        assertEquals(22, wire[0], "handshake record");
        assertEquals(1, wire[5], "ClientHello");
        byte[] random = Arrays.copyOfRange(wire, 11, 43); // RFC 8446 §4.1.2: after type, length and legacy_version
        assertEquals(KeyLog.hex(random), client.keyLog().lines().get(0).clientRandom());
        client.keyLog().lines().forEach(l -> assertEquals(KeyLog.hex(random), l.clientRandom()));
    }

    @ParameterizedTest
    @EnumSource(TlsSide.class)
    void bothSidesSendCloseNotifyBeforeTheirFin(TlsSide first) {
        TlsExchange ex = TlsExchange.run(options().closeFirst(first).build());
        assertEquals(List.of(TlsCloseEvent.of(first, TlsCloseEvent.Kind.CLOSE_NOTIFY),
                TlsCloseEvent.of(first.peer(), TlsCloseEvent.Kind.CLOSE_NOTIFY),
                TlsCloseEvent.of(first.peer(), TlsCloseEvent.Kind.FIN),
                TlsCloseEvent.of(first, TlsCloseEvent.Kind.FIN)), ex.closeOrder());
        assertEquals(first, ex.closedFirst());
        assertTrue(ex.server().closeNotifyReceived() || first == TlsSide.SERVER, "the server read the client's");
        assertTrue(ex.client().closeNotifyReceived() || first == TlsSide.CLIENT, "the client read the server's");
        assertEquals("[" + first + " close_notify, " + first.peer() + " close_notify, " + first.peer() + " FIN, "
                + first + " FIN]", ex.closeOrder().toString());
    }

    @Test
    void certificateOtherThanThePinnedOneFailsTheHandshake() {
        CertifiedKey other = CertificateMaker.builder().keyBits(1024).build().make();
        LabException e = assertThrows(LabException.class,
                () -> TlsExchange.run(options().pinnedCertificate(other.certificate()).build()));
        assertTrue(e.getMessage().contains("bad_certificate"), e.getMessage());
        assertTrue(e.getMessage().contains("not the pinned one"), e.getMessage());
        assertTrue(e.getMessage().contains("pinnedCertificate"), "says what to do: " + e.getMessage());
        assertEquals(1, e.getSuppressed().length, "the server's side of it");
        assertTrue(e.getSuppressed()[0].getMessage().contains("the peer sent fatal alert bad_certificate"),
                e.getSuppressed()[0].getMessage());
    }

    @Test
    void hostCheckFailsForANameTheCertificateDoesNotList() {
        LabException e = assertThrows(LabException.class,
                () -> TlsExchange.run(options().serverName("example.com").build()));
        assertTrue(e.getMessage().contains("certificate_unknown"), e.getMessage());
        assertTrue(e.getMessage().contains("does not name example.com, only [DNS:localhost, IP:127.0.0.1]"),
                e.getMessage());
    }

    @Test
    void hostCheckAcceptsTheIpAddressInTheSubjectAltName() {
        TlsExchange ex = TlsExchange.run(options().serverName("127.0.0.1").build());
        assertTrue(ex.request().contains("\r\nHost: 127.0.0.1:" + ex.serverPort() + "\r\n"));
    }

    @Test
    void hostCheckFailsWhenTheCertificateNamesNoHostAtAll() {
        CertifiedKey noSan = CertificateMaker.builder().dnsNames().ipAddresses().keyBits(1024).build().make();
        LabException e = assertThrows(LabException.class, () -> TlsExchange.run(options().serverKey(noSan).build()));
        assertTrue(e.getMessage().contains("does not name localhost, only []"), "CN is not consulted: "
                + e.getMessage());
    }

    @Test
    void servesTheCertificateTheRealOpensslCommandMade() {
        String openssl = TestTools.find("openssl");
        assumeTrue(openssl != null, "openssl not installed");
        TlsTshark.run(List.of(openssl, "req", "-x509", "-newkey", "rsa:2048", "-keyout",
                dir.resolve("server.key").toString(), "-out", dir.resolve("server.crt").toString(), "-days", "365",
                "-nodes", "-subj", CertificateMaker.COURSE_SUBJECT,
                "-addext", "subjectAltName = DNS:localhost,IP:127.0.0.1"));
        CertifiedKey key = new CertFiles(dir.resolve("server.key"), dir.resolve("server.crt")).read();
        for (TlsVersion version : TlsVersion.values()) {
            TlsExchange ex = TlsExchange.run(TlsOptions.builder().serverKey(key).version(version).build());
            assertEquals("HTTP/1.1 200 OK", ex.client().receivedFirstLine());
        }
    }

    @Test
    void customPathAndBodyTravel() {
        TlsExchange ex = TlsExchange.run(options().path("/hello?x=1").body("é!").build());
        assertTrue(ex.request().startsWith("GET /hello?x=1 HTTP/1.1\r\n"));
        assertTrue(ex.response().contains("Content-Length: 3\r\n"), "UTF-8 bytes are counted");
        assertTrue(ex.response().endsWith("é!"));
    }

    @Test
    void silentPeerTimesOutWithAMessageSayingWhatToDo() throws Exception {
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    Thread.sleep(3_000);
                } catch (Exception e) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            LabException e = assertThrows(LabException.class, () -> TlsHttpClient.get(silent.getLocalPort(),
                    options().timeout(Duration.ofMillis(300)).build()));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2_500, "bounded by the timeout");
            assertTrue(e.getMessage().contains("nothing arrived in time"), e.getMessage());
            assertTrue(e.getMessage().contains("timeout"), e.getMessage());
        }
    }

    @Test
    void serverClosedBeforeAnyClientReportsTheFailure() {
        TlsHttpServer server = TlsHttpServer.start(options().build());
        long start = System.nanoTime();
        server.close();
        assertThrows(LabException.class, server::await);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000);
    }

    @Test
    void connectingWhereNothingListensIsRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        LabException e = assertThrows(LabException.class, () -> TlsHttpClient.get(port, options().build()));
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
    }

    @Test
    void secondServerOnTheSamePortFailsWithTheRemedy() {
        try (TlsHttpServer first = TlsHttpServer.start(options().build())) {
            LabException e = assertThrows(LabException.class,
                    () -> TlsHttpServer.start(options().port(first.port()).build()));
            assertTrue(e.getMessage().contains("use port 0"), e.getMessage());
        }
    }

    @Test
    void keyLogIsWrittenAsAnSslKeyLogFile() throws Exception {
        TlsExchange ex = TlsExchange.run(options().build());
        Path file = ex.keyLog().write(dir.resolve("sub/keys.log"));
        assertEquals(ex.keyLog(), KeyLog.read(file));
        assertArrayEquals(ex.keyLog().bytes(), java.nio.file.Files.readAllBytes(file));
    }
}
