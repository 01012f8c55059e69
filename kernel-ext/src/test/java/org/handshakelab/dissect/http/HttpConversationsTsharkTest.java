package org.handshakelab.dissect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.handshakelab.dissect.AppProtocolsCorpus;
import org.handshakelab.dissect.AppProtocolsCorpus.Conversation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cases the corpus lacks, written as small captures and shown to tshark: the fields must land on the same
 * frames (chunked bodies, pipelining within one segment, HEAD, interim responses, bodies until close).
 */
class HttpConversationsTsharkTest {

    @TempDir
    Path dir;

    private AppProtocolsCorpus.RecordingSink sameAsTshark(Conversation conversation) {
        AppProtocolsCorpus.assumeTshark();
        Path file = conversation.write(dir);
        Map<Integer, String> expected = AppProtocolsCorpus.tsharkFields(file);
        AppProtocolsCorpus.RecordingSink sink = AppProtocolsCorpus.dissect(file, HttpDissector::create);
        assertEquals(expected, sink.rows());
        return sink;
    }

    @Test
    void chunkedResponseCompletesOnTheFrameWithTheLastChunkAndTrailers() {
        AppProtocolsCorpus.RecordingSink sink = sameAsTshark(Conversation.toPort(80)
                .client("GET /chunked HTTP/1.1\r\nHost: lab\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
                .server("7;ext=1\r\n, world\r\n")
                .server("0\r\nX-Trailer: yes\r\n\r\n"));
        HttpResponse response = sink.messages(HttpResponse.class).get(0);
        assertEquals(12, response.bodyLength());
        assertEquals(HttpBodyFraming.CHUNKED, response.framing());
        assertEquals(List.of(5, 6, 7), response.frames());
    }

    @Test
    void pipelinedRequestsInOneSegmentEachGetTheirFields() {
        AppProtocolsCorpus.RecordingSink sink = sameAsTshark(Conversation.toPort(80)
                .client("GET /a HTTP/1.1\r\nHost: lab\r\n\r\nGET /b HTTP/1.1\r\nHost: lab\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
        assertEquals(List.of("/a", "/b"), sink.messages(HttpRequest.class).stream().map(HttpRequest::uri).toList());
    }

    @Test
    void responseToHeadHasNoBodyDespiteItsContentLength() {
        AppProtocolsCorpus.RecordingSink sink = sameAsTshark(Conversation.toPort(80)
                .client("HEAD /big HTTP/1.1\r\nHost: lab\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
                .client("GET /small HTTP/1.1\r\nHost: lab\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"));
        assertEquals(List.of(0L, 3L), sink.messages(HttpResponse.class).stream().map(HttpResponse::bodyLength)
                .toList());
    }

    @Test
    void interimResponseIsItsOwnMessage() {
        sameAsTshark(Conversation.toPort(80)
                .client("POST /upload HTTP/1.1\r\nHost: lab\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
                .server("HTTP/1.1 100 Continue\r\n\r\n")
                .client("data")
                .server("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"));
    }

    @Test
    void bodyWithoutLengthEndsWhenTheServerCloses() {
        AppProtocolsCorpus.RecordingSink sink = sameAsTshark(Conversation.toPort(80)
                .client("GET / HTTP/1.0\r\n\r\n")
                .server("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nsome")
                .server(" text")
                .fin(1)
                .fin(0));
        assertEquals(HttpBodyFraming.UNTIL_CLOSE, sink.messages(HttpResponse.class).get(0).framing());
        assertEquals(9, sink.messages(HttpResponse.class).get(0).bodyLength());
    }

    @Test
    void headerSectionSplitInsideTheEmptyLineAndABodyOverSegments() {
        sameAsTshark(Conversation.toPort(80)
                .client("POST /form HTTP/1.1\r\nHost: lab\r\nContent-Length: 10\r\n\r")
                .client("\n01234")
                .client("56789")
                .server("HTTP/1.1 204 No Content\r\n\r\n"));
    }
}
