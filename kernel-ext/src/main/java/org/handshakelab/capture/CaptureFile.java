package org.handshakelab.capture;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.handshakelab.LabException;

/**
 * A pcap or pcapng capture file, memory-mapped and read lazily.
 *
 * <pre>{@code
 * CaptureFile capture = CaptureFile.open(Path.of("captures/tls13.pcapng"));
 * capture.format();       // PCAPNG
 * capture.frames();       // List<Frame>, 1-based numbers as in Wireshark
 * capture.secrets();      // TLS/SSH key logs from Decryption Secrets Blocks
 * capture.anomalies();    // what was wrong with the bytes, if anything
 * }</pre>
 *
 * <p>{@link #open(Path)} checks the file header and throws {@link LabException} when the file is not a capture.
 * Everything after the header is read on demand; problems there become {@link CaptureAnomaly anomalies}.
 * Instances are thread-safe and their frames never change ({@link #load()} only changes where cursors read them
 * from); each {@link #cursor()} is a private walk.
 */
public final class CaptureFile {

    private final Source source;
    private final CaptureFormat format;
    private final ByteOrder byteOrder;
    private Summary summary;

    private record Summary(long frameCount, List<CaptureInterface> interfaces, List<DecryptionSecret> secrets,
                           List<CaptureAnomaly> anomalies) {
    }

    private CaptureFile(Source source) {
        this.source = source;
        this.format = detect(source);
        this.byteOrder = switch (format) {
            case PCAPNG -> ((PcapngCursor) cursor()).firstOrder();
            default -> cursor().order;
        };
    }

    /**
     * Opens a capture file.
     *
     * @throws LabException when the file cannot be read or is not a pcap/pcapng file (the message says why)
     */
    public static CaptureFile open(Path path) {
        return open(path, Source.MAX_WINDOW);
    }

    /** Opens a capture file mapping at most {@code windowSize} bytes at a time (tests use small windows). */
    static CaptureFile open(Path path, int windowSize) {
        Objects.requireNonNull(path, "path");
        if (windowSize < 1) {
            throw new IllegalArgumentException("windowSize must be >= 1: " + windowSize);
        }
        String name = path.toString();
        if (Files.isDirectory(path)) {
            throw LabException.of(name, "is a directory, not a capture file", "name a .pcap or .pcapng file in it");
        }
        try {
            return new CaptureFile(Source.map(path, name, windowSize));
        } catch (NoSuchFileException e) {
            throw LabException.of(name, "no such file", "check the path (relative paths start at "
                    + Path.of("").toAbsolutePath() + ")", e);
        } catch (IOException e) {
            throw LabException.of(name, "cannot read: " + e, "check that the file exists and is readable", e);
        }
    }

