package org.handshakelab.view;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.handshakelab.Trace;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.CaptureWriter;
import org.handshakelab.capture.Frame;
import org.handshakelab.table.PacketTable;
import org.handshakelab.table.TableOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad bytes are data: the details of any frame, damaged or cut short, are shown, never thrown. */
class PacketDetailsRobustnessTest {

    @Test
    void everyFrameOfEveryBundledCaptureHasDetails() {
        for (String name : List.of("http-keepalive", "http-close", "tcp-rst", "tcp-refused", "https-tls12",
                "https-tls13", "ssh-exec")) {
            Trace t = Bundled.trace(name);
            for (int f = 1; f <= t.size(); f++) {
                PacketDetails d = t.details(f);
                assertFalse(d.tree().isEmpty(), name + " frame " + f);
                assertTrue(d.html().contains("</pre>"), name + " frame " + f);
                assertTrue(d.text().startsWith(t.table().name() + " · frame " + f), name + " frame " + f);
            }
        }
    }

    @Test
    void everyFrameOfEveryCorpusCaptureHasDetailsAndAPacketListRow() {
        for (Path file : org.handshakelab.TestTools.corpusCaptures()) {
            Trace t = org.handshakelab.Lab.open(file);
            assertTrue(t.packets().table().rowCount() == t.size(), file.toString());
            t.packets().html();
            for (int f = 1; f <= t.size(); f++) {
                PacketDetails d = t.details(f);
                assertTrue(d.html().contains("</pre>"), file + " frame " + f);
                for (DetailNode n : d.tree()) {
                    assertWithin(n, d.bytes().length, f);
                }
            }
            for (int s = 0; s < t.streamCount(); s++) {
                t.timeSequence(s).chart();
                t.ladder(s).text();
            }
        }
    }

    @Test
    void damagedAndTruncatedFramesStillShowTheirDetails(@TempDir Path dir) {
        List<Frame> frames = CaptureFile.open(Bundled.path("https-tls13")).frames();
        Random random = new Random(5);
        for (int i = 0; i < 150; i++) {
            Frame original = frames.get(3 + random.nextInt(6));
            byte[] data = original.data();
            int flips = 1 + random.nextInt(8);
            for (int k = 0; k < flips; k++) {
                data[14 + random.nextInt(data.length - 14)] = (byte) random.nextInt(256);
            }
            int captured = random.nextBoolean() ? data.length : 1 + random.nextInt(data.length);
            byte[] cut = java.util.Arrays.copyOf(data, captured);
            Path file = dir.resolve("damaged-" + i + ".pcapng");
            try (CaptureWriter w = CaptureWriter.create(file)) {
                w.write(original.timestampNanos(), original.linkType(), data.length, cut);
            }
            CaptureFile capture = CaptureFile.open(file);
            PacketTable table = PacketTable.build(capture, TableOptions.standard());
            PacketDetails d = PacketDetails.of(table, capture, 1);
            assertTrue(d.html().contains("</pre>"), "mutation " + i);
            assertFalse(d.text().isEmpty(), "mutation " + i);
            for (DetailNode n : d.tree()) {
                assertWithin(n, cut.length, i);
            }
        }
    }

    private static void assertWithin(DetailNode n, int length, int mutation) {
        if (n.hasBytes()) {
            assertTrue(n.offset() + n.length() <= length, "mutation " + mutation + ": " + n.label() + " past the end");
        }
        for (DetailNode c : n.children()) {
            assertWithin(c, length, mutation);
        }
    }
}
