package org.handshakelab.table;

import org.handshakelab.TestTools;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * tshark as the oracle: runs {@code tshark -T fields} on a file and returns the rows; tests that need it
 * are skipped when it is not installed ({@code ./lab test} installs it).
 */
public final class Tshark {

    private static final String BINARY = TestTools.find("tshark");

    private Tshark() {
    }


    /** Skips the calling test when tshark is missing. */
    public static void assumePresent() {
        assumeTrue(BINARY != null, "tshark not installed (apt-get install tshark; ./lab test installs it)");
    }

    /**
     * The values of {@code fields} per frame, as {@code tshark -n -r file [extra...] -T fields -E
     * separator=/t -E occurrence=a -E aggregator=,} prints them (no header line).
     */
    public static List<String[]> fields(Path file, List<String> extra, List<String> fields) {
        assumePresent();
        List<String> command = new ArrayList<>(List.of(BINARY, "-n", "-r", file.toString()));
        command.addAll(extra);
        command.addAll(List.of("-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : fields) {
            command.add("-e");
            command.add(f);
        }
        TestTools.Ran ran = TestTools.run(command, Duration.ofSeconds(300));
        if (ran.exitCode() != 0) {
            throw new AssertionError("tshark failed (" + ran.exitCode() + ") on " + file + ": " + ran.err());
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : ran.out()) {
            rows.add(line.split("\t", -1));
        }
        return rows;
    }
}
