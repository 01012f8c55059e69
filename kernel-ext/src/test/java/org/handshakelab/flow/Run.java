package org.handshakelab.flow;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.handshakelab.dissect.DissectionSink;
import org.handshakelab.dissect.FrameHeaders;

/** Runs scripted packets through header dissection and a {@link TcpAnalyzer}, keeping what it says per frame. */
final class Run {

    /** The analyzer's view of one frame. */
    record Row(int presence, int stream, long seq, long ack, int len, int window, int flags, TcpPhase phase,
               int direction) {
        boolean has(int bit) {
            return (presence & bit) != 0;
        }

        boolean is(TcpAnalysisFlag flag) {
            return flag.in(flags);
        }
    }

    private Run() {
    }

    static List<Row> of(TcpScript script) {
        return of(script, null, List.of());
    }

    static List<Row> of(TcpScript script, DissectionSink sink, List<StreamDissectorFactory> factories) {
        AddressTable addresses = AddressTable.create();
        TcpAnalyzer tcp = sink == null ? TcpAnalyzer.create(addresses) : TcpAnalyzer.create(addresses, sink, factories);
        FrameHeaders h = FrameHeaders.create();
        List<Row> rows = new ArrayList<>();
        long frame = 0;
        for (TcpScript.Packet p : script.packets()) {
            frame++;
            h.dissect(ByteBuffer.wrap(p.data()), 0, p.data().length, p.originalLength(), p.linkType(), frame);
            tcp.process(h, frame, p.timestampNanos());
            rows.add(new Row(tcp.presence(), tcp.stream(), Integer.toUnsignedLong(tcp.seq()),
                    Integer.toUnsignedLong(tcp.ack()), tcp.len(), tcp.scaledWindow(), tcp.analysisFlags(), tcp.phase(),
                    tcp.direction()));
        }
        tcp.finish(frame);
        return rows;
    }
}
