package org.handshakelab.traffic;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * tshark as the outside oracle for the SSH tests: a live capture on loopback and field extraction with a key log.
 * Test-only; every process it starts it also stops, within bounded waits.
 */
final class SshTshark implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(20);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(20);

    private final Process process;
    private final Path file;
    private final Path stdout;
    private final Path stderr;
    private final DatagramSocket probe;

    private SshTshark(Process process, Path file, Path stdout, Path stderr, DatagramSocket probe) {
        this.process = process;
        this.file = file;
        this.stdout = stdout;
        this.stderr = stderr;
        this.probe = probe;
    }

    /** Whether {@code name} is an executable on the PATH. */
    static boolean commandExists(String name) {
        try {
            return run(List.of("sh", "-c", "command -v " + name), Duration.ofSeconds(5)).strip().endsWith(name);
        } catch (IOException e) {
            return false;
        }
    }

    /** The first line of {@code tshark --version}, e.g. "TShark (Wireshark) 4.0.17 (...)". */
    static String version() {
        try {
            return run(List.of("tshark", "--version"), Duration.ofSeconds(20)).lines()
                    .filter(line -> line.startsWith("TShark")).findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    /** Whether tshark runs at all on this machine. */
    static boolean available() {
        return version().startsWith("TShark");
    }

    /** Whether the tests run as root (live capture needs it, or CAP_NET_RAW). */
    static boolean root() {
        return org.handshakelab.TestTools.isRoot();
    }

    /**
     * Starts {@code tshark -i lo -f "tcp port N or udp port P" -w file} and returns once packets really reach the
     * file. tshark prints "Capturing on" before its dumpcap child has opened the interface, so that line alone is
     * not enough: a UDP datagram to a private port P is sent until tshark lists it ({@code -P -l}). The probes are
     * UDP and stay out of every {@code -Y ssh} analysis.
     */
    static SshTshark capture(int port, Path file) throws IOException {
        Path stdout = Files.createTempFile(file.getParent(), "tshark", ".out");
        Path stderr = Files.createTempFile(file.getParent(), "tshark", ".err");
        DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Process process = new ProcessBuilder("tshark", "-i", "lo", "-f",
                "tcp port " + port + " or udp port " + probe.getLocalPort(), "-w", file.toString(), "-P", "-l")
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        SshTshark capture = new SshTshark(process, file, stdout, stderr, probe);
        try {
            capture.sync();
        } catch (IOException e) {
            capture.close();
            throw e;
        }
        return capture;
    }

    /** Sends probes until tshark has seen one more than before: everything sent earlier is in the capture. */
    private void sync() throws IOException {
        long seen = Files.readAllLines(stdout).size();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        byte[] hello = "handshake-lab capture probe".getBytes(StandardCharsets.US_ASCII);
        while (Files.readAllLines(stdout).size() <= seen) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("tshark did not capture the probe within " + START_LIMIT + ": "
                        + Files.readString(stderr));
            }
            probe.send(new DatagramPacket(hello, hello.length, probe.getLocalSocketAddress()));
            sleep(100);
        }
    }

    /** Stops the capture with SIGINT once a last probe shows that all earlier packets are in. */
    Path stop() throws IOException {
        try {
            sync();
            run(List.of("kill", "-INT", Long.toString(process.pid())), Duration.ofSeconds(5));
            if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("tshark did not stop after SIGINT");
            }
            return file;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping tshark", e);
        }
    }

    /** Fields of every SSH frame of {@code capture}, decoded on {@code port}, optionally with a key log. */
    static List<String> fields(Path capture, int port, Path keyLog, String... fields) throws IOException {
        List<String> command = new ArrayList<>(List.of("tshark", "-r", capture.toString(),
                "-d", "tcp.port==" + port + ",ssh", "-o", "ssh.keylog_file:" + (keyLog == null ? "" : keyLog),
                "-Y", "ssh", "-T", "fields", "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        String out = run(command, Duration.ofSeconds(60));
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        probe.close();
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
    }

    /** Runs {@code command} and returns its stdout; a non-zero exit is an IOException carrying stderr. */
    static String run(List<String> command, Duration limit) throws IOException {
        Path err = Files.createTempFile("ssh-test", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes(); // the commands used here end on their own
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + limit);
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": "
                        + Files.readString(err));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
