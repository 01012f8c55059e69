package org.handshakelab.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pcapng blocks after the first section header: framing damage stops, block damage skips the block. */
class PcapngCursorTest {

    private static final byte[] KEYS = "CLIENT_RANDOM 00 11\n".getBytes(StandardCharsets.US_ASCII);

    private static CaptureFile read(Synth s) {
        return CaptureFile.of("x.pcapng", s.bytes());
    }

    private static Synth oneInterface() {
        return Synth.le().shb().idb(1, 65535);
    }

    private static String onlyAnomaly(CaptureFile c) {
        assertEquals(1, c.anomalies().size(), c.anomalies().toString());
        return c.anomalies().get(0).message();
    }

    @Test
    void enhancedPacketsDefaultToMicroseconds() {
        CaptureFile c = read(oneInterface().epb(0, 1_500_000, Synth.data(60)));
        Frame f = c.frames().get(0);
        assertEquals(1_500_000_000L, f.timestampNanos());
        assertEquals(60, f.capturedLength());
        assertEquals(Synth.le().shb().size() + 20, f.offset());
    }

    @Test
    void decimalAndBinaryResolutionsAndOffsetApply() {
        byte[] milli = Synth.le().option(9, new byte[] {3}).endOfOptions().bytes();
        byte[] binary = Synth.le().option(9, new byte[] {(byte) 0x94}).option(14, Synth.le().i64(-10).bytes())
                .endOfOptions().bytes(); // 2^-20 s, if_tsoffset -10 s
        byte[] pico = Synth.le().option(9, new byte[] {12}).endOfOptions().bytes();
        CaptureFile c = read(Synth.le().shb().idb(1, 0, milli).idb(1, 0, binary).idb(1, 0, pico)
                .epb(0, 1_234_567, Synth.data(4))
                .epb(1, (100L << 20) + (1L << 19), Synth.data(4))
                .epb(2, 5_000_000_000_123_456L, Synth.data(4)));
        List<Long> ts = c.frames().stream().map(Frame::timestampNanos).toList();
        assertEquals(List.of(1_234_567_000_000L, 90_500_000_000L, 5_000_000_000_123L), ts);
        assertEquals(-10, c.interfaces().get(1).tsOffsetSeconds());
        assertEquals("2^-20 s", c.interfaces().get(1).resolution());
    }

    @Test
    void timestampUnitsAreUnsigned() {
        // 2^-32 s units: the top bit set is 2^31 s (2038), not a negative number
        byte[] binary32 = Synth.le().option(9, new byte[] {(byte) 0xA0}).endOfOptions().bytes();
        CaptureFile c = read(Synth.le().shb().idb(1, 0, binary32).epb(0, 0x8000_0001_8000_0000L, Synth.data(4)));
        assertEquals(0x8000_0001L * 1_000_000_000L + 500_000_000L, c.frames().get(0).timestampNanos());
        assertTrue(c.anomalies().isEmpty(), c.anomalies().toString());
    }

    @Test
    void microsecondTimestampBeyond2106Converts() {
        long units = ((1L << 32) + 100) * 1_000_000 + 7;
        CaptureFile c = read(oneInterface().epb(0, units, Synth.data(4)));
        assertEquals(((1L << 32) + 100) * 1_000_000_000L + 7_000, c.frames().get(0).timestampNanos());
    }

    @Test
    void timestampBeyond2262IsClampedWithAnAnomaly() {
        CaptureFile c = read(oneInterface().epb(0, -1L, Synth.data(4)));
        assertEquals(Long.MAX_VALUE, c.frames().get(0).timestampNanos());
        assertTrue(onlyAnomaly(c).startsWith("timestamp is outside the years 1678..2262"));
    }

    @Test
    void simplePacketUsesInterfaceZeroSnaplen() {
        CaptureFile c = read(Synth.le().shb().idb(1, 50).idb(0, 0).spb(80, Synth.data(50)));
        Frame f = c.frames().get(0);
        assertFalse(f.hasTimestamp());
        assertEquals(50, f.capturedLength());
        assertEquals(80, f.originalLength());
        assertTrue(f.truncated());
    }

