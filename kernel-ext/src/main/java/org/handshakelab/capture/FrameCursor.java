package org.handshakelab.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The hot path: walks the frames of a capture one by one and shows the current one as primitives, without
 * allocating per frame.
 *
 * <pre>{@code
 * FrameCursor c = capture.cursor();
 * while (c.next()) {
 *     ByteBuffer b = c.buffer();          // shared, read-only; absolute indexing only
 *     int first = b.get(c.dataPosition()) & 0xFF;
 * }
 * }</pre>
 *
 * <p>A cursor is not thread-safe; take one cursor per thread from {@link CaptureFile#cursor()}. Problems met on
 * the way are collected in {@link #anomalies()}; a problem that breaks the framing ends the walk.
 *
 * <p>A cursor shows the file through windows: the file's memory mapping (one window for files up to 2 GiB),
 * or, for a cursor from {@link CaptureFile#cursor(ReadBuffers)}, buffers it reads the file into one after the
 * other. {@link #windowNumber()} counts them.
 */
public abstract sealed class FrameCursor permits PcapCursor, PcapngCursor {

    /** Timestamp of a frame that has none (pcapng Simple Packet Block). */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;
    /** Upper bound for a captured length or a pcapng block: 256 MiB. Larger values are corrupt. */
    public static final int MAX_RECORD_LENGTH = 256 << 20;
    /** Anomalies kept per walk; later ones are only counted. */
    static final int MAX_ANOMALIES = 1000;

    final Source source;
    final String name;
    final long size;

    private ByteBuffer window;
    private long windowStart;
    private long windowEnd;
    private ByteBuffer userView;
    private long windowNumber;
    /** Null for a mapped cursor; else where the windows the cursor reads come from. */
    private final ReadBuffers reads;
    private FileChannel channel;
    ByteOrder order = ByteOrder.BIG_ENDIAN;

    long position;
    boolean done;
    private boolean finished;

    long frameNumber;
    long recordOffset;
    long timestampNanos;
    int section;
    int interfaceId;
    int linkType;
    int capturedLength;
    long originalLength;
    int dataPosition;
    long dataOffset;

    private final List<CaptureAnomaly> anomalies = new ArrayList<>();
    private long anomalyCount;
    final List<CaptureInterface> interfaces = new ArrayList<>();
    final List<DecryptionSecret> secrets = new ArrayList<>();

    FrameCursor(Source source, ReadBuffers reads) {
        this.source = source;
        this.name = source.name();
        this.size = source.size();
        this.reads = source.readable() ? reads : null;
        if (this.reads == null && source.isWhole()) {
            window = source.whole();
            windowStart = 0;
            windowEnd = size;
            windowNumber = 1;
        }
    }

    /**
     * Moves to the next frame.
     *
     * @return false at the end of the capture, or when a damaged record ends the walk (see {@link #anomalies()})
     * @throws org.handshakelab.LabException only when a file larger than one mapping window can no longer be
     *         mapped, or a reading cursor's file can no longer be read (it was changed or removed while being
     *         read); bad bytes never throw
     */
    public abstract boolean next();

    /** The 1-based number of the current frame ({@code frame.number}); 0 before the first. */
    public final long frameNumber() {
        return frameNumber;
    }

    /** The byte offset of the current frame's record (pcap record header or pcapng block) in the file. */
    public final long recordOffset() {
        return recordOffset;
    }

    /** Nanoseconds since the epoch, or {@link #NO_TIMESTAMP}. */
    public final long timestampNanos() {
        return timestampNanos;
    }

    /** The 1-based section number ({@code frame.section_number}); 1 for classic pcap. */
    public final int section() {
        return section;
    }

    /** The interface id within the section ({@code frame.interface_id}); 0 for classic pcap. */
    public final int interfaceId() {
        return interfaceId;
    }

    /** The link type of the current frame's interface (see {@link LinkType}). */
    public final int linkType() {
        return linkType;
    }

    /** Captured bytes of the current frame ({@code frame.cap_len}). */
    public final int capturedLength() {
        return capturedLength;
    }

    /** Length of the current frame on the wire ({@code frame.len}). */
    public final long originalLength() {
        return originalLength;
    }

    /** Whether fewer bytes were captured than were on the wire. */
    public final boolean truncated() {
        return capturedLength < originalLength;
    }

    /** The byte offset of the current frame's first captured byte in the file. */
    public final long dataOffset() {
        return dataOffset;
    }

    /**
     * A read-only buffer holding the current frame's bytes at {@link #dataPosition()}; use absolute gets only.
     * The same instance is returned while the cursor stays in one mapped window, so asking costs nothing.
     */
    public final ByteBuffer buffer() {
        if (userView == null) {
            userView = window.duplicate();
        }
        return userView;
    }

    /**
     * The number of the window the current frame is in, counted from 1: it grows each time the cursor moves
     * to a new mapping or read buffer (a reading cursor never returns to an earlier buffer).
     */
    public final long windowNumber() {
        return windowNumber;
    }

    /**
     * Closes the file a reading cursor reads from (it also does so at the end of the walk); a mapped cursor
     * holds nothing to close. The cursor cannot move on afterwards.
     */
    public final void close() {
        done = true;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written; a failed close of a read-only file loses nothing
            }
            channel = null;
        }
    }

    /** The index of the current frame's first byte in {@link #buffer()}. */
    public final int dataPosition() {
        return dataPosition;
    }

    /** Byte {@code index} of the current frame, 0-based. */
    public final byte dataByte(int index) {
        if (index < 0 || index >= capturedLength) {
            throw new IndexOutOfBoundsException("index must be 0.." + (capturedLength - 1) + ": " + index);
        }
        return window.get(dataPosition + index);
    }

    /** Copies the current frame's bytes into {@code dst} at {@code dstOffset}; returns the number copied. */
    public final int copyData(byte[] dst, int dstOffset) {
        if (dstOffset < 0 || dstOffset > dst.length - capturedLength) {
            throw new IllegalArgumentException("dstOffset must be 0.." + (dst.length - capturedLength)
                    + " for " + capturedLength + " bytes: " + dstOffset);
        }
        window.get(dataPosition, dst, dstOffset, capturedLength);
        return capturedLength;
    }

    /** A read-only slice of the current frame's bytes (allocates a small view object). */
    public final ByteBuffer data() {
        return buffer().slice(dataPosition, capturedLength);
    }

    /** The current frame as an immutable {@link Frame} (allocates and copies). */
    public final Frame frame() {
        if (frameNumber == 0) {
            throw new IllegalStateException("no current frame: call next() first");
        }
        byte[] bytes = new byte[capturedLength];
        copyData(bytes, 0);
        return new Frame(frameNumber, recordOffset, timestampNanos, section, interfaceId, linkType, originalLength,
                bytes);
    }

    /** The anomalies met so far, in file order. */
    public final List<CaptureAnomaly> anomalies() {
        return Collections.unmodifiableList(anomalies);
    }

    /** The interfaces met so far (pcap: the file header's one). */
    public final List<CaptureInterface> interfaces() {
        return Collections.unmodifiableList(interfaces);
    }

    /** The decryption secrets met so far. */
    public final List<DecryptionSecret> secrets() {
        return Collections.unmodifiableList(secrets);
    }

    /** Makes bytes {@code [offset, offset + length)} addressable and returns the index of {@code offset}. */
    final int ensure(long offset, int length) {
        if (offset < windowStart || offset + length > windowEnd) {
            window = reads == null ? source.window(offset, length) : read(offset, length);
            window.order(order);
            windowStart = offset;
            windowEnd = offset + window.limit();
            windowNumber++;
            userView = null;
        }
        return (int) (offset - windowStart);
    }

    /** Reads as much of the file from {@code offset} as the next buffer holds (at least {@code length}). */
    private ByteBuffer read(long offset, int length) {
        ByteBuffer b = reads.take(length);
        if (b == null || b.capacity() < length || b.isReadOnly()) {
            throw new IllegalStateException("ReadBuffers.take(" + length + ") must give a writable buffer of at "
                    + "least that capacity: " + b);
        }
        try {
            if (channel == null) {
                channel = source.open();
            }
            source.read(channel, offset, b, (int) Math.min(size - offset, b.capacity()));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return b;
    }

    final void order(ByteOrder newOrder) {
        order = newOrder;
        if (window != null) {
            window.order(newOrder);
        }
    }

    final int i32(int index) {
        return window.getInt(index);
    }

    final long u32(int index) {
        return window.getInt(index) & 0xFFFF_FFFFL;
    }

    final int u16(int index) {
        return window.getShort(index) & 0xFFFF;
    }

    final int u8(int index) {
        return window.get(index) & 0xFF;
    }

    final long i64(int index) {
        return window.getLong(index);
    }

    final byte[] bytes(int index, int length) {
        byte[] b = new byte[length];
        window.get(index, b, 0, length);
        return b;
    }

    /** Records an anomaly (beyond {@link #MAX_ANOMALIES} only counts it). */
    final void anomaly(long frame, long offset, String message) {
        anomalyCount++;
        if (anomalies.size() < MAX_ANOMALIES) {
            anomalies.add(new CaptureAnomaly(frame, offset, message));
        }
    }

    /** Records a problem that ends the walk. */
    final boolean stop(long offset, String message) {
        anomaly(CaptureAnomaly.NO_FRAME, offset, message + "; reading stopped after frame " + frameNumber);
        return finish();
    }

    /** Ends the walk. */
    final boolean finish() {
        if (channel != null) {
            close();
        }
        if (!finished) {
            finished = true;
            done = true;
            if (anomalyCount > anomalies.size()) {
                anomalies.add(new CaptureAnomaly(CaptureAnomaly.NO_FRAME, Math.min(position, size),
                        (anomalyCount - MAX_ANOMALIES) + " more anomalies were found but not listed"));
            }
        }
        return false;
    }

    /** Sets the fields shared by every frame; the caller has made the data addressable at {@code dataIndex}. */
    final boolean emit(long offset, long ts, int ifId, int link, int capLen, long origLen, int dataIndex,
                       long dataOff) {
        frameNumber++;
        recordOffset = offset;
        timestampNanos = ts;
        interfaceId = ifId;
        linkType = link;
        capturedLength = capLen;
        originalLength = origLen;
        dataPosition = dataIndex;
        dataOffset = dataOff;
        return true;
    }
}
