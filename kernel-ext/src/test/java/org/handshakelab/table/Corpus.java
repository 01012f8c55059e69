package org.handshakelab.table;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The public capture corpus in {@code shared/corpus} (found by walking up from the working directory,
 * or at {@code HANDSHAKE_LAB_CORPUS}), with the decode-as options its README lists for tshark.
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

    /** The .pcap/.pcapng files tshark can read (the lp- ones have damaged file headers). */
    static List<Path> captures() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".pcap") || n.endsWith(".pcapng")) && !n.startsWith("lp-");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** tshark options per file from the README's decode-as column, e.g. {@code -d tcp.port==22,http}. */
    static Map<String, List<String>> decodeAs() {
        Map<String, List<String>> options = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(dir().resolve("README.md"))) {
                String[] cells = line.split("\\|");
                if (cells.length < 11 || !cells[1].trim().matches("[\\w.-]+\\.pcap(ng)?")) {
                    continue;
                }
                String cell = cells[9].trim();
                if (cell.startsWith("`") && cell.endsWith("`")) {
                    options.put(cells[1].trim(), List.of(cell.substring(1, cell.length() - 1).split(" ")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return options;
    }

    /** The decode-as options for {@code file}, empty when it needs none. */
    static List<String> decodeAs(Path file) {
        return new ArrayList<>(decodeAs().getOrDefault(file.getFileName().toString(), List.of()));
    }
}
