package org.handshakelab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The lab's facade for notebooks: open a capture and look at it.
 *
 * <pre>{@code
 * Trace t = Lab.open("captures/https-tls13.pcapng");
 * t.handshake(0);          // the SYN, SYN-ACK, ACK of stream 0
 * t.ladder(0);             // the connection as a ladder diagram
 * }</pre>
 */
public final class Lab {

    private Lab() {
    }

    /**
     * Opens a pcap or pcapng capture. A bare name of a bundled capture ({@code "http-keepalive"}) is also
     * looked up in {@code captures/} and {@code ../captures/}, so notebooks find them from their folder.
     *
     * @throws LabException when the file is missing or not a capture (the message says what to do)
     */
    public static Trace open(String path) {
        Objects.requireNonNull(path, "path");
        return open(Path.of(path));
    }

    /**
     * Opens a pcap or pcapng capture and builds its packet table with the HTTP, TLS and SSH dissectors.
     *
     * @throws LabException when the file is missing or not a capture (the message says what to do)
     */
    public static Trace open(Path path) {
        Objects.requireNonNull(path, "path");
        return Trace.open(resolve(path));
    }

    /**
     * Records scenario {@code name} live on loopback (the lab runs its own server and client) when capture is
     * permitted, else opens the bundled capture, and prints one line saying which; {@code LAB_CAPTURE=live|bundled}
     * forces the mode. Names: {@code http}, {@code close}, {@code rst}, {@code refused}, {@code tls12}, {@code tls13},
     * {@code ssh} (see {@link Workbook#record(String)}).
     */
    public static LabCapture record(String name) {
        return Workbook.record(name);
    }

    /** Checks an answer to a notebook question (e.g. {@code "http.q3"}): right, or wrong and where to look. */
    public static Quiz.Verdict answer(String id, Object value) {
        return Workbook.answer(id, value);
    }

    /** Prints "✔ claim" when {@code holds}, else fails the cell saying the claim does not hold in this capture. */
    public static void check(boolean holds, String claim) {
        Workbook.check(holds, claim);
    }

    private static Path resolve(Path path) {
        if (Files.exists(path) || path.getParent() != null) {
            return path;
        }
        String name = path.toString();
        for (String dir : List.of("captures", "../captures")) {
            for (String candidate : List.of(name, name + ".pcapng", name + ".pcap")) {
                Path p = Path.of(dir, candidate);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return path;
    }
}
