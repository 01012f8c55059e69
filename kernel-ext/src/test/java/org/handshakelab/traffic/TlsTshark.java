package org.handshakelab.traffic;

import org.handshakelab.TestTools;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** tshark as the outside witness: captures loopback traffic live and reads captures with a key log. */
final class TlsTshark implements AutoCloseable {

    private static final String TSHARK = TestTools.find("tshark");
    private static final long START_MILLIS = 30_000;

    private final Process process;
    private final Path stderr;
    private final Path file;

    private TlsTshark(Process process, Path stderr, Path file) {
        this.process = process;
        this.stderr = stderr;
        this.file = file;
    }

    static void assumePresent() {
        assumeTrue(TSHARK != null, "tshark not installed (apt-get install tshark)");
    }

    static void assumeRoot() {
        assumeTrue(org.handshakelab.TestTools.isRoot(),
                "live capture needs root (or CAP_NET_RAW on dumpcap); run as root");
    }

    /**
     * Starts {@code tshark -i lo -f "tcp port N" -w file} and returns once tshark says it is capturing. tshark 4.0
     * prints {@code Capturing on 'Loopback: lo'} before dumpcap has even opened the interface (a ClientHello sent
     * then is lost); {@code Capture started.} / {@code File: "..."} come once dumpcap has the interface open with
     * its filter set and has opened the file, so that is the line to wait for.
     */
    static TlsTshark capture(int port, Path file) throws IOException, InterruptedException {
        assumePresent();
        Path stderr = Files.createTempFile("tshark", ".err");
        Process p = new ProcessBuilder(TSHARK, "-n", "-i", "lo", "-f", "tcp port " + port, "-w", file.toString())
                .redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        TlsTshark capture = new TlsTshark(p, stderr, file);
        long deadline = System.currentTimeMillis() + START_MILLIS;
        while (!Files.readString(stderr).contains("Capture started")) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                capture.close();
                throw new AssertionError("tshark did not start capturing: " + Files.readString(stderr));
            }
            Thread.sleep(50);
        }
        return capture;
    }

    /** Stops the capture with SIGINT, as Ctrl-C would, so tshark writes out what it has. */
    Path stop() throws IOException, InterruptedException {
        Thread.sleep(300); // let the last ACKs reach the capture buffer
        run(List.of("kill", "-INT", Long.toString(process.pid())));
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("tshark did not stop on SIGINT");
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroyForcibly(); // only on failure paths: stop() ends it normally
        }
        Files.deleteIfExists(stderr);
    }

    /** {@code tshark -n -r file args...}: the output lines. */
    static List<String> read(Path file, String... args) {
        assumePresent();
        List<String> command = new ArrayList<>(List.of(TSHARK, "-n", "-r", file.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    /** Runs a command for at most 60 s and returns its stdout lines; fails on a non-zero exit. */
    static List<String> run(List<String> command) {
        TestTools.Ran ran = TestTools.run(command, Duration.ofSeconds(60));
        if (ran.exitCode() != 0) {
            throw new AssertionError("exit " + ran.exitCode() + ": " + command + ": " + ran.err());
        }
        return ran.out();
    }

}
