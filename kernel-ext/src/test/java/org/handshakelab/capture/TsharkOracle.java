package org.handshakelab.capture;

import org.handshakelab.TestTools;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs tshark as ground truth when it is installed; tests that need it are skipped otherwise. */
final class TsharkOracle {

    private static final String TSHARK = TestTools.find("tshark");

    private TsharkOracle() {
    }

    /** {@code frame.time_epoch} as tshark 4.0 prints it: seconds, a dot and nine digits. */
    static String epoch(long nanos) {
        return Math.floorDiv(nanos, 1_000_000_000L) + "." + String.format("%09d", Math.floorMod(nanos, 1_000_000_000L));
    }


    /** Skips the test when tshark is not installed. */
    static void assumePresent() {
        assumeTrue(TSHARK != null, "tshark not installed (apt-get install tshark)");
    }

    /** The result of one tshark run. */
    record Run(int exitCode, List<String> lines, List<String> errors) {
        /** stderr without the harmless "Running as user root" notice. */
        List<String> warnings() {
            return errors.stream().filter(l -> !l.isBlank() && !l.startsWith("Running as user")).toList();
        }
    }

    /** Runs {@code tshark -r file args...} with a time limit. */
    static Run run(Path file, String... args) {
        assumePresent();
        List<String> command = new ArrayList<>(List.of(TSHARK, "-n", "-r", file.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("tshark", ".out");
            Path err = Files.createTempFile("tshark", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("tshark did not finish within 60 s: " + command);
                }
                return new Run(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                        Files.readAllLines(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /**
     * Per packet {@code time_epoch,len,cap_len,interface_id} as tshark reads the file. Records tshark shows that
     * are not packets (pcapng custom/name-resolution blocks shown as "data" frames with no interface) are left out.
     */
    static List<String> packets(Path file) {
        Run run = run(file, "-T", "fields", "-E", "separator=,", "-e", "frame.time_epoch", "-e", "frame.len",
                "-e", "frame.cap_len", "-e", "frame.interface_id");
        if (run.exitCode() != 0) {
            throw new AssertionError("tshark failed on " + file + ": " + run.errors());
        }
        List<String> packets = new ArrayList<>();
        for (String line : run.lines()) {
            String[] f = line.split(",", -1);
            if (f[0].isEmpty() && f[3].isEmpty()) {
                continue;
            }
            packets.add(f[0] + "," + f[1] + "," + f[2] + "," + (f[3].isEmpty() ? "0" : f[3]));
        }
        return packets;
    }

    /** The same fields for our reading, in the same form. */
    static List<String> packets(CaptureFile capture) {
        List<String> packets = new ArrayList<>();
        FrameCursor c = capture.cursor();
        while (c.next()) {
            String ts = c.timestampNanos() == FrameCursor.NO_TIMESTAMP ? "" : epoch(c.timestampNanos());
            packets.add(ts + "," + c.originalLength() + "," + c.capturedLength() + "," + c.interfaceId());
        }
        return packets;
    }
}