    @Test
    void obsoletePacketBlockIsRead() {
        CaptureFile c = read(Synth.le().shb().idb(1, 0).idb(113, 0).opb(1, 2_000_001, Synth.data(30)));
        Frame f = c.frames().get(0);
        assertEquals(1, f.interfaceId());
        assertEquals(113, f.linkType());
        assertEquals(2_000_001_000L, f.timestampNanos());
    }

    @Test
    void secretsBlockIsKeptWithTheFrameItPrecedes() {
        CaptureFile c = read(oneInterface().epb(0, 1, Synth.data(4)).dsb(0x544C534B, KEYS)
                .dsb(0x5353484B, "ssh".getBytes(StandardCharsets.US_ASCII)).epb(0, 2, Synth.data(4)));
        List<DecryptionSecret> s = c.secrets();
        assertEquals(2, s.size());
        assertEquals(SecretsType.TLS_KEY_LOG, s.get(0).secretsType().orElseThrow());
        assertEquals(SecretsType.SSH_KEY_LOG, s.get(1).secretsType().orElseThrow());
        assertEquals(new String(KEYS, StandardCharsets.US_ASCII), s.get(0).text());
        assertEquals(2, s.get(0).firstFrame());
    }

    @Test
    void unknownBlocksAreSkipped() {
        CaptureFile c = read(oneInterface()
                .block(4, Synth.le().i16(0).i16(0).bytes())            // name resolution block, empty
                .block(0x00000BAD, Synth.le().i32(32473).raw(Synth.data(8)).bytes()) // custom block
                .epb(0, 1, Synth.data(4))
                .block(5, Synth.le().i32(0).i32(0).i32(0).bytes())     // interface statistics block
                .block(0x12345678, new byte[0])
                .epb(0, 2, Synth.data(4)));
        assertEquals(2, c.frameCount());
        assertTrue(c.anomalies().isEmpty(), c.anomalies().toString());
    }

    @Test
    void sectionsInBothByteOrdersRestartInterfaceIds() {
        Synth s = Synth.le().shb().idb(1, 0).idb(0, 0).epb(1, 1, Synth.data(4));
        s.order(ByteOrder.BIG_ENDIAN).shb().idb(229, 0).epb(0, 2, Synth.data(4));
        s.order(ByteOrder.LITTLE_ENDIAN).shb().idb(276, 0).epb(0, 3, Synth.data(4));
        List<Frame> frames = read(s).frames();
        assertEquals(List.of(0, 229, 276), frames.stream().map(Frame::linkType).toList());
        assertEquals(List.of(1, 2, 3), frames.stream().map(Frame::section).toList());
        assertEquals(List.of(1, 0, 0), frames.stream().map(Frame::interfaceId).toList());
    }

    @Test
    void packetForAnUnknownInterfaceIsSkipped() {
        CaptureFile c = read(oneInterface().epb(1, 1, Synth.data(4)).epb(0, 2, Synth.data(4)));
        assertEquals(1, c.frameCount());
        assertTrue(onlyAnomaly(c).startsWith("enhanced packet block names interface 1 but section 1 has 1"));
    }

    @Test
    void simplePacketBeforeAnyInterfaceIsSkipped() {
        CaptureFile c = read(Synth.le().shb().spb(4, Synth.data(4)).idb(1, 0).spb(4, Synth.data(4)));
        assertEquals(1, c.frameCount());
        assertTrue(onlyAnomaly(c).startsWith("simple packet block before any interface description"));
    }

    @Test
    void capturedLengthRunningPastItsBlockSkipsTheBlock() {
        CaptureFile c = read(oneInterface().epb(0, 1, 200, 200, Synth.data(8)).epb(0, 2, Synth.data(4)));
        assertEquals(1, c.frameCount());
        assertEquals(2, c.frames().get(0).timestampNanos() / 1000);
        assertTrue(onlyAnomaly(c).startsWith("captured length 200 runs past the enhanced packet block (room for 8)"));
    }

    @Test
    void capturedLengthAboveSnaplenIsKeptWithAnAnomaly() {
        CaptureFile c = read(Synth.le().shb().idb(1, 10).epb(0, 1, Synth.data(12)));
        assertEquals(12, c.frames().get(0).capturedLength());
        assertEquals("captured length 12 exceeds the interface's snaplen 10", onlyAnomaly(c));
    }

