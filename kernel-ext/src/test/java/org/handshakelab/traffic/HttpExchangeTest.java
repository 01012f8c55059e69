package org.handshakelab.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.handshakelab.LabException;
import org.junit.jupiter.api.Test;

/** The HTTP generator alone, without a capture: needs no privilege. */
class HttpExchangeTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void theRequestIsExactlyWhatTheNotebookDescribes() {
        assertEquals("GET /hello HTTP/1.1\r\n"
                + "Host: 127.0.0.1:8080\r\n"
                + "User-Agent: HandshakeLab/0.1\r\n"
                + "Accept: text/plain\r\n"
                + "\r\n", HttpExchange.request("/hello", 8080, false));
        assertTrue(HttpExchange.request("/hello", 8080, true).endsWith("Connection: close\r\n\r\n"));
    }

    @Test
    void keepAliveSendsTwoRequestsOnOneConnectionAndTheClientClosesFirst() {
        try (HttpLabServer server = HttpLabServer.start()) {
            HttpExchange ex = HttpExchange.run(HttpVariant.KEEP_ALIVE, server.port());
            List<HttpConnection> seen = server.awaitConnections(1, WAIT);

            assertEquals(List.of(HttpExchange.request("/hello", server.port(), false),
                    HttpExchange.request("/again", server.port(), false)), ex.requests());
            assertEquals(List.of("HTTP/1.1 200 OK", "HTTP/1.1 200 OK"), ex.statusLines());
            assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 33\r\n\r\n"
                    + "Hello from Handshake Lab: /hello\n", ex.responses().get(0));
            assertEquals(TcpEnding.CLIENT_CLOSED_FIRST, ex.ending());
            assertEquals(1, seen.size(), "one connection for both requests");
            assertEquals(List.of("GET /hello HTTP/1.1", "GET /again HTTP/1.1"), seen.get(0).requestLines());
            assertEquals(ex.clientPort(), seen.get(0).clientPort());
            assertEquals(TcpEnding.CLIENT_CLOSED_FIRST, seen.get(0).ending());
        }
    }

    @Test
    void connectionCloseMakesTheServerCloseFirst() {
        try (HttpLabServer server = HttpLabServer.start()) {
            HttpExchange ex = HttpExchange.run(HttpVariant.CLOSE, server.port());
            HttpConnection seen = server.awaitConnections(1, WAIT).get(0);

            assertEquals(1, ex.requests().size());
            assertTrue(ex.requests().get(0).contains("\r\nConnection: close\r\n"));
            assertTrue(ex.responses().get(0).contains("\r\nConnection: close\r\n"));
            assertEquals(TcpEnding.SERVER_CLOSED_FIRST, ex.ending());
            assertEquals(TcpEnding.SERVER_CLOSED_FIRST, seen.ending());
        }
    }

    @Test
    void resetAbortsTheConnectionAndTheServerSeesTheReset() {
        try (HttpLabServer server = HttpLabServer.start()) {
            HttpExchange ex = HttpExchange.run(HttpVariant.RESET, server.port());
            HttpConnection seen = server.awaitConnections(1, WAIT).get(0);

            assertEquals(List.of("HTTP/1.1 200 OK"), ex.statusLines());
            assertEquals(TcpEnding.CLIENT_RESET, ex.ending());
            assertEquals(TcpEnding.CLIENT_RESET, seen.ending());
        }
    }

    @Test
    void aPortWithNoListenerRefusesTheConnection() {
        HttpExchange ex = HttpExchange.run(HttpVariant.REFUSED);

        assertTrue(ex.refused());
        assertEquals(List.of(), ex.requests());
        assertTrue(ex.clientPort() > 0, "the client port is known even when refused");
    }

    @Test
    void expectingARefusalWhereAServerListensIsALabException() {
        try (HttpLabServer server = HttpLabServer.start()) {
            LabException e = assertThrows(LabException.class,
                    () -> HttpExchange.run(HttpVariant.REFUSED, server.port()));
            assertTrue(e.getMessage().contains("something listens there"), e.getMessage());
        }
    }

    @Test
    void aRequestWithoutAServerSaysToStartOne() {
        LabException e = assertThrows(LabException.class,
                () -> HttpExchange.run(HttpVariant.KEEP_ALIVE, Loopback.freePort()));
        assertTrue(e.getMessage().contains("connection refused; start the server first"), e.getMessage());
    }

    @Test
    void everyVariantRunsAgainstItsOwnServer() {
        for (HttpVariant v : HttpVariant.values()) {
            assertEquals(v.ending(), HttpExchange.run(v).ending(), v.toString());
        }
    }

    @Test
    void theServerAnswersAMalformedRequestWith400AndCloses() throws IOException {
        try (HttpLabServer server = HttpLabServer.start(); Socket s = Loopback.unconnected(WAIT)) {
            Loopback.connect(s, server.port(), WAIT);
            OutputStream out = s.getOutputStream();
            out.write("BREW /pot HTCPCP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String head = HttpMessages.readHead(in);
            assertEquals("HTTP/1.1 400 Bad Request", HttpMessages.firstLine(head));
            HttpMessages.readBody(in, head);
            assertEquals(-1, in.read(), "the server closed after the 400");
        }
    }

    @Test
    void closingTheServerWithAnIdleConnectionIsBounded() throws IOException {
        HttpLabServer server = HttpLabServer.start();
        try (Socket idle = Loopback.unconnected(WAIT)) {
            Loopback.connect(idle, server.port(), WAIT);
            long start = System.nanoTime();
            server.close();
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertTrue(tookMillis < 2500, "close took " + tookMillis + " ms");
            // FIN if the server had accepted it, RST if it was still in the listen backlog
            try {
                assertEquals(-1, idle.getInputStream().read(), "the idle connection was closed");
            } catch (java.net.SocketException reset) {
                assertTrue(String.valueOf(reset.getMessage()).contains("reset"), reset.toString());
            }
        }
    }

    @Test
    void pathsMustBePrintableAndAbsolute() {
        assertEquals("path must start with / and be printable ASCII: \"hello\"", assertThrows(
                IllegalArgumentException.class, () -> HttpExchange.request("hello", 80, false)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> HttpExchange.request("/a b", 80, false));
    }
}
