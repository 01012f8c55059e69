package org.handshakelab.flow;

import static org.handshakelab.dissect.TcpFlags.ACK;
import static org.handshakelab.dissect.TcpFlags.PSH;
import static org.handshakelab.dissect.TcpFlags.RST;
import static org.handshakelab.dissect.TcpFlags.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.handshakelab.dissect.Packets;
import org.junit.jupiter.api.Test;

class TcpAnalyzerTest {

    private static final byte[] NONE = new byte[0];

    private static TcpScript connection() {
        return TcpScript.of("10.0.0.1", 40000, "10.0.0.2", 80, 1000, 90000);
    }

    @Test
    void relativeSeqStartsAtZeroForEachDirection() {
        List<Run.Row> rows = Run.of(connection().syn(NONE).synAck(NONE).ack(0).data(0, new byte[10]).data(1, new byte[5]));
        assertEquals(0, rows.get(0).seq());
        assertEquals(0, rows.get(1).seq());
        assertEquals(1, rows.get(1).ack());
        assertEquals(1, rows.get(2).seq());
        assertEquals(1, rows.get(2).ack());
        assertEquals(10, rows.get(3).len());
        assertEquals(1, rows.get(4).seq());
        assertEquals(11, rows.get(4).ack());
    }

    @Test
    void withoutTheSynTheFirstSeenByteIsRelativeOne() {
        List<Run.Row> rows = Run.of(connection().data(0, new byte[10]).data(1, new byte[5]).data(0, new byte[1]));
        assertEquals(1, rows.get(0).seq());
        assertEquals(1, rows.get(0).ack(), "the other direction's base comes from this ACK number minus one");
        assertEquals(1, rows.get(1).seq());
        assertEquals(11, rows.get(1).ack());
        assertEquals(11, rows.get(2).seq());
    }

    @Test
    void theAckNumberIsRawWhenTheAckFlagIsClear() {
        List<Run.Row> rows = Run.of(connection().syn(NONE).synAck(NONE).raw(0, 1001, 777, RST, 0, NONE, NONE));
        assertEquals(0, rows.get(0).ack(), "a SYN's zero ACK field");
        assertEquals(777, rows.get(2).ack());
        assertEquals(1, rows.get(2).seq());
    }

    @Test
    void streamsAreNumberedInOrderOfFirstAppearance() {
        TcpScript s = connection().syn(NONE);
        s.then("10.0.0.3", 40001, "10.0.0.2", 80, 1, 2).syn(NONE);
        s.synAck(NONE);
        List<Run.Row> rows = Run.of(s);
        assertEquals(List.of(0, 1, 0), rows.stream().map(Run.Row::stream).toList());
    }

    @Test
    void aSynReusingPortsWithANewIsnOpensANewStream() {
        TcpScript s = connection().syn(NONE).synAck(NONE).ack(0).fin(0).fin(1).ack(0);
        s.then("10.0.0.1", 40000, "10.0.0.2", 80, 555555, 666666).syn(NONE).synAck(NONE);
        List<Run.Row> rows = Run.of(s);
        assertEquals(0, rows.get(5).stream());
        assertEquals(1, rows.get(6).stream());
        assertTrue(rows.get(6).is(TcpAnalysisFlag.REUSED_PORTS));
        assertEquals(0, rows.get(7).seq(), "relative to the new connection's ISN");
    }

    @Test
    void aRetransmittedSynStaysInItsStream() {
        List<Run.Row> rows = Run.of(connection().syn(NONE).raw(0, 1000, 0, SYN, 65535, NONE, NONE));
        assertEquals(0, rows.get(1).stream());
        assertTrue(rows.get(1).is(TcpAnalysisFlag.RETRANSMISSION));
    }

    @Test
    void theWindowIsScaledOnlyWhenBothSynsCarryTheOption() {
        List<Run.Row> both = Run.of(connection().syn(Packets.wscale(2)).synAck(Packets.wscale(3)).ack(0).ack(1));
        assertEquals(65535 << 2, both.get(2).window());
        assertEquals(65535 << 3, both.get(3).window());
        List<Run.Row> one = Run.of(connection().syn(Packets.wscale(2)).synAck(NONE).ack(0).ack(1));
        assertEquals(65535, one.get(2).window());
        assertEquals(65535, one.get(3).window());
    }

