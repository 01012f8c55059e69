package org.handshakelab.dissect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.handshakelab.dissect.AppProtocols;
import org.handshakelab.dissect.AppProtocolsCorpus;
import org.handshakelab.dissect.Field;
import org.handshakelab.dissect.StreamDissector;
import org.junit.jupiter.api.Test;

class HttpDissectorTest {

    private final AppProtocolsCorpus.RecordingSink sink = new AppProtocolsCorpus.RecordingSink();

    private static void send(StreamDissector d, int direction, int frame, String text) {
        d.accept(direction, ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)), frame);
    }

    @Test
    void headersKeepTheirOrderAndFoldedLinesAreJoined() {
        HttpDissector http = HttpDissector.create(sink);
        send(http, 0, 1, "GET /x HTTP/1.1\r\nHost: lab\r\nX-Long: one\r\n  two\r\nAccept: */*\r\n\r\n");
        HttpRequest request = sink.messages(HttpRequest.class).get(0);
        assertEquals(List.of(new HttpHeader("Host", "lab"), new HttpHeader("X-Long", "one two"),
                new HttpHeader("Accept", "*/*")), request.headers());
        assertEquals(Optional.of("lab"), request.header("host"));
        assertEquals(HttpBodyFraming.NONE, request.framing());
        assertEquals(List.of(1), request.frames());
    }

    @Test
    void aLineThatIsNotHttpStopsTheDirectionWithAnAnomaly() {
        HttpDissector http = HttpDissector.create(sink);
        send(http, 0, 1, "HELLO THERE\r\n\r\n");
        send(http, 0, 2, "GET / HTTP/1.1\r\n\r\n");
        assertEquals(List.of("1 HTTP client: not an HTTP/1.x request line: HELLO THERE; the rest of this direction "
                + "is not dissected"), sink.anomalies);
        assertEquals(Map.of(), sink.fields);
    }

    @Test
    void anInvalidContentLengthIsAnAnomaly() {
        HttpDissector http = HttpDissector.create(sink);
        send(http, 1, 3, "HTTP/1.1 200 OK\r\nContent-Length: 12, 13\r\n\r\n");
        assertEquals(1, sink.anomalies.size());
        assertTrue(sink.anomalies.get(0).contains("invalid Content-Length: 12, 13"), sink.anomalies.get(0));
    }

    @Test
    void aMessageCutShortByTheEndOfTheStreamHasNoFields() {
        HttpDissector http = HttpDissector.create(sink);
        send(http, 1, 3, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly a part");
        http.end(1, 4);
        assertEquals(Map.of(), sink.fields);
        assertEquals(List.of("4 HTTP server: stream ended inside a message (fixed)"), sink.anomalies);
    }

    @Test
    void aRefusedConnectLetsTheClientsNextRequestThrough() {
        HttpDissector http = HttpDissector.create(sink);
        send(http, 0, 1, "CONNECT lab:443 HTTP/1.1\r\nHost: lab:443\r\n\r\nGET http://lab/ HTTP/1.1\r\n\r\n");
        send(http, 1, 2, "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n");
        assertEquals(List.of("CONNECT", "GET"), sink.messages(HttpRequest.class).stream().map(HttpRequest::method)
                .toList());
        assertEquals(List.of("CONNECT", "GET"), sink.fields.get(1).get(Field.HTTP_REQUEST_METHOD));
    }

    @Test
    void anAcceptedConnectTurnsTheConnectionIntoATunnelDissectedByContent() {
        StreamDissector http = AppProtocols.Protocol.HTTP.create(sink);
        send(http, 0, 1, "CONNECT lab:22 HTTP/1.1\r\n\r\n");
        send(http, 1, 2, "HTTP/1.1 200 Connection established\r\n\r\nSSH-2.0-Server\r\n");
        send(http, 0, 3, "SSH-2.0-Client\r\n");
        assertEquals(List.of("SSH-2.0-Server"), sink.fields.get(2).get(Field.SSH_PROTOCOL));
        assertEquals(List.of("SSH-2.0-Client"), sink.fields.get(3).get(Field.SSH_PROTOCOL));
        assertEquals(List.of("1 HTTP request", "2 HTTP response", "2 HTTP tunnel", "2 SSH version (server)",
                "3 SSH version (client)"), sink.phases);
    }

    @Test
    void switchingProtocolsEndsHttpDissection() {
        HttpDissector http = HttpDissector.create(sink);
        send(http, 0, 1, "GET /chat HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
        send(http, 1, 2, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\u0081\u0005hello");
        send(http, 0, 3, "\u0081\u0085abcdefghi");
        assertEquals(List.of(), sink.anomalies);
        assertEquals(List.of("101"), sink.fields.get(2).get(Field.HTTP_RESPONSE_CODE));
    }

    /** A sink like the packet table's: fields, phases and anomalies only. */
    private static final class FieldsOnlySink extends AppProtocolsCorpus.RecordingSink {
        @Override
        public boolean keepsMessages() {
            return false;
        }
    }

    @Test
    void aSinkThatKeepsNoMessagesGetsTheSameFieldsPhasesAndAnomaliesWhereverTheBytesAreSplit() {
        String[][] conversations = {
            {"GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\ncontent-LENGTH: 3\r\n\r\nabc",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiHTTP/1.1 201 Created\r\nTransfer-Encoding: gzip,\r\n"
                    + " chunked\r\n\r\n2\r\nok\r\n0\r\nX-Trailer: 1\r\n\r\n"},
            {"POST /c HTTP/1.1\r\nX-Folded: one\r\n two\r\nContent-Length : 4\r\nbad line\r\n  folded\r\n\r\nbody",
                "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n"},
            {"HEAD / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1, 1\r\n"
                    + "Content-Length: 1\r\n\r\nz"},
            {"GET / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nxx",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"},
            {"PUT /d HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", "HTTP/1.0 200 OK\r\n\r\nuntil close"},
        };
        int messages = 0;
        for (String[] c : conversations) {
            for (int split = 0; split <= c[0].length(); split += 3) {
                AppProtocolsCorpus.RecordingSink full = new AppProtocolsCorpus.RecordingSink();
                FieldsOnlySink lean = new FieldsOnlySink();
                for (AppProtocolsCorpus.RecordingSink sink : List.of(full, lean)) {
                    HttpDissector http = HttpDissector.create(sink);
                    send(http, 0, 1, c[0].substring(0, split));
                    send(http, 0, 2, c[0].substring(split));
                    int half = Math.min(split, c[1].length());
                    send(http, 1, 3, c[1].substring(0, half));
                    send(http, 1, 4, c[1].substring(half));
                    http.end(0, 5);
                    http.end(1, 6);
                }
                String where = c[0].replace("\r\n", "|") + " split at " + split;
                assertEquals(full.fields, lean.fields, where);
                assertEquals(full.phases, lean.phases, where);
                assertEquals(full.anomalies, lean.anomalies, where);
                assertEquals(List.of(), lean.messages, "no messages for a sink that keeps none: " + where);
                messages += full.messages.size();
            }
        }
        assertTrue(messages > 100, "the full sink got the messages: " + messages);
    }

    @Test
    void anEmptyLineAnywhereInALongHeaderSectionEndsItInReadOnlyBuffersToo() {
        // read-only views (as the capture's payloads are) are scanned in windows, arrays directly: the empty
        // line may straddle two windows, and the messages must be the same either way
        for (int pad = 440; pad < 560; pad++) {
            for (String eol : new String[] {"\r\n", "\n"}) {
                String request = "POST /p HTTP/1.1" + eol + "X-Pad: " + "a".repeat(pad) + eol + "Content-Length: 2" + eol
                        + eol + "okGET /next HTTP/1.1" + eol + eol;
                for (boolean readOnly : new boolean[] {false, true}) {
                    AppProtocolsCorpus.RecordingSink s = new AppProtocolsCorpus.RecordingSink();
                    HttpDissector http = HttpDissector.create(s);
                    ByteBuffer b = ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
                    http.accept(0, readOnly ? b.asReadOnlyBuffer() : b, 7);
                    assertEquals(List.of("POST", "GET"), s.fields.get(7).get(Field.HTTP_REQUEST_METHOD),
                            "pad " + pad + (readOnly ? " read-only" : ""));
                    assertEquals(List.of("/p", "/next"), s.fields.get(7).get(Field.HTTP_REQUEST_URI));
                    assertEquals(List.of(), s.anomalies);
                }
            }
        }
    }
}
