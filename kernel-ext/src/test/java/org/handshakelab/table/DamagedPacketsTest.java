package org.handshakelab.table;

import org.handshakelab.TestTools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.CaptureWriter;
import org.handshakelab.capture.Frame;
import org.handshakelab.capture.WriteOptions;
import org.handshakelab.dissect.FrameHeaders;
import org.handshakelab.dissect.HeaderAnomaly;
import org.handshakelab.dissect.Packets;
import org.handshakelab.dissect.TcpFlags;
import org.handshakelab.flow.AddressTable;
import org.handshakelab.flow.TcpAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged packets never throw: seeded mutations (flipped bytes, cuts, overwritten length fields) of real
 * and synthetic frames go through header dissection, TCP analysis and the whole table, and the damage
 * shows up as anomalies.
 */
class DamagedPacketsTest {

    private static final long SEED = 20240611L;

    @TempDir
    Path dir;

    private List<Frame> sampleFrames() {
        List<Frame> frames = new ArrayList<>(CaptureFile.open(Scenarios.write(dir.resolve("s.pcapng"))).frames());
        try {
            for (Path p : TestTools.corpusCaptures()) {
                frames.addAll(CaptureFile.open(p).frames());
            }
        } catch (org.opentest4j.TestAbortedException e) {
            // no corpus: the synthetic frames still cover every layer
        }
        return frames;
    }

    @Test
    void mutatedFramesNeverThrowThroughDissectionAndAnalysis() {
        Random random = new Random(SEED);
        FrameHeaders h = FrameHeaders.create();
        TcpAnalyzer tcp = TcpAnalyzer.create(AddressTable.create());
        long frame = 0;
        int anomalies = 0;
        for (Frame f : sampleFrames()) {
            byte[] original = f.data();
            for (int round = 0; round < 40; round++) {
                byte[] d = mutate(original, random);
                int captured = d.length;
                long wire = random.nextInt(4) == 0 ? captured + random.nextInt(2000) : captured;
                h.dissect(ByteBuffer.wrap(d), 0, captured, wire, f.linkType(), ++frame);
                tcp.process(h, frame, f.timestampNanos() + round);
                anomalies += h.hasAnomalies() ? 1 : 0;
            }
        }
        tcp.finish(frame);
        assertTrue(anomalies > frame / 10, anomalies + " anomalies in " + frame + " mutated frames");
    }

    @Test
    void aMutatedCaptureStillBuildsATableAndItsTsv() throws Exception {
        Random random = new Random(SEED + 1);
        Path file = dir.resolve("mutated.pcapng");
        try (CaptureWriter w = CaptureWriter.create(file, WriteOptions.pcapng())) {
            for (Frame f : sampleFrames()) {
                byte[] d = mutate(f.data(), random);
                w.write(f.timestampNanos(), f.linkType(), Math.max(d.length, f.originalLength()), d);
            }
        }
        PacketTable table = PacketTable.build(CaptureFile.open(file));
        table.writeTsv(OutputStream.nullOutputStream(), Column.ALL);
        assertTrue(table.size() > 100);
    }

    @Test
    void lengthFieldsBelowTheirMinimumAreAnomalies() {
        byte[] tcp = Packets.tcp(1, 2, 3, 4, TcpFlags.ACK, 5, new byte[0], new byte[10]);
        byte[] ip = Packets.ipv4Tcp("192.0.2.1", "192.0.2.2", tcp);
        for (int ihl = 0; ihl < 5; ihl++) {
            byte[] d = ip.clone();
            d[0] = (byte) (0x40 | ihl);
            assertTrue(Packets.dissect(228, d).has(HeaderAnomaly.IPV4_BAD_HEADER_LENGTH), "IHL " + ihl);
        }
        for (int offset = 0; offset < 5; offset++) {
            byte[] d = ip.clone();
            d[32] = (byte) (offset << 4);
            assertTrue(Packets.dissect(228, d).has(HeaderAnomaly.TCP_BAD_HEADER_LENGTH), "data offset " + offset);
        }
        for (int cut = 0; cut < ip.length; cut++) {
            FrameHeaders h = FrameHeaders.create().dissect(ByteBuffer.wrap(ip), 0, cut, ip.length, 228, 1);
            assertEquals(cut < 40, h.hasAnomalies() && !h.headerComplete(), "cut at " + cut + ": " + h.anomalies());
        }
    }

    /** One of: flip bytes, cut, overwrite a length field with an extreme value, or all at once. */
    static byte[] mutate(byte[] original, Random random) {
        byte[] d = original.clone();
        int kind = random.nextInt(4);
        if (kind == 0 || kind == 3) {
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips && d.length > 0; i++) {
                d[random.nextInt(Math.min(d.length, 96))] = (byte) random.nextInt(256);
            }
        }
        if (kind == 1 || kind == 3) {
            d = Arrays.copyOf(d, random.nextInt(d.length + 1));
        }
        if (kind == 2 || kind == 3) {
            int[] lengthBytes = {2, 3, 14, 16, 17, 18, 19, 26, 30, 32, 46, 47, 54, 58, 59, 66};
            int at = lengthBytes[random.nextInt(lengthBytes.length)];
            if (at < d.length) {
                int[] extremes = {0, 1, 4, 5, 15, 0x40, 0x45, 0x4F, 0x60, 0xF0, 0xFF};
                d[at] = (byte) extremes[random.nextInt(extremes.length)];
            }
        }
        return d;
    }
}
