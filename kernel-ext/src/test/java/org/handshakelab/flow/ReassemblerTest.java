package org.handshakelab.flow;

import static org.handshakelab.dissect.TcpFlags.ACK;
import static org.handshakelab.dissect.TcpFlags.PSH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.handshakelab.dissect.DissectionSink;
import org.handshakelab.dissect.Field;
import org.junit.jupiter.api.Test;

/** The byte streams handed to application dissectors: in order, once, whatever the segments did on the way. */
class ReassemblerTest {

    private static final byte[] NONE = new byte[0];
    private static final String MESSAGE = "HELLO there\nsecond line\n";

    private final List<String> anomalies = new ArrayList<>();
    private final DissectionSink sink = new DissectionSink() {
        @Override
        public void field(int frame, Field field, String value) {
        }

        @Override
        public void phase(int frame, String label) {
        }

        @Override
        public void anomaly(int frame, String message) {
            anomalies.add(frame + ": " + message);
        }
    };

    private RecordingDissector run(TcpScript s) {
        List<RecordingDissector> opened = new ArrayList<>();
        Run.of(s, sink, List.of(RecordingDissector.factory("HELLO", opened)));
        assertEquals(1, opened.size(), "one stream recognised");
        return opened.get(0);
    }

    private static TcpScript open() {
        return TcpScript.of("10.0.0.1", 40000, "10.0.0.2", 80, 0xFFFFFFF0L, 5000).syn(NONE).synAck(NONE).ack(0);
    }

    @Test
    void theWholeStreamSplitAtEveryOffsetArrivesOnceInOrder() {
        byte[] m = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        for (int cut = 1; cut < m.length; cut++) {
            TcpScript s = open();
            long c = s.next(0);
            long v = s.next(1);
            s.raw(0, c, v, PSH | ACK, 100, NONE, Arrays.copyOf(m, cut));
            s.raw(0, c + cut, v, PSH | ACK, 100, NONE, Arrays.copyOfRange(m, cut, m.length));
            RecordingDissector d = run(s);
            assertEquals(MESSAGE, d.text(0), "cut at " + cut);
        }
    }

    @Test
    void outOfOrderSegmentsWaitAndRetransmissionsAreDroppedAtEveryOffset() {
        byte[] m = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        for (int cut = 5; cut < m.length; cut++) {
            TcpScript s = open();
            long c = s.next(0);
            long v = s.next(1);
            s.raw(0, c + cut, v, PSH | ACK, 100, NONE, Arrays.copyOfRange(m, cut, m.length));
            s.raw(0, c, v, PSH | ACK, 100, NONE, Arrays.copyOf(m, cut));
            s.raw(0, c, v, PSH | ACK, 100, NONE, m);
            s.raw(0, c + 2, v, PSH | ACK, 100, NONE, Arrays.copyOfRange(m, 2, cut));
            RecordingDissector d = run(s);
            assertEquals(MESSAGE, d.text(0), "cut at " + cut);
        }
    }

    @Test
    void sequenceNumbersWrapAroundZero() {
        TcpScript s = open();
        for (char ch : "HELLO wraps\n".toCharArray()) {
            s.data(0, new byte[] {(byte) ch});
        }
        assertEquals("HELLO wraps\n", run(s).text(0));
    }

    @Test
    void bothDirectionsAreDeliveredWithTheirDirection() {
        TcpScript s = open().data(0, "HELLO client\n".getBytes()).data(1, "server says hi".getBytes())
                .data(0, "more\n".getBytes()).fin(0).fin(1).ack(0);
        RecordingDissector d = run(s);
        assertEquals("HELLO client\nmore\n", d.text(0));
        assertEquals("server says hi", d.text(1));
        assertTrue(d.ended[0] && d.ended[1], "FIN ends each direction");
        assertEquals(0, d.firstDirection);
        assertEquals("10.0.0.1", d.stream.client());
        assertEquals(80, d.stream.serverPort());
    }

    @Test
    void aHoleThatNeverFillsEndsTheDirectionWithAnAnomaly() {
        TcpScript s = open();
        long c = s.next(0);
        long v = s.next(1);
        s.raw(0, c, v, PSH | ACK, 100, NONE, "HELLO ".getBytes());
        byte[] big = new byte[60000];
        for (int i = 0; i < 20; i++) {
            s.raw(0, c + 100 + (long) i * big.length, v, PSH | ACK, 100, NONE, big);
        }
        RecordingDissector d = run(s);
        assertEquals("HELLO ", d.text(0));
        assertTrue(d.ended[0]);
        assertFalse(anomalies.isEmpty());
        assertTrue(anomalies.get(0).contains("bytes missing"), anomalies.toString());
    }

    @Test
    void payloadCutByTheSnapLengthEndsTheDirection() {
        TcpScript s = open().data(0, "HELLO ".getBytes());
        byte[] frame = org.handshakelab.dissect.Packets.ethernet(0x0800, org.handshakelab.dissect.Packets.ipv4Tcp(
                "10.0.0.1", "10.0.0.2", org.handshakelab.dissect.Packets.tcp(40000, 80, s.next(0), s.next(1),
                        PSH | ACK, 100, NONE, "world, cut here".getBytes())));
        s.truncatedFrame(1, frame, frame.length - 5);
        RecordingDissector d = run(s);
        assertEquals("HELLO world, cut", d.text(0));
        assertTrue(d.ended[0]);
        assertTrue(anomalies.get(0).contains("not captured"), anomalies.toString());
    }

    @Test
    void theCaptureEndingEndsOpenDirections() {
        RecordingDissector d = run(open().data(0, "HELLO".getBytes()));
        assertTrue(d.ended[0] && d.ended[1]);
    }
}
