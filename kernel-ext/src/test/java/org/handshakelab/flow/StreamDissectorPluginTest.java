package org.handshakelab.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.handshakelab.dissect.DissectionSink;
import org.handshakelab.dissect.Field;
import org.handshakelab.dissect.StreamDissector;
import org.junit.jupiter.api.Test;

/** The plug-in point for application dissectors: detection by content, fields to the sink, failures contained. */
class StreamDissectorPluginTest {

    private static final byte[] NONE = new byte[0];

    private final List<String> reported = new ArrayList<>();
    private final DissectionSink sink = new DissectionSink() {
        @Override
        public void field(int frame, Field field, String value) {
            reported.add(frame + " " + field.wiresharkName() + "=" + value);
        }

        @Override
        public void phase(int frame, String label) {
            reported.add(frame + " phase " + label);
        }

        @Override
        public void anomaly(int frame, String message) {
            reported.add(frame + " anomaly " + message);
        }
    };

    private static TcpScript twoStreams() {
        TcpScript s = TcpScript.of("10.0.0.1", 40000, "10.0.0.2", 80, 1, 2).syn(NONE).synAck(NONE).ack(0)
                .data(0, "GET /\n".getBytes());
        s.then("10.0.0.1", 40001, "10.0.0.2", 22, 1, 2).syn(NONE).synAck(NONE).ack(0).data(1, "SSH-2.0-x\r\n".getBytes());
        return s;
    }

    @Test
    void theFirstFactoryRecognisingTheFirstPayloadGetsTheStream() {
        List<RecordingDissector> http = new ArrayList<>();
        List<RecordingDissector> ssh = new ArrayList<>();
        Run.of(twoStreams(), sink, List.of(RecordingDissector.factory("GET", http), RecordingDissector.factory("SSH", ssh)));
        assertEquals(1, http.size());
        assertEquals(1, ssh.size());
        assertEquals(0, http.get(0).stream.stream());
        assertEquals(1, ssh.get(0).stream.stream());
        assertEquals(1, ssh.get(0).firstDirection, "the server spoke first");
        assertEquals("SSH-2.0-x\r\n", ssh.get(0).text(1));
        assertEquals(List.of("4 http.request.method=GET /", "4 phase line"), reported);
    }

    @Test
    void aStreamNoFactoryRecognisesIsNotDissected() {
        List<RecordingDissector> opened = new ArrayList<>();
        Run.of(twoStreams(), sink, List.of(RecordingDissector.factory("POST", opened)));
        assertEquals(List.of(), opened);
        assertEquals(List.of(), reported);
    }

    @Test
    void aDissectorThatThrowsIsDroppedWithAnAnomaly() {
        StreamDissectorFactory failing = (stream, direction, payload, s) -> (StreamDissector) (d, data, frame) -> {
            throw new IllegalStateException("boom");
        };
        List<Run.Row> rows = Run.of(twoStreams(), sink, List.of(failing));
        assertEquals(8, rows.size());
        assertTrue(reported.stream().anyMatch(r -> r.contains("anomaly") && r.contains("boom")), reported.toString());
    }
}