    @Test
    void handshakeAndCloseStepsAreLabelled() {
        List<Run.Row> rows = Run.of(connection().syn(NONE).synAck(NONE).ack(0).data(0, new byte[3])
                .fin(0).ack(1).fin(1).ack(0));
        assertEquals(List.of(TcpPhase.HANDSHAKE_SYN, TcpPhase.HANDSHAKE_SYN_ACK, TcpPhase.HANDSHAKE_ACK, TcpPhase.NONE,
                TcpPhase.CLOSE_FIN, TcpPhase.CLOSE_ACK, TcpPhase.CLOSE_PEER_FIN, TcpPhase.CLOSE_LAST_ACK),
                rows.stream().map(Run.Row::phase).toList());
        assertEquals("TCP close 2/4", TcpPhase.CLOSE_ACK.label());
    }

    @Test
    void threeSegmentSimultaneousAndResetClosesAreLabelled() {
        List<Run.Row> three = Run.of(connection().syn(NONE).synAck(NONE).ack(0).fin(0).fin(1).ack(0));
        assertEquals(TcpPhase.CLOSE_ACK_AND_PEER_FIN, three.get(4).phase());
        assertEquals(TcpPhase.CLOSE_LAST_ACK, three.get(5).phase());
        TcpScript s = connection().syn(NONE).synAck(NONE).ack(0);
        long c = s.next(0);
        long v = s.next(1);
        s.raw(0, c, v, ACK | 1, 100, NONE, NONE).raw(1, v, c, ACK | 1, 100, NONE, NONE);
        List<Run.Row> simultaneous = Run.of(s);
        assertEquals(TcpPhase.CLOSE_FIN, simultaneous.get(3).phase());
        assertEquals(TcpPhase.CLOSE_SIMULTANEOUS_FIN, simultaneous.get(4).phase());
        assertEquals(TcpPhase.RST, Run.of(connection().syn(NONE).rst(1)).get(1).phase());
        assertEquals("TCP RST", TcpPhase.RST.label());
    }

    @Test
    void duplicateAcksAndAFastRetransmissionAreFlagged() {
        TcpScript s = connection().syn(NONE).synAck(NONE).ack(0);
        long c = s.next(0);
        long v = s.next(1);
        s.raw(0, c + 10, v, PSH | ACK, 100, NONE, new byte[10]);
        for (int i = 0; i < 3; i++) {
            s.raw(1, v, c, ACK, 100, NONE, NONE);
        }
        s.raw(0, c, v, PSH | ACK, 100, NONE, new byte[10]);
        List<Run.Row> rows = Run.of(s);
        assertTrue(rows.get(3).is(TcpAnalysisFlag.LOST_SEGMENT));
        assertFalse(rows.get(4).is(TcpAnalysisFlag.DUPLICATE_ACK));
        assertTrue(rows.get(5).is(TcpAnalysisFlag.DUPLICATE_ACK));
        assertTrue(rows.get(6).is(TcpAnalysisFlag.DUPLICATE_ACK));
        assertTrue(rows.get(7).is(TcpAnalysisFlag.FAST_RETRANSMISSION));
    }

    @Test
    void aZeroWindowIsFlagged() {
        List<Run.Row> rows = Run.of(connection().syn(NONE).synAck(NONE).window(1, 0).ack(1));
        assertTrue(rows.get(2).is(TcpAnalysisFlag.ZERO_WINDOW));
    }

    @Test
    void portsOnlyFramesHaveNoStream() {
        TcpScript s = connection();
        byte[] frame = Packets.ethernet(0x0800, Packets.ipv4Tcp("10.0.0.1", "10.0.0.2",
                Packets.tcp(1, 2, 3, 4, ACK, 5, NONE, NONE)));
        s.truncatedFrame(1, frame, 14 + 20 + 8);
        Run.Row row = Run.of(s).get(0);
        assertTrue(row.has(TcpAnalyzer.HAS_PORTS));
        assertFalse(row.has(TcpAnalyzer.HAS_STREAM));
        assertEquals(-1, row.stream());
    }
}