    @Test
    void secretsLengthRunningPastItsBlockSkipsTheBlock() {
        Synth s = oneInterface();
        int at = s.size();
        byte[] bytes = s.dsb(0x544C534B, KEYS).epb(0, 1, Synth.data(4)).bytes();
        CaptureFileOpenTest.withInt(bytes, at + 12, 1 << 20);
        CaptureFile c = CaptureFile.of("x.pcapng", bytes);
        assertEquals(1, c.frameCount());
        assertTrue(c.secrets().isEmpty());
        assertTrue(onlyAnomaly(c).startsWith("secrets length 1048576 runs past"));
    }

    @Test
    void interfaceOptionRunningPastTheBlockKeepsTheInterface() {
        byte[] bad = Synth.le().i16(2).i16(100).raw(Synth.data(4)).bytes();
        CaptureFile c = read(Synth.le().shb().idb(1, 0, bad).epb(0, 1, Synth.data(4)));
        assertEquals(1, c.frameCount());
        assertTrue(onlyAnomaly(c).startsWith("interface description option 2 of length 100 runs past"));
    }

    /** Each broken block length ends the walk; frame 1 before it is kept. */
    @Test
    void absurdBlockLengthsStopReadingAndKeepTheFramesBefore() {
        Synth s = oneInterface().epb(0, 1, Synth.data(4));
        int at = s.size();
        byte[] good = s.epb(0, 2, Synth.data(4)).bytes();
        int[] lengths = {34, 8, 1 << 30, good.length, 0x7FFF_FFFC};
        String[] problems = {"is not a multiple of 4", "is less than 12", "exceeds the limit",
                "runs past the end of the file", "exceeds the limit"};
        for (int i = 0; i < lengths.length; i++) {
            byte[] bytes = CaptureFileOpenTest.withInt(good.clone(), at + 4, lengths[i]);
            CaptureFile c = CaptureFile.of("x.pcapng", bytes);
            assertEquals(1, c.frameCount(), problems[i]);
            CaptureAnomaly a = c.anomalies().get(0);
            assertEquals(at + 4, a.offset());
            assertTrue(a.message().contains(problems[i]) && a.message().endsWith("reading stopped after frame 1"),
                    a.message());
        }
    }

    @Test
    void trailerLengthMismatchStopsReading() {
        Synth s = oneInterface().epb(0, 1, Synth.data(4));
        int secondEnd = s.size() + 36;
        byte[] bytes = s.epb(0, 2, Synth.data(4)).epb(0, 3, Synth.data(4)).bytes();
        CaptureFileOpenTest.withInt(bytes, secondEnd - 4, 40);
        CaptureFile c = CaptureFile.of("x.pcapng", bytes);
        assertEquals(1, c.frameCount());
        assertTrue(onlyAnomaly(c).startsWith("block trailer length 40 differs from block length 36"));
    }

    @Test
    void fileCutInsideABlockKeepsTheFramesBefore() {
        byte[] whole = oneInterface().epb(0, 1, Synth.data(40)).epb(0, 2, Synth.data(40)).bytes();
        for (int cut = whole.length - 1; cut > whole.length - 72; cut--) {
            CaptureFile c = CaptureFile.of("x.pcapng", Arrays.copyOf(whole, cut));
            assertEquals(1, c.frameCount(), "cut at " + cut);
            assertEquals(1, c.anomalies().size(), "cut at " + cut);
        }
    }

    @Test
    void damagedLaterSectionHeaderStopsReading() {
        Synth s = oneInterface().epb(0, 1, Synth.data(4));
        int at = s.size();
        byte[] bytes = s.shb(3, 0, new byte[0]).idb(1, 0).epb(0, 2, Synth.data(4)).bytes();
        CaptureFile c = CaptureFile.of("x.pcapng", bytes);
        assertEquals(1, c.frameCount());
        assertEquals(at + 12, c.anomalies().get(0).offset());
        assertTrue(onlyAnomaly(c).startsWith("unsupported pcapng version 3.0"));
    }
}