    /**
     * A capture held in memory, e.g. bytes received from elsewhere; {@code name} stands for the file in
     * messages. The bytes are copied.
     *
     * @throws LabException when the bytes are not a pcap/pcapng capture
     */
    public static CaptureFile of(String name, byte[] bytes) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bytes, "bytes");
        return new CaptureFile(Source.of(name, bytes.clone()));
    }

    private static CaptureFormat detect(Source source) {
        String name = source.name();
        long size = source.size();
        if (size == 0) {
            throw LabException.at(name, 0, "empty file (0 bytes)", "the capture was never written; "
                    + "capture again, or open one of the bundled captures in captures/");
        }
        if (size < 4) {
            throw LabException.at(name, 0, "only " + size + " bytes, too short to be a capture",
                    "the file is truncated; capture again, or open one of the bundled captures in captures/");
        }
        int magic = source.firstInt();
        return switch (magic) {
            case 0xA1B2C3D4, 0xD4C3B2A1 -> CaptureFormat.PCAP_USEC;
            case 0xA1B23C4D, 0x4D3CB2A1 -> CaptureFormat.PCAP_NSEC;
            case PcapngCursor.SHB -> CaptureFormat.PCAPNG;
            case 0xA1B2CD34, 0x34CDB2A1 -> throw LabException.at(name, 0, "a modified (Kuznetzov) pcap file, "
                    + "which is not supported", "convert it with: editcap -F pcap " + name + " out.pcap");
            default -> throw notACapture(name, magic);
        };
    }

    private static LabException notACapture(String name, int magic) {
        String what;
        if ((magic >>> 16) == 0x1F8B) {
            what = "a gzip-compressed file, not a capture";
            return LabException.at(name, 0, what, "decompress it first: gunzip " + name);
        }
        boolean text = true;
        for (int shift = 24; shift >= 0; shift -= 8) {
            int b = (magic >>> shift) & 0xFF;
            text &= b >= 0x20 && b < 0x7F || b == '\n' || b == '\r' || b == '\t';
        }
        what = String.format("not a pcap or pcapng file (starts with 0x%08x%s)", magic, text ? ", looks like text" : "");
        return LabException.at(name, 0, what, "open a .pcap or .pcapng file, e.g. one of the bundled captures in "
                + "captures/, or save the capture from Wireshark as pcapng");
    }

    /** The name used in messages: the path as given, or the name passed to {@link #of(String, byte[])}. */
    public String name() {
        return source.name();
    }

    /** The file size in bytes. */
    public long size() {
        return source.size();
    }

    /** The file format, from the magic number. */
    public CaptureFormat format() {
        return format;
    }

    /** The byte order of the file header (pcapng: of the first section; later sections may differ). */
    public ByteOrder byteOrder() {
        return byteOrder;
    }

    /** A new cursor at the first frame: the allocation-free way through the capture. */
    public FrameCursor cursor() {
        return cursor(null);
    }

    /**
     * A new cursor that reads the file into the buffers {@code buffers} gives, instead of walking its memory
     * mapping: for one pass over a large file, where faulting in every page of a mapping costs more than
     * copying the bytes. A capture held in memory (given as bytes, or {@linkplain #load() loaded}) gives an
     * ordinary cursor. Close it if it is left before its end.
     */
    public FrameCursor cursor(ReadBuffers buffers) {
        return switch (format) {
            case PCAP_USEC -> new PcapCursor(source, buffers, pcapOrder(), false);
            case PCAP_NSEC -> new PcapCursor(source, buffers, pcapOrder(), true);
            case PCAPNG -> new PcapngCursor(source, buffers);
        };
    }

    private ByteOrder pcapOrder() {
        return source.firstInt() == format.magic() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /**
     * Brings the whole file into this process's memory (every page of its mapping is touched once), for a
     * capture walked many times: later cursors, reading ones included, then read memory, with no copy and no
     * page fault per page. Costs about a page fault per 4 KiB now, and the file's size in resident memory.
     *
     * @return whether the capture is now held in memory (false for a file larger than one mapping window, 2
     *         GiB, which stays read window by window)
     */
    public boolean load() {
        return source.load();
    }

    /** All readable frames, in file order (each a copy; for big files prefer {@link #cursor()}). */
    public List<Frame> frames() {
        List<Frame> frames = new ArrayList<>();
        forEach(frames::add);
        return List.copyOf(frames);
    }

    /** The readable frames as a lazy, sequential stream. */
    public Stream<Frame> stream() {
        FrameCursor cursor = cursor();
        Spliterator<Frame> frames = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE) {
            @Override
            public boolean tryAdvance(Consumer<? super Frame> action) {
                if (!cursor.next()) {
                    return false;
                }
                action.accept(cursor.frame());
                return true;
            }
        };
        return StreamSupport.stream(frames, false);
    }

    /** Calls {@code action} with each readable frame in file order. */
    public void forEach(Consumer<? super Frame> action) {
        FrameCursor cursor = cursor();
        while (cursor.next()) {
            action.accept(cursor.frame());
        }
    }

    /** The number of readable frames. */
    public long frameCount() {
        return summary().frameCount();
    }

    /** The interfaces: one per pcapng Interface Description Block, or the pcap header's one. */
    public List<CaptureInterface> interfaces() {
        return summary().interfaces();
    }

    /** The decryption secrets (pcapng Decryption Secrets Blocks), in file order. */
    public List<DecryptionSecret> secrets() {
        return summary().secrets();
    }

    /** The problems found after the file header, in file order; empty for a clean file. */
    public List<CaptureAnomaly> anomalies() {
        return summary().anomalies();
    }

    private synchronized Summary summary() {
        if (summary == null) {
            FrameCursor cursor = cursor();
            long count = 0;
            while (cursor.next()) {
                count++;
            }
            summary = new Summary(count, List.copyOf(cursor.interfaces()), List.copyOf(cursor.secrets()),
                    List.copyOf(cursor.anomalies()));
        }
        return summary;
    }

    @Override
    public String toString() {
        return "CaptureFile[" + name() + ", " + format + ", " + byteOrder + ", " + size() + " bytes]";
    }
}
