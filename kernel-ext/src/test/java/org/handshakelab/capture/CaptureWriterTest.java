package org.handshakelab.capture;

import org.handshakelab.TestTools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.handshakelab.LabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Writing pcapng and pcap: what is written reads back the same, and tshark opens it without complaint. */
class CaptureWriterTest {

    private static final byte[] KEYS = "CLIENT_RANDOM 0011 2233\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    /**
     * Frame fields that survive a round trip: all but the file offset and the interface id (the writer merges
     * interfaces of equal link type and snaplen). The bytes are summarised to keep failure messages short.
     */
    private static String fields(Frame f) {
        return f.number() + "|" + f.timestampNanos() + "|" + f.section() + "|" + f.linkType() + "|"
                + f.originalLength() + "|" + f.capturedLength() + "#" + java.util.Arrays.hashCode(f.data());
    }

    private static List<String> fields(List<Frame> frames) {
        return frames.stream().map(CaptureWriterTest::fields).toList();
    }

    private static List<Frame> sample(int linkType) {
        return List.of(
                Frame.of(1, 1_700_000_000_123_456_789L, linkType, Synth.data(60)),
                new Frame(2, -1, 1_700_000_001_000_000_001L, 1, 0, linkType, 1514, Synth.data(64)),
                Frame.of(3, 1_700_000_002_999_999_999L, linkType, Synth.data(1)),
                Frame.of(4, 0, linkType, new byte[0]));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"PCAPNG, LITTLE_ENDIAN", "PCAPNG, BIG_ENDIAN", "PCAP_NSEC, LITTLE_ENDIAN", "PCAP_NSEC, BIG_ENDIAN"})
    void nanosecondFormatsReadBackTheSameFrames(CaptureFormat format, String order) {
        ByteOrder byteOrder = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Path out = dir.resolve("out");
        try (CaptureWriter w = CaptureWriter.create(out, WriteOptions.builder(format).byteOrder(byteOrder).build())) {
            sample(1).forEach(w::write);
            assertEquals(4, w.framesWritten());
        }
        CaptureFile back = CaptureFile.open(out);
        assertEquals(format, back.format());
        assertEquals(byteOrder, back.byteOrder());
        assertEquals(fields(sample(1)), fields(back.frames()));
        assertTrue(back.anomalies().isEmpty(), back.anomalies().toString());
        assertTrue(back.frames().get(1).truncated());
    }

    @ParameterizedTest
    @CsvSource({"PCAPNG", "PCAP_USEC"})
    void microsecondFormatsKeepMicroseconds(CaptureFormat format) {
        Path out = dir.resolve("out");
        try (CaptureWriter w = CaptureWriter.create(out, WriteOptions.builder(format).nanoseconds(false).build())) {
            sample(101).forEach(w::write);
        }
        List<Frame> back = CaptureFile.open(out).frames();
        assertEquals(1_700_000_000_123_456_000L, back.get(0).timestampNanos());
        assertEquals(1_700_000_002_999_999_000L, back.get(2).timestampNanos());
        assertEquals(101, back.get(0).linkType());
    }

    @Test
    void pcapngWritesOneInterfacePerLinkTypeAndSnaplen() {
        Path out = dir.resolve("mixed.pcapng");
        try (CaptureWriter w = CaptureWriter.create(out)) {
            w.write(sample(1).get(0)).write(sample(229).get(0)).write(sample(1).get(1), 96).write(sample(1).get(2));
        }
        CaptureFile back = CaptureFile.open(out);
        assertEquals(List.of("1/262144", "229/262144", "1/96"), back.interfaces().stream()
                .map(i -> i.linkType() + "/" + i.snaplen()).toList());
        assertEquals(List.of(0, 1, 2, 0), back.frames().stream().map(Frame::interfaceId).toList());
    }

    @Test
    void secretsAreWrittenBeforeThePacketsTheyDecrypt() {
        Path out = dir.resolve("keys.pcapng");
        try (CaptureWriter w = CaptureWriter.create(out)) {
            w.write(sample(1).get(0)).writeSecret(SecretsType.TLS_KEY_LOG, KEYS).write(sample(1).get(1));
        }
        DecryptionSecret s = CaptureFile.open(out).secrets().get(0);
        assertEquals(2, s.firstFrame());
        assertEquals(new String(KEYS, StandardCharsets.US_ASCII), s.text());
    }

    @Test
    void copyingTheDtlsCaptureKeepsFramesInterfacesAndSecrets() {
        CaptureFile source = CaptureFile.open(TestTools.corpusFile("nd-dtls.pcap"));
        Path out = dir.resolve("copy.pcapng");
        try (CaptureWriter w = CaptureWriter.create(out)) {
            w.writeAll(source);
        }
        CaptureFile copy = CaptureFile.open(out);
        assertEquals(fields(source.frames()), fields(copy.frames()));
        assertEquals(source.secrets().get(0).text(), copy.secrets().get(0).text());
        assertEquals(source.secrets().get(0).firstFrame(), copy.secrets().get(0).firstFrame());
    }

    @Test
    void copyingEveryReadablePcapngCorpusFileKeepsItsFrames() {
        for (Path p : TestTools.corpusCaptures()) {
            CaptureFile source = CaptureFile.open(p);
            Path out = dir.resolve(p.getFileName() + ".copy");
            try (CaptureWriter w = CaptureWriter.create(out)) {
                w.writeAll(source);
            }
            List<Frame> back = CaptureFile.open(out).frames();
            List<Frame> expected = source.frames();
            assertEquals(expected.size(), back.size(), p.toString());
            for (int i = 0; i < expected.size(); i++) {
                Frame e = expected.get(i);
                Frame b = back.get(i);
                assertEquals(e.hasTimestamp() ? e.timestampNanos() : 0, b.timestampNanos(), p + " frame " + (i + 1));
                assertEquals(e.linkType(), b.linkType());
                assertEquals(e.originalLength(), b.originalLength());
                assertEquals(e.buffer(), b.buffer());
            }
        }
    }

    @Test
    void classicPcapRefusesASecondLinkType() {
        Path out = dir.resolve("one.pcap");
        try (CaptureWriter w = CaptureWriter.create(out, WriteOptions.builder(CaptureFormat.PCAP_USEC).build())) {
            w.write(sample(1).get(0));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.write(sample(0).get(0)));
            assertTrue(e.getMessage().startsWith("linkType must be 1 (classic pcap holds one link type; write pcapng "
                    + "for several): 0"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> w.writeSecret(SecretsType.TLS_KEY_LOG, KEYS));
        }
    }

    @Test
    void classicPcapWithoutFramesStillHasAHeader() {
        Path out = dir.resolve("none.pcap");
        CaptureWriter.create(out, WriteOptions.builder(CaptureFormat.PCAP_NSEC).build()).close();
        CaptureFile back = CaptureFile.open(out);
        assertEquals(CaptureFormat.PCAP_NSEC, back.format());
        assertEquals(0, back.frameCount());
    }

    @Test
    void timestampsTheFormatCannotHoldAreRefused() {
        try (CaptureWriter w = CaptureWriter.create(dir.resolve("t.pcapng"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.write(-5, 1, 4, Synth.data(4)));
            assertEquals("timestampNanos must be >= 0 (1970 or later) for pcapng: -5", e.getMessage());
        }
        try (CaptureWriter w = CaptureWriter.create(dir.resolve("t.pcap"),
                WriteOptions.builder(CaptureFormat.PCAP_USEC).build())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.write((1L << 32) * 1_000_000_000L, 1, 4, Synth.data(4)));
            assertTrue(e.getMessage().startsWith("timestampNanos must be within 1970..2106 for classic pcap: "));
        }
    }

    @Test
    void badOptionsNameTheParameterValueAndLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WriteOptions.builder(CaptureFormat.PCAP_USEC).snaplen(0).build());
        assertEquals("snaplen must be 1..268435456 for PCAP_USEC: 0", e.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> WriteOptions.builder(CaptureFormat.PCAP_NSEC).nanoseconds(false).build());
        assertEquals("nanoseconds must be true for PCAP_NSEC: false", n.getMessage());
    }

    @Test
    void writingIntoAMissingFolderIsALabException() {
        Path out = dir.resolve("no/such/folder/x.pcapng");
        LabException e = assertThrows(LabException.class, () -> CaptureWriter.create(out));
        assertTrue(e.getMessage().startsWith(out + ": cannot write: "), e.getMessage());
    }

    @Test
    void writtenPcapngOpensInTsharkWithoutWarningsAndTheSameTimes() throws Exception {
        TsharkOracle.assumePresent();
        Path out = dir.resolve("lab.pcapng");
        CaptureFile dtls = CaptureFile.open(TestTools.corpusFile("nd-dtls.pcap"));
        try (CaptureWriter w = CaptureWriter.create(out)) {
            w.writeSecret(SecretsType.TLS_KEY_LOG, KEYS);
            w.writeAll(dtls);
            sample(101).forEach(w::write);
        }
        TsharkOracle.Run run = TsharkOracle.run(out, "-T", "fields", "-e", "frame.time_epoch");
        assertEquals(0, run.exitCode(), run.errors().toString());
        assertEquals(List.of(), run.warnings());
        assertEquals(TsharkOracle.packets(out), TsharkOracle.packets(CaptureFile.open(out)));
        assertEquals(28, run.lines().size());
        assertTrue(Files.size(out) > Files.size(TestTools.corpusFile("nd-dtls.pcap")) - 4096);
    }

    @Test
    void writtenPcapOpensInTsharkWithoutWarnings() {
        TsharkOracle.assumePresent();
        Path out = dir.resolve("lab.pcap");
        try (CaptureWriter w = CaptureWriter.create(out, WriteOptions.builder(CaptureFormat.PCAP_NSEC)
                .byteOrder(ByteOrder.BIG_ENDIAN).build())) {
            w.writeAll(CaptureFile.open(TestTools.corpusFile("td-tcp-handshake-nano.pcap")));
        }
        TsharkOracle.Run run = TsharkOracle.run(out);
        assertEquals(0, run.exitCode(), run.errors().toString());
        assertEquals(List.of(), run.warnings());
        assertEquals(TsharkOracle.packets(out), TsharkOracle.packets(CaptureFile.open(out)));
    }
}
