package org.handshakelab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The house shape: data flows one way, capture -> dissect -> flow -> table -> view -> notebook, and a package uses only
 * the stages before it. {@code traffic} makes the packets (it may use {@code capture} to record them). Only
 * {@code capture} touches pcap4j.
 */
class StageImportsTest {

    private static final Path ROOT = Path.of("src/main/java/org/handshakelab");
    private static final Pattern USE = Pattern.compile("\\borg\\.handshakelab\\.(capture|dissect|flow|table|view|notebook|traffic)\\b");

    /** What each stage may use besides itself and the root package. */
    private static final Map<String, List<String>> ALLOWED = Map.of(
            "capture", List.of(),
            "traffic", List.of("capture"),
            "dissect", List.of("capture"),
            "flow", List.of("capture", "dissect"),
            "table", List.of("capture", "dissect", "flow"),
            "view", List.of("capture", "dissect", "flow", "table"),
            "notebook", List.of("capture", "dissect", "flow", "table", "view", "traffic"));

    @Test
    void eachStageUsesOnlyTheStagesBeforeIt() throws IOException {
        assertTrue(Files.isDirectory(ROOT), "run from the kernel-ext module: " + Path.of("").toAbsolutePath());
        List<String> offences = new ArrayList<>();
        for (var stage : ALLOWED.entrySet()) {
            Path dir = ROOT.resolve(stage.getKey());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = USE.matcher(Files.readString(f));
                    while (m.find()) {
                        String used = m.group(1);
                        if (!used.equals(stage.getKey()) && !stage.getValue().contains(used)) {
                            offences.add(f + " uses " + used);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), offences);
    }

    @Test
    void onlyCaptureTouchesPcap4j() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            List<Path> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(ROOT.resolve("capture")))
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains("org.pcap4j");
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }).toList();
            assertEquals(List.of(), offenders);
        }
    }
}
