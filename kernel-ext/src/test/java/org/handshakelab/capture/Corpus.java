package org.handshakelab.capture;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public capture corpus in {@code shared/corpus}, a sibling of the repository (see its README.md).
 * Tests that need it are skipped when it is absent.
 */
final class Corpus {

    private static final Path DIR = locate();

    private Corpus() {
    }

    private static Path locate() {
        String override = System.getenv("HANDSHAKE_LAB_CORPUS");
        if (override != null && Files.isDirectory(Path.of(override))) {
            return Path.of(override);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("corpus");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The corpus folder; skips the test when there is none. */
    static Path dir() {
        assumeTrue(DIR != null, "corpus not found at shared/corpus in " + Path.of("").toAbsolutePath()
                + " or any parent (set HANDSHAKE_LAB_CORPUS to point at it)");
        return DIR;
    }

    /** A corpus file; skips the test when it is missing. */
    static Path file(String name) {
        Path p = dir().resolve(name);
        assumeTrue(Files.isRegularFile(p), "corpus file not found: " + p);
        return p;
    }

    /** The capture files in the corpus: all .pcap/.pcapng, without the header-damaged lp- ones. */
    static List<Path> readableCaptures() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".pcap") || n.endsWith(".pcapng")) && !n.startsWith("lp-");
            }).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + DIR, e);
        }
    }
}
