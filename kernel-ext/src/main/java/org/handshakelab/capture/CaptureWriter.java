package org.handshakelab.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.handshakelab.LabException;

/**
 * Writes a capture file: pcapng (a Section Header Block, one Interface Description Block per link type and
 * snaplen used, Enhanced Packet Blocks, and Decryption Secrets Blocks where they are written, before the packets
 * they decrypt) or classic pcap (one link type per file).
 *
 * <pre>{@code
 * try (CaptureWriter w = CaptureWriter.create(Path.of("out.pcapng"))) {
 *     w.writeSecret(DecryptionSecret.of(SecretsType.TLS_KEY_LOG, keyLog));
 *     capture.forEach(w::write);
 * }
 * }</pre>
 *
 * <p>Frames without a timestamp are written with timestamp 0. I/O failures throw {@link LabException}.
 */
public final class CaptureWriter implements AutoCloseable {

    private static final byte[] APPLICATION = "Handshake Lab".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PADDING = new byte[4];

    private final Path path;
    private final WriteOptions options;
    private final OutputStream out;
    private final ByteBuffer scratch;
    private final byte[] chunk = new byte[1 << 16];
    private final List<long[]> interfaces = new ArrayList<>();
    private int pcapLinkType = -1;
    private long framesWritten;
    private boolean closed;

