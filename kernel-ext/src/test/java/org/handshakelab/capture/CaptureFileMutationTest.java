package org.handshakelab.capture;

import org.handshakelab.TestTools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.handshakelab.LabException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutants of every readable corpus file: flipped bytes, cuts at random offsets, length fields overwritten.
 * Each must open and read to the end, or throw LabException; never another exception, a hang or an OOM.
 */
class CaptureFileMutationTest {

    private static final int MUTANTS = 200;
    private static final long SEED = 0x5EED_CAB1EL;

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyMutantReadsToTheEndOrThrowsLabException() {
        return TestTools.corpusCaptures().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> assertTimeoutPreemptively(Duration.ofSeconds(30), () -> mutate(p))));
    }

    /** Like a stream parser fed a file cut at every offset: a cut file reads a prefix of the frames. */
    @TestFactory
    Stream<DynamicTest> everyPrefixReadsAPrefixOfTheFrames() {
        return Stream.of("ws-dhcp.pcap", "td-pptp.pcap", "ws-dhcp.pcapng", "ptg-le-test202.pcapng",
                "ptg-be-test006.pcapng", "td-tcp-handshake-nano.pcap").map(name -> DynamicTest.dynamicTest(name, () -> {
                    Path file = TestTools.corpusFile(name);
                    byte[] whole = Files.readAllBytes(file);
                    List<Long> offsets = new ArrayList<>();
                    CaptureFile full = CaptureFile.open(file);
                    int header = full.format().isPcap() ? PcapCursor.FILE_HEADER
                            : ByteBuffer.wrap(whole).order(full.byteOrder()).getInt(4);
                    FrameCursor all = full.cursor();
                    while (all.next()) {
                        offsets.add(all.recordOffset());
                    }
                    for (int cut = 0; cut <= whole.length; cut++) {
                        CaptureFile prefix;
                        try {
                            prefix = CaptureFile.of(name, Arrays.copyOf(whole, cut));
                        } catch (LabException e) {
                            assertTrue(cut < header, name + " rejected when cut at " + cut + ": " + e.getMessage());
                            continue;
                        }
                        FrameCursor c = prefix.cursor();
                        int n = 0;
                        while (c.next()) {
                            assertEquals(offsets.get(n++), c.recordOffset(), name + " cut at " + cut);
                        }
                        boolean complete = n == offsets.size();
                        assertTrue(complete || n < offsets.size(), name + " cut at " + cut);
                        assertTrue(complete || !prefix.anomalies().isEmpty() || cut <= offsets.get(n),
                                name + " cut at " + cut + " lost frame " + (n + 1) + " without an anomaly");
                    }
                }));
    }

    private void mutate(Path file) throws IOException {
        byte[] original = Files.readAllBytes(file);
        List<Integer> lengthFields = lengthFields(file);
        Random random = new Random(SEED ^ file.getFileName().toString().hashCode());
        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = switch (i % 3) {
                case 0 -> flip(original, random);
                case 1 -> Arrays.copyOf(original, random.nextInt(original.length + 1));
                default -> overwriteLength(original, lengthFields, random);
            };
            String name = file.getFileName() + " mutant " + i;
            read(() -> CaptureFile.of(name, mutant), name, name);
            if (i % 10 == 0) {
                Path onDisk = dir.resolve("mutant-" + i);
                Files.write(onDisk, mutant);
                read(() -> CaptureFile.open(onDisk, 256), onDisk.toString(), name + " (mapped in 256-byte windows)");
            }
        }
    }

    private static void read(Supplier<CaptureFile> opener, String source, String name) {
        try {
            CaptureFile capture = opener.get();
            FrameCursor c = capture.cursor();
            long n = 0;
            while (c.next()) {
                n++;
                assertTrue(c.capturedLength() >= 0 && c.capturedLength() <= FrameCursor.MAX_RECORD_LENGTH, name);
                if (c.capturedLength() > 0) {
                    c.dataByte(c.capturedLength() - 1);
                }
            }
            assertFalse(c.next(), name);
            List<Frame> frames = capture.frames();
            assertTrue(frames.size() == n && capture.frameCount() == n, name);
            capture.anomalies().forEach(a -> assertFalse(a.message().contains("\n"), name));
            capture.secrets().forEach(s -> assertTrue(s.length() <= FrameCursor.MAX_RECORD_LENGTH, name));
        } catch (LabException e) {
            assertFalse(e.getMessage().contains("\n"), name);
            assertTrue(e.getMessage().startsWith(source + ": "), name + ": " + e.getMessage());
        } catch (RuntimeException | Error e) {
            fail(name + ": " + e, e);
        }
    }

    private static byte[] flip(byte[] original, Random random) {
        byte[] b = original.clone();
        int flips = 1 + random.nextInt(8);
        for (int k = 0; k < flips && b.length > 0; k++) {
            b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
        }
        return b;
    }

    private static byte[] overwriteLength(byte[] original, List<Integer> fields, Random random) {
        byte[] b = original.clone();
        if (fields.isEmpty()) {
            return flip(original, random);
        }
        int at = fields.get(random.nextInt(fields.size()));
        int[] interesting = {0, 1, 3, 11, 12, 0x7FFF_FFFF, -1, 0x8000_0000, b.length, b.length - at, 1 << 28,
            (1 << 28) + 4, random.nextInt()};
        int value = interesting[random.nextInt(interesting.length)];
        for (int k = 0; k < 4 && at + k < b.length; k++) {
            b[at + k] = (byte) (value >>> (8 * k));
        }
        return b;
    }

    /** Offsets of the length fields of the original file: record/caplen/origlen, block and option lengths. */
    private static List<Integer> lengthFields(Path file) {
        List<Integer> at = new ArrayList<>();
        CaptureFile capture = CaptureFile.open(file);
        if (capture.format().isPcap()) {
            at.add(16);
            FrameCursor c = capture.cursor();
            while (c.next()) {
                at.add((int) c.recordOffset() + 8);
                at.add((int) c.recordOffset() + 12);
            }
            return at;
        }
        ByteBuffer b;
        ByteOrder order = capture.byteOrder();
        try {
            b = ByteBuffer.wrap(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int p = 0;
        while (p + 12 <= b.capacity()) {
            if (b.order(ByteOrder.BIG_ENDIAN).getInt(p) == PcapngCursor.SHB) {
                b.order(b.getInt(p + 8) == PcapngCursor.BYTE_ORDER_MAGIC ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                order = b.order();
            }
            b.order(order);
            int type = b.getInt(p);
            int len = b.getInt(p + 4);
            if (len < 12 || p + len > b.capacity()) {
                break;
            }
            at.add(p + 4);
            at.add(p + len - 4);
            if (type == PcapngCursor.EPB) {
                at.add(p + 20);
                at.add(p + 24);
            } else if (type == PcapngCursor.DSB) {
                at.add(p + 12);
            } else if (type == PcapngCursor.IDB || type == PcapngCursor.SHB) {
                at.add(p + (type == PcapngCursor.SHB ? 26 : 18)); // first option's length (2 bytes, plus code)
            }
            p += len;
        }
        return at;
    }
}
