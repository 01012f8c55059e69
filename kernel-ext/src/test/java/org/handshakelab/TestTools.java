package org.handshakelab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 * What the tests take from outside the repository: programs on the PATH (tshark, openssl) and the public
 * capture corpus in {@code shared/corpus} (found by walking up from the working directory, or at
 * {@code HANDSHAKE_LAB_CORPUS}). A test that needs one and cannot have it is skipped with a message.
 */
public final class TestTools {

    private static final Path CORPUS = locateCorpus();

    private TestTools() {
    }

    /** The absolute path of {@code program} on the PATH, or null. */
    public static String find(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static Path locateCorpus() {
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
    public static Path corpus() {
        assumeTrue(CORPUS != null, "corpus not found at shared/corpus in " + Path.of("").toAbsolutePath()
                + " or any parent (set HANDSHAKE_LAB_CORPUS to point at it)");
        return CORPUS;
    }

    /** A corpus file; skips the test when the corpus or the file is missing. */
    public static Path corpusFile(String name) {
        Path p = corpus().resolve(name);
        assumeTrue(Files.isRegularFile(p), "corpus file not found: " + p);
        return p;
    }

    /** The corpus capture files, sorted: all .pcap/.pcapng but the lp- ones, whose file headers are damaged. */
    public static List<Path> corpusCaptures() {
        try (Stream<Path> files = Files.list(corpus())) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".pcap") || n.endsWith(".pcapng")) && !n.startsWith("lp-");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** tshark options per file from the corpus README's decode-as column, e.g. {@code -d tcp.port==22,http}. */
    public static Map<String, List<String>> corpusDecodeAs() {
        Map<String, List<String>> options = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(corpus().resolve("README.md"))) {
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
    public static List<String> corpusDecodeAs(Path file) {
        return new ArrayList<>(corpusDecodeAs().getOrDefault(file.getFileName().toString(), List.of()));
    }

    /** The bundled captures (the repository's {@code captures/}), seen from the kernel-ext module. */
    public static final Path CAPTURES = Path.of("..", "captures");

    /**
     * The bundled file {@code name} (e.g. {@code http-keepalive.pcapng}). It is part of the repository, so a
     * missing one fails the test instead of skipping it.
     */
    public static Path bundled(String name) {
        Path p = CAPTURES.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new AssertionError(p + " not found from " + Path.of("").toAbsolutePath()
                    + ": run the tests from the kernel-ext module of a full checkout (captures/ is part of it)");
        }
        return p;
    }

    /** Whether the tests run as root (uid 0): live capture on {@code lo} needs it, or CAP_NET_RAW. */
    public static boolean isRoot() {
        Ran id = run(List.of("id", "-u"), Duration.ofSeconds(5));
        return id.exitCode() == 0 && !id.out().isEmpty() && id.out().get(0).strip().equals("0");
    }

    /**
     * What a command printed and how it ended.
     *
     * @param exitCode its exit code
     * @param out      its standard output, line by line
     * @param err      its standard error
     */
    public record Ran(int exitCode, List<String> out, String err) {
    }

    /**
     * Runs {@code command} with stdin from /dev/null, its output in temporary files (never a full pipe), for
     * at most {@code timeout}: a command that overruns is killed and fails the test.
     */
    public static Ran run(List<String> command, Duration timeout) {
        try {
            Path out = Files.createTempFile("cmd", ".out");
            Path err = Files.createTempFile("cmd", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("did not finish within " + timeout.toSeconds() + " s: " + command);
                }
                return new Ran(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
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
