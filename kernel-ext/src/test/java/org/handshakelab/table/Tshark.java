package org.handshakelab.table;

import org.handshakelab.TestTools;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        try {
            Path out = Files.createTempFile("tshark", ".tsv");
            Path err = Files.createTempFile("tshark", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                if (!p.waitFor(300, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("tshark did not finish within 300 s: " + command);
                }
                if (p.exitValue() != 0) {
                    throw new AssertionError("tshark failed (" + p.exitValue() + ") on " + file + ": "
                            + Files.readString(err));
                }
                List<String[]> rows = new ArrayList<>();
                for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                    rows.add(line.split("\t", -1));
                }
                return rows;
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
}
