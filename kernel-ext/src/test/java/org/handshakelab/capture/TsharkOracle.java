package org.handshakelab.capture;

import org.handshakelab.TestTools;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        TestTools.Ran ran = TestTools.run(command, java.time.Duration.ofSeconds(60));
        return new Run(ran.exitCode(), ran.out(), ran.err().lines().toList());
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