    private CaptureWriter(Path path, WriteOptions options) {
        this.path = path;
        this.options = options;
        this.scratch = ByteBuffer.allocate(64).order(options.byteOrder());
        try {
            this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
            if (options.format() == CaptureFormat.PCAPNG) {
                writeSectionHeader();
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** A pcapng writer with {@link WriteOptions#pcapng()} (nanoseconds, little-endian). */
    public static CaptureWriter create(Path path) {
        return create(path, WriteOptions.pcapng());
    }

    /** A writer with the given options; creates or replaces the file. */
    public static CaptureWriter create(Path path, WriteOptions options) {
        return new CaptureWriter(Objects.requireNonNull(path, "path"), Objects.requireNonNull(options, "options"));
    }

    /** The options this writer uses. */
    public WriteOptions options() {
        return options;
    }

    /** The number of frames written so far. */
    public long framesWritten() {
        return framesWritten;
    }

    /** Writes a frame with the writer's snaplen. */
    public CaptureWriter write(Frame frame) {
        return write(frame, options.snaplen());
    }

    /** Writes a frame on an interface with this snaplen (pcapng: one interface per link type and snaplen). */
    public CaptureWriter write(Frame frame, long snaplen) {
        Objects.requireNonNull(frame, "frame");
        return write(frame.timestampNanos(), frame.linkType(), frame.originalLength(), frame.sharedBuffer(), snaplen);
    }

    /** Writes the cursor's current frame without copying it first. */
    public CaptureWriter write(FrameCursor cursor) {
        Objects.requireNonNull(cursor, "cursor");
        return write(cursor.timestampNanos(), cursor.linkType(), cursor.originalLength(), cursor.data(),
                options.snaplen());
    }

    /** Writes a frame given by its fields; {@code data} is the captured bytes. */
    public CaptureWriter write(long timestampNanos, int linkType, long originalLength, byte[] data) {
        Objects.requireNonNull(data, "data");
        return write(timestampNanos, linkType, originalLength, ByteBuffer.wrap(data), options.snaplen());
    }

    private CaptureWriter write(long timestampNanos, int linkType, long originalLength, ByteBuffer data,
                                long snaplen) {
        checkOpen();
        if (linkType < 0 || linkType > 0xFFFF) {
            throw new IllegalArgumentException("linkType must be 0..65535: " + linkType);
        }
        if (originalLength < 0 || originalLength > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("originalLength must be 0..4294967295: " + originalLength);
        }
        if (snaplen < 0 || snaplen > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("snaplen must be 0..4294967295: " + snaplen);
        }
        int length = data.remaining();
        if (length > FrameCursor.MAX_RECORD_LENGTH) {
            throw new IllegalArgumentException("data length must be <= " + FrameCursor.MAX_RECORD_LENGTH + ": "
                    + length);
        }
        long ts = timestampNanos == FrameCursor.NO_TIMESTAMP ? 0 : timestampNanos;
        try {
            if (options.format() == CaptureFormat.PCAPNG) {
                writeEnhancedPacket(ts, interfaceFor(linkType, snaplen), originalLength, data);
            } else {
                writePcapRecord(ts, linkType, originalLength, data);
            }
        } catch (IOException e) {
            throw failed(e);
        }
        framesWritten++;
        return this;
    }

    /** Writes a Decryption Secrets Block here: it applies to the packets written after it. pcapng only. */
    public CaptureWriter writeSecret(DecryptionSecret secret) {
        Objects.requireNonNull(secret, "secret");
        return writeSecret(secret.type(), secret.secretBuffer());
    }

    /** Writes a Decryption Secrets Block of this type here. pcapng only. */
    public CaptureWriter writeSecret(SecretsType type, byte[] secret) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(secret, "secret");
        return writeSecret(type.code(), ByteBuffer.wrap(secret));
    }

    private CaptureWriter writeSecret(int type, ByteBuffer secret) {
        checkOpen();
        if (options.format() != CaptureFormat.PCAPNG) {
            throw new IllegalStateException("a " + options.format() + " file cannot hold decryption secrets; "
                    + "write pcapng (WriteOptions.pcapng())");
        }
        int length = secret.remaining();
        if (length > FrameCursor.MAX_RECORD_LENGTH - 20) {
            throw new IllegalArgumentException("secret length must be <= " + (FrameCursor.MAX_RECORD_LENGTH - 20)
                    + ": " + length);
        }
        int total = 20 + padded(length);
        try {
            header(PcapngCursor.DSB, total).putInt(type).putInt(length);
            flushScratch();
            writeBytes(secret);
            out.write(PADDING, 0, padded(length) - length);
            trailer(total);
        } catch (IOException e) {
            throw failed(e);
        }
        return this;
    }

    /**
     * Copies every frame and secret of {@code capture}, in file order: secrets before the frames that followed
     * them, each frame on an interface with its source interface's link type and snaplen.
     */
    public CaptureWriter writeAll(CaptureFile capture) {
        Objects.requireNonNull(capture, "capture");
        FrameCursor cursor = capture.cursor();
        int secretsWritten = 0;
        while (cursor.next()) {
            secretsWritten = writeSecretsSeen(cursor, secretsWritten);
            long snaplen = snaplenOf(cursor.interfaces(), cursor.section(), cursor.interfaceId());
            write(cursor.timestampNanos(), cursor.linkType(), cursor.originalLength(), cursor.data(), snaplen);
        }
        writeSecretsSeen(cursor, secretsWritten);
        return this;
    }

    private int writeSecretsSeen(FrameCursor cursor, int alreadyWritten) {
        List<DecryptionSecret> seen = cursor.secrets();
        for (int i = alreadyWritten; i < seen.size(); i++) {
            writeSecret(seen.get(i));
        }
        return seen.size();
    }

    private long snaplenOf(List<CaptureInterface> seen, int section, int id) {
        for (int i = seen.size() - 1; i >= 0; i--) {
            CaptureInterface c = seen.get(i);
            if (c.section() == section && c.id() == id) {
                return options.format() == CaptureFormat.PCAPNG ? c.snaplen() : options.snaplen();
            }
        }
        return options.snaplen();
    }

    /** Flushes and closes the file; a classic pcap file with no frames still gets its header (Ethernet). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (OutputStream o = out) {
            if (options.format() != CaptureFormat.PCAPNG && pcapLinkType < 0) {
                writePcapHeader(LinkType.ETHERNET.code());
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("writer for " + path + " is closed");
        }
    }

    private void writeSectionHeader() throws IOException {
        int optionLength = 4 + padded(APPLICATION.length) + 4;
        int total = 28 + optionLength;
        header(PcapngCursor.SHB, total).putInt(PcapngCursor.BYTE_ORDER_MAGIC).putShort((short) 1)
                .putShort((short) 0).putLong(-1L)
                .putShort((short) 4).putShort((short) APPLICATION.length); // shb_userappl
        flushScratch();
        out.write(APPLICATION);
        out.write(PADDING, 0, padded(APPLICATION.length) - APPLICATION.length);
        scratch.putInt(0); // opt_endofopt
        flushScratch();
        trailer(total);
    }

    private int interfaceFor(int linkType, long snaplen) throws IOException {
        for (int i = 0; i < interfaces.size(); i++) {
            long[] known = interfaces.get(i);
            if (known[0] == linkType && known[1] == snaplen) {
                return i;
            }
        }
        boolean tsresol = options.nanoseconds();
        int total = 20 + (tsresol ? 12 : 0);
        header(PcapngCursor.IDB, total).putShort((short) linkType).putShort((short) 0).putInt((int) snaplen);
        if (tsresol) {
            scratch.putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]); // if_tsresol = 10^-9
            scratch.putInt(0); // opt_endofopt
        }
        flushScratch();
        trailer(total);
        interfaces.add(new long[] {linkType, snaplen});
        return interfaces.size() - 1;
    }

    private void writeEnhancedPacket(long ts, int interfaceId, long originalLength, ByteBuffer data)
            throws IOException {
        if (ts < 0) {
            throw new IllegalArgumentException("timestampNanos must be >= 0 (1970 or later) for pcapng: " + ts);
        }
        long units = options.nanoseconds() ? ts : ts / 1000;
        int length = data.remaining();
        int total = 32 + padded(length);
        header(PcapngCursor.EPB, total).putInt(interfaceId).putInt((int) (units >>> 32)).putInt((int) units)
                .putInt(length).putInt((int) originalLength);
        flushScratch();
        writeBytes(data);
        out.write(PADDING, 0, padded(length) - length);
        trailer(total);
    }

    private void writePcapRecord(long ts, int linkType, long originalLength, ByteBuffer data) throws IOException {
        if (pcapLinkType < 0) {
            writePcapHeader(linkType);
        } else if (linkType != pcapLinkType) {
            throw new IllegalArgumentException("linkType must be " + pcapLinkType + " (classic pcap holds one link "
                    + "type; write pcapng for several): " + linkType);
        }
        long seconds = Math.floorDiv(ts, Timestamps.NANOS_PER_SECOND);
        long nanos = Math.floorMod(ts, Timestamps.NANOS_PER_SECOND);
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("timestampNanos must be within 1970..2106 for classic pcap: " + ts);
        }
        int length = data.remaining();
        scratch.putInt((int) seconds).putInt((int) (options.nanoseconds() ? nanos : nanos / 1000))
                .putInt(length).putInt((int) originalLength);
        flushScratch();
        writeBytes(data);
    }

    private void writePcapHeader(int linkType) throws IOException {
        pcapLinkType = linkType;
        scratch.putInt(options.format().magic()).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(options.snaplen()).putInt(linkType);
        flushScratch();
    }

    private ByteBuffer header(int type, int totalLength) {
        return scratch.putInt(type).putInt(totalLength);
    }

    private void trailer(int totalLength) throws IOException {
        scratch.putInt(totalLength);
        flushScratch();
    }

    private void flushScratch() throws IOException {
        out.write(scratch.array(), 0, scratch.position());
        scratch.clear();
    }

    private void writeBytes(ByteBuffer data) throws IOException {
        if (data.hasArray()) {
            out.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
        } else {
            ByteBuffer d = data.duplicate();
            while (d.hasRemaining()) {
                int n = Math.min(chunk.length, d.remaining());
                d.get(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }
    }

    private static int padded(int length) {
        return (length + 3) & ~3;
    }

    private LabException failed(IOException e) {
        return LabException.of(path.toString(), "cannot write: " + e, "check the folder exists, is writable "
                + "and has free space", e);
    }
}
