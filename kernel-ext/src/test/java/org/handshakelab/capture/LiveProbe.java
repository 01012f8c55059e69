package org.handshakelab.capture;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.handshakelab.LabException;

/**
 * A child JVM that asks {@link LiveCapture#available()} and tries {@link LiveCapture#start}: how a notebook
 * kernel without the privilege (or without libpcap) sees live capture. {@link #main} prints {@code key=value}
 * lines; {@link #run} starts it and reads them back.
 */
final class LiveProbe {

    /** The fallback name the probe's start uses, so the message names a bundled capture. */
    static final String FALLBACK = "http-keepalive";

    private LiveProbe() {
    }

    public static void main(String[] args) {
        LiveAvailability live = LiveCapture.available();
        System.out.println("available=" + live.available());
        System.out.println("reason=" + live.reason());
        try (LiveCapture capture = LiveCapture.start(LiveOptions.builder().fallback(FALLBACK).build())) {
            System.out.println("start=started");
        } catch (LabException e) {
            System.out.println("start=" + e.getMessage());
        }
    }

    /** Runs the probe: {@code command} (e.g. setpriv ...) + java + {@code jvmArgs} + -cp classpath LiveProbe. */
    static Map<String, String> run(List<String> prefix, String classpath, String... jvmArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-cp", classpath, LiveProbe.class.getName()));
        Path out = Files.createTempFile("live-probe", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("probe did not finish within 60 s: " + command);
            }
            Map<String, String> values = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            for (String line : lines) {
                int eq = line.indexOf('=');
                if (eq > 0 && line.matches("^(available|reason|start)=.*")) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            if (p.exitValue() != 0 || values.size() != 3) {
                throw new AssertionError("probe failed (exit " + p.exitValue() + "): " + command + "\n"
                        + String.join("\n", lines));
            }
            return values;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
