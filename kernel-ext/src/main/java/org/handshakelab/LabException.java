package org.handshakelab;

/**
 * The one unchecked exception the lab facade throws when a file is not a capture or cannot be opened.
 *
 * <p>Its message is a single line that names the file, the byte offset where it matters, the problem and
 * what to do about it: {@code "dump.pcap: offset 4: unsupported pcap version 1.4; ..."}. Bad bytes inside
 * an otherwise readable capture are not exceptions: they are reported as anomalies next to the data.
 */
public class LabException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Offset value of a problem that is not tied to a byte position. */
    public static final long NO_OFFSET = -1;

    private final long offset;

    /** A problem described by a complete one-line message. */
    public LabException(String message) {
        this(message, NO_OFFSET, null);
    }

    /** A problem described by a complete one-line message, caused by {@code cause}. */
    public LabException(String message, Throwable cause) {
        this(message, NO_OFFSET, cause);
    }

    private LabException(String message, long offset, Throwable cause) {
        super(oneLine(message), cause);
        this.offset = offset;
    }

    /** {@code "<source>: <problem>; <remedy>"}: a problem with the whole file. */
    public static LabException of(String source, String problem, String remedy) {
        return new LabException(source + ": " + problem + "; " + remedy, NO_OFFSET, null);
    }

    /** {@code "<source>: <problem>; <remedy>"} caused by {@code cause} (typically an I/O error). */
    public static LabException of(String source, String problem, String remedy, Throwable cause) {
        return new LabException(source + ": " + problem + "; " + remedy, NO_OFFSET, cause);
    }

    /** {@code "<source>: offset N: <problem>; <remedy>"}: a problem at byte {@code offset} of the file. */
    public static LabException at(String source, long offset, String problem, String remedy) {
        return new LabException(source + ": offset " + offset + ": " + problem + "; " + remedy, offset, null);
    }

    /** The byte offset in the file where the problem was found, or {@link #NO_OFFSET}. */
    public long offset() {
        return offset;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("[\\r\\n]+", " ");
    }
}
