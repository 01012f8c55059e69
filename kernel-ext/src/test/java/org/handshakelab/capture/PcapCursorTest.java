package org.handshakelab.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Classic pcap records after the header: damage is an anomaly, the frames before it are kept. */
class PcapCursorTest {

    private static Synth twoFrames() {
        return Synth.pcap(ByteOrder.LITTLE_ENDIAN, 65535, 1)
                .pcapRecord(1_000, 5, Synth.data(60))
                .pcapRecord(1_001, 999_999, Synth.data(70));
    }

    private static CaptureFile read(byte[] bytes) {
        return CaptureFile.of("x.pcap", bytes);
    }

    private static String onlyAnomaly(CaptureFile c) {
        assertEquals(1, c.anomalies().size(), c.anomalies().toString());
        return c.anomalies().get(0).message();
    }

    @Test
    void microsecondTimestampsBecomeNanoseconds() {
        List<Frame> frames = read(twoFrames().bytes()).frames();
        assertEquals(1_000_000_005_000L, frames.get(0).timestampNanos());
        assertEquals(1_001_999_999_000L, frames.get(1).timestampNanos());
        assertEquals(24, frames.get(0).offset());
        assertEquals(24 + 16 + 60, frames.get(1).offset());
    }

    @Test
    void nanosecondMagicKeepsNanoseconds() {
        byte[] bytes = Synth.of(ByteOrder.BIG_ENDIAN).pcapHeader(0xA1B23C4D, 2, 4, 65535, 101)
                .pcapRecord(7, 123_456_789, Synth.data(20)).bytes();
        CaptureFile c = read(bytes);
        assertEquals(CaptureFormat.PCAP_NSEC, c.format());
        assertEquals(ByteOrder.BIG_ENDIAN, c.byteOrder());
        assertEquals(7_123_456_789L, c.frames().get(0).timestampNanos());
        assertEquals(9, c.interfaces().get(0).tsresol());
    }

    @Test
    void secondsAreUnsignedSoTimestampsAfter2038Work() {
        byte[] bytes = Synth.pcap(ByteOrder.LITTLE_ENDIAN, 65535, 1).pcapRecord(0xFFFF_FFFFL, 0, Synth.data(1)).bytes();
        assertEquals(0xFFFF_FFFFL * 1_000_000_000L, read(bytes).frames().get(0).timestampNanos());
    }

    @Test
    void lastRecordCutShortKeepsTheFramesBefore() {
        byte[] whole = twoFrames().bytes();
        CaptureFile c = read(Arrays.copyOf(whole, whole.length - 10));
        assertEquals(1, c.frames().size());
        CaptureAnomaly a = c.anomalies().get(0);
        assertEquals(CaptureAnomaly.NO_FRAME, a.frameNumber());
        assertEquals(24 + 76 + 8, a.offset());
        assertEquals("record cut short: captured length 70 but only 60 bytes left; the file is truncated; "
                + "reading stopped after frame 1", a.message());
    }

    @Test
    void recordHeaderCutShortStopsWithAnAnomaly() {
        byte[] whole = twoFrames().bytes();
        CaptureFile c = read(Arrays.copyOf(whole, 24 + 76 + 5));
        assertEquals(1, c.frameCount());
        assertTrue(onlyAnomaly(c).startsWith("record header cut short: 5 of 16 bytes"));
    }

    @Test
    void capturedLengthBeyondTheLimitStopsReading() {
        byte[] bytes = twoFrames().bytes();
        CaptureFileOpenTest.withInt(bytes, 24 + 76 + 8, 0x7FFF_FFF0);
        CaptureFile c = read(bytes);
        assertEquals(1, c.frameCount());
        assertTrue(onlyAnomaly(c).startsWith("captured length 2147483632 exceeds the limit of 268435456 bytes"));
    }

    @Test
    void capturedLengthBeyondTheFileStopsReading() {
        byte[] bytes = twoFrames().bytes();
        CaptureFileOpenTest.withInt(bytes, 24 + 76 + 8, 71);
        CaptureFile c = read(bytes);
        assertEquals(1, c.frameCount());
        assertTrue(onlyAnomaly(c).startsWith("record cut short: captured length 71 but only 70 bytes left"));
    }

    @Test
    void capturedLengthAboveSnaplenIsKeptWithAnAnomaly() {
        byte[] bytes = Synth.pcap(ByteOrder.LITTLE_ENDIAN, 50, 1).pcapRecord(1, 0, Synth.data(60)).bytes();
        CaptureFile c = read(bytes);
        assertEquals(60, c.frames().get(0).capturedLength());
        assertEquals(1, c.anomalies().get(0).frameNumber());
        assertEquals("captured length 60 exceeds the file's snaplen 50", onlyAnomaly(c));
    }

    @Test
    void capturedLengthAboveOriginalLengthIsKeptWithAnAnomaly() {
        byte[] bytes = Synth.pcap(ByteOrder.LITTLE_ENDIAN, 65535, 1).pcapRecord(1, 0, 60, 40, Synth.data(60)).bytes();
        CaptureFile c = read(bytes);
        assertFalse(c.frames().get(0).truncated());
        assertEquals("captured length 60 exceeds original length 40", onlyAnomaly(c));
    }

    @Test
    void shortCaptureIsTruncatedNotDropped() {
        byte[] bytes = Synth.pcap(ByteOrder.LITTLE_ENDIAN, 64, 1).pcapRecord(1, 0, 64, 1514, Synth.data(64)).bytes();
        CaptureFile c = read(bytes);
        assertTrue(c.frames().get(0).truncated());
        assertTrue(c.anomalies().isEmpty());
    }

    @Test
    void unknownLinkTypeIsCarriedThrough() {
        byte[] bytes = Synth.pcap(ByteOrder.LITTLE_ENDIAN, 65535, 147).pcapRecord(1, 0, Synth.data(4)).bytes();
        Frame f = read(bytes).frames().get(0);
        assertEquals(147, f.linkType());
        assertEquals("LINKTYPE_147", LinkType.nameOf(f.linkType()));
    }

    @Test
    void manyAnomaliesAreCappedWithACount() {
        Synth s = Synth.pcap(ByteOrder.LITTLE_ENDIAN, 1, 1);
        for (int i = 0; i < FrameCursor.MAX_ANOMALIES + 50; i++) {
            s.pcapRecord(1, 0, Synth.data(2));
        }
        CaptureFile c = read(s.bytes());
        assertEquals(FrameCursor.MAX_ANOMALIES + 50, c.frameCount());
        assertEquals(FrameCursor.MAX_ANOMALIES + 1, c.anomalies().size());
        assertEquals("50 more anomalies were found but not listed", c.anomalies().get(FrameCursor.MAX_ANOMALIES)
                .message());
    }
}
