package org.handshakelab.traffic;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** tshark on a recorded capture, as ground truth; tests that need it are skipped when it is not installed. */
final class RecordedTshark {

    private RecordedTshark() {
    }

    /** One run: exit code, stdout lines, stderr lines without the harmless "Running as user" notice. */
    record Run(int exitCode, List<String> lines, List<String> warnings) {
    }

    static Run run(Path file, String... args) {
        Path tshark = Path.of("/usr/bin/tshark");
        assumeTrue(Files.isExecutable(tshark), "tshark not installed (apt-get install tshark)");
        List<String> command = new ArrayList<>(List.of(tshark.toString(), "-n", "-r", file.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("tshark", ".out");
            Path err = Files.createTempFile("tshark", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("tshark did not finish within 60 s: " + command);
                }
                List<String> warnings = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.isBlank() && !l.startsWith("Running as user")).toList();
                return new Run(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8), warnings);
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
