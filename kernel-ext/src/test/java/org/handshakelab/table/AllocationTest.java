package org.handshakelab.table;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.FrameCursor;
import org.handshakelab.dissect.FrameHeaders;
import org.handshakelab.flow.AddressTable;
import org.handshakelab.flow.TcpAnalyzer;
import org.handshakelab.flow.TcpScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hot path (cursor, header dissection, TCP analysis of known streams) allocates nothing per frame. */
class AllocationTest {

    @TempDir
    Path dir;

    @Test
    void dissectingAndAnalysingKnownStreamsAllocatesNothingPerFrame() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported(), "allocation counting not supported by this JVM");
        TcpScript s = TcpScript.of("192.0.2.1", 40000, "192.0.2.2", 80, 1, 2)
                .syn(org.handshakelab.dissect.Packets.wscale(2)).synAck(org.handshakelab.dissect.Packets.wscale(2)).ack(0);
        for (int i = 0; i < 20000; i++) {
            s.data(i % 2, new byte[i % 100]);
            if (i % 7 == 0) {
                s.ack(i % 2);
            }
        }
        CaptureFile capture = CaptureFile.open(s.write(dir.resolve("long.pcapng")));
        FrameHeaders h = FrameHeaders.create();
        TcpAnalyzer tcp = TcpAnalyzer.create(AddressTable.create());
        long frames = walk(capture, h, tcp); // warm-up: JIT, the stream and its addresses
        long before = mx.getCurrentThreadAllocatedBytes();
        frames = walk(capture, h, TcpAnalyzer.create(AddressTable.create())) + walk(capture, h, tcp);
        long perFrame = (mx.getCurrentThreadAllocatedBytes() - before) / frames;
        assertTrue(perFrame < 2, perFrame + " bytes allocated per frame");
    }

    private static long walk(CaptureFile capture, FrameHeaders h, TcpAnalyzer tcp) {
        FrameCursor c = capture.cursor();
        long n = 0;
        while (c.next()) {
            h.dissect(c);
            tcp.process(h, c.frameNumber(), c.timestampNanos());
            n++;
        }
        return n;
    }
}
