package org.handshakelab.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.handshakelab.LabException;

/**
 * The bytes of a capture: one memory-mapped buffer for files up to the window size (2 GiB by default),
 * windows mapped on demand for larger files, or a heap buffer for captures given as bytes. A file can also
 * be read window by window into buffers (a one-pass walk: no page faults on a mapping).
 */
final class Source {

    /** The largest mapping a ByteBuffer can index. */
    static final int MAX_WINDOW = Integer.MAX_VALUE;

    private final String name;
    private final long size;
    private final Path path;
    private final ByteBuffer whole;
    private final int windowSize;
    /** Whether every page of the mapping has been touched in this process ({@link #load()}). */
    private volatile boolean loaded;

    private Source(String name, long size, Path path, ByteBuffer whole, int windowSize) {
        this.name = name;
        this.size = size;
        this.path = path;
        this.whole = whole;
        this.windowSize = windowSize;
    }

    /** Maps {@code path}; files larger than {@code windowSize} are mapped window by window later. */
    static Source map(Path path, String name, int windowSize) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer whole = null;
            if (size == 0) {
                whole = ByteBuffer.allocate(0).asReadOnlyBuffer();
            } else if (size <= windowSize) {
                whole = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            }
            return new Source(name, size, path, whole, windowSize);
        }
    }

    /** Wraps bytes already in memory (the caller hands over a private copy). */
    static Source of(String name, byte[] bytes) {
        return new Source(name, bytes.length, null, ByteBuffer.wrap(bytes).asReadOnlyBuffer(), MAX_WINDOW);
    }

    String name() {
        return name;
    }

    long size() {
        return size;
    }

    /** Whether the whole file is one buffer; then {@link #whole()} is it. */
    boolean isWhole() {
        return whole != null;
    }

    /**
     * Whether the file can be read into buffers ({@link #read}): it is a file, not bytes in memory, and its
     * mapping has not been loaded (a loaded mapping is read as memory, with no copy and no page faults).
     */
    boolean readable() {
        return path != null && !loaded;
    }

    /**
     * Touches every page of the mapping, so that later walks find the file in this process's memory instead of
     * paying a page fault per page; false when the file is larger than one mapping window (nothing is loaded).
     */
    boolean load() {
        if (whole instanceof MappedByteBuffer mapped) {
            mapped.load();
        }
        if (whole != null) {
            loaded = true;
        }
        return loaded;
    }

    /** A channel for {@link #read}; the caller closes it. */
    FileChannel open() {
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException | RuntimeException e) {
            throw LabException.of(name, "cannot open for reading: " + e,
                    "check that the file was not removed while it was read", e);
        }
    }

    /** Reads {@code span} bytes from {@code offset} into {@code into}, which then holds them at index 0. */
    void read(FileChannel channel, long offset, ByteBuffer into, int span) {
        into.clear().limit(span);
        try {
            while (into.hasRemaining()) {
                if (channel.read(into, offset + into.position()) < 0) {
                    throw LabException.of(name, "ended at byte " + (offset + into.position()) + ", before its size "
                            + size + " when it was opened", "the file was cut while it was read; open it again");
                }
            }
        } catch (IOException e) {
            throw LabException.of(name, "cannot read bytes " + offset + ".." + (offset + span) + ": " + e,
                    "check that the file was not changed or removed while it was read", e);
        }
        into.position(0);
    }

    /** A private duplicate of the whole buffer, so that each cursor can set its own byte order. */
    ByteBuffer whole() {
        return whole.duplicate();
    }

    /** The first four bytes, big-endian (the caller has checked that they exist). */
    int firstInt() {
        ByteBuffer b = isWhole() ? whole : window(0, 4);
        return b.duplicate().order(java.nio.ByteOrder.BIG_ENDIAN).getInt(0);
    }

    /**
     * A buffer whose index 0 is file offset {@code offset}, holding at least {@code length} bytes (the caller
     * has checked that they exist) and as much of the window size as the file has.
     */
    ByteBuffer window(long offset, int length) {
        long span = Math.min(size - offset, Math.max((long) length, windowSize));
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, offset, span);
        } catch (IOException | RuntimeException e) {
            throw LabException.of(name, "cannot map bytes " + offset + ".." + (offset + span) + ": " + e,
                    "check that the file was not changed or removed while it was read", e);
        }
    }
}
