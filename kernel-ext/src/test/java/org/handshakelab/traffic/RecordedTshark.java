package org.handshakelab.traffic;

import org.handshakelab.TestTools;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
        TestTools.Ran ran = TestTools.run(command, Duration.ofSeconds(60));
        List<String> warnings = ran.err().lines()
                .filter(l -> !l.isBlank() && !l.startsWith("Running as user")).toList();
        return new Run(ran.exitCode(), ran.out(), warnings);
    }
}
