package org.handshakelab.capture;

import org.handshakelab.TestTools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cursor: the same frames whatever the mapping window, and no allocation per frame. */
class FrameCursorTest {

    @TempDir
    Path dir;

    /** A pcapng of {@code count} frames of {@code i % modulo} bytes each (100 bytes each for modulo 0). */
    private static Synth frames(int count, int modulo) {
        Synth s = Synth.le().shb().idb(1, 0);
        for (int i = 0; i < count; i++) {
            s.epb(0, i, Synth.data(modulo == 0 ? 100 : i % modulo));
        }
        return s;
    }

    @Test
    void smallMappingWindowsGiveTheSameFramesAsOneMapping() {
        for (Path p : TestTools.corpusCaptures()) {
            CaptureFile whole = CaptureFile.open(p);
            for (int window : new int[] {1, 100, 4096}) {
                CaptureFile windowed = CaptureFile.open(p, window);
                assertEquals(whole.frames(), windowed.frames(), p + " window " + window);
                assertEquals(whole.anomalies(), windowed.anomalies(), p + " window " + window);
                assertEquals(whole.secrets(), windowed.secrets(), p + " window " + window);
            }
        }
    }

    @Test
    void readingCursorGivesTheSameFramesAsTheMapping() throws IOException {
        List<Path> files = new java.util.ArrayList<>(TestTools.corpusCaptures());
        try (java.util.stream.Stream<Path> bundled = Files.list(Path.of("..", "captures"))) {
            bundled.filter(p -> p.toString().endsWith(".pcapng")).forEach(files::add);
        }
        for (Path p : files) {
            CaptureFile capture = CaptureFile.open(p);
            for (int size : new int[] {64, 4096, 1 << 20}) {
                // a fresh buffer per window, as small as allowed: every record that crosses one is read again
                long[] taken = {0};
                FrameCursor reading = capture.cursor(min -> {
                    taken[0]++;
                    return java.nio.ByteBuffer.allocate(Math.max(min, size));
                });
                FrameCursor mapped = capture.cursor();
                long lastWindow = 0;
                while (mapped.next()) {
                    assertTrue(reading.next(), p + ": reading cursor ended early at frame " + mapped.frameNumber());
                    assertEquals(mapped.frame(), reading.frame(), p + " buffers of " + size);
                    assertTrue(reading.windowNumber() >= lastWindow, "window numbers never go back");
                    lastWindow = reading.windowNumber();
                }
                assertTrue(!reading.next(), p + ": reading cursor has frames the mapping has not");
                assertEquals(mapped.anomalies(), reading.anomalies(), p.toString());
                assertEquals(mapped.secrets(), reading.secrets(), p.toString());
                assertEquals(taken[0], reading.windowNumber(), p + ": one buffer per window");
            }
        }
    }

    @Test
    void loadedCaptureIsReadFromMemoryByEveryCursor() throws IOException {
        Path file = Files.write(dir.resolve("loaded.pcapng"), frames(300, 150).bytes());
        List<Frame> before = CaptureFile.open(file).frames();
        CaptureFile capture = CaptureFile.open(file);
        assertTrue(capture.load(), "a file within one mapping window is held in memory");
        // a reading cursor of a loaded capture walks the mapping: it never asks for a buffer to read into
        FrameCursor c = capture.cursor(min -> {
            throw new AssertionError("a loaded capture was read into a buffer of " + min + " bytes");
        });
        List<Frame> read = new java.util.ArrayList<>();
        while (c.next()) {
            read.add(c.frame());
        }
        assertEquals(before, read);
        assertEquals(1, c.windowNumber(), "one window: the whole mapping");
        assertTrue(!CaptureFile.open(file, 1000).load(), "a file read window by window is not held in memory");
    }

    @Test
    void readingCursorSaysSoWhenTheFileIsCutWhileItIsRead() throws IOException {
        Path file = Files.write(dir.resolve("cut.pcapng"), frames(200, 0).bytes());
        CaptureFile capture = CaptureFile.open(file);
        FrameCursor c = capture.cursor(min -> java.nio.ByteBuffer.allocate(Math.max(min, 1000)));
        assertTrue(c.next());
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(3000);
        }
        org.handshakelab.LabException e = assertThrows(org.handshakelab.LabException.class, () -> {
            while (c.next()) {
                c.frameNumber();
            }
        });
        assertTrue(e.getMessage().contains("cut while it was read"), e.getMessage());
    }

    @Test
    void syntheticFileLargerThanTheWindowIsReadAcrossWindows() throws IOException {
        Synth s = frames(500, 200);
        Path file = Files.write(dir.resolve("many.pcapng"), s.bytes());
        List<Frame> windowed = CaptureFile.open(file, 1000).frames();
        assertEquals(500, windowed.size());
        assertEquals(CaptureFile.of("many", s.bytes()).frames().stream().map(Frame::buffer).toList(),
                windowed.stream().map(Frame::buffer).toList());
    }

    @Test
    void frameBeforeTheFirstNextIsAnError() {
        FrameCursor c = CaptureFile.of("x", Synth.le().shb().bytes()).cursor();
        assertThrows(IllegalStateException.class, c::frame);
    }

    @Test
    void copyDataChecksTheDestination() {
        FrameCursor c = CaptureFile.of("x", Synth.pcap(ByteOrder.LITTLE_ENDIAN, 0, 1)
                .pcapRecord(1, 0, Synth.data(10)).bytes()).cursor();
        assertTrue(c.next());
        byte[] dst = new byte[12];
        assertEquals(10, c.copyData(dst, 2));
        assertEquals(9, dst[11]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.copyData(dst, 3));
        assertEquals("dstOffset must be 0..2 for 10 bytes: 3", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> c.dataByte(10));
    }

    @Test
    void walkingFramesAllocatesNothingPerFrame() {
        Synth s = Synth.le().shb().idb(1, 0).idb(113, 0, Synth.le().option(9, new byte[] {9}).endOfOptions().bytes());
        for (int i = 0; i < 20_000; i++) {
            s.epb(i & 1, 1_000_000L * i, Synth.data(64));
        }
        CaptureFile pcapng = CaptureFile.of("many.pcapng", s.bytes());
        Synth p = Synth.pcap(ByteOrder.BIG_ENDIAN, 65535, 1);
        for (int i = 0; i < 20_000; i++) {
            p.pcapRecord(i, i, Synth.data(64));
        }
        CaptureFile pcap = CaptureFile.of("many.pcap", p.bytes());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeAllocationCounting(threads);
        for (CaptureFile capture : List.of(pcapng, pcap)) {
            for (int warm = 0; warm < 20; warm++) {
                walk(capture.cursor());
            }
            FrameCursor cursor = capture.cursor();
            long tid = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(tid);
            long sum = walk(cursor);
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            assertTrue(sum != 0);
            assertTrue(allocated < 20_000, capture.name() + ": " + allocated + " bytes for 20000 frames");
        }
    }

    private static void assumeAllocationCounting(com.sun.management.ThreadMXBean threads) {
        org.junit.jupiter.api.Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported()
                && threads.isThreadAllocatedMemoryEnabled(), "thread allocation counting not available");
    }

    private static long walk(FrameCursor c) {
        long sum = 0;
        while (c.next()) {
            sum += c.frameNumber() + c.timestampNanos() + c.linkType() + c.capturedLength() + c.originalLength()
                    + c.interfaceId() + c.buffer().get(c.dataPosition() + 5) + (c.truncated() ? 1 : 0);
        }
        return sum;
    }
}
