package org.handshakelab.view;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.handshakelab.Lab;
import org.handshakelab.Trace;

/** The bundled captures, opened once per test run. */
final class Bundled {

    static final Path CAPTURES = Path.of("..", "captures");
    private static final Map<String, Trace> OPENED = new ConcurrentHashMap<>();

    private Bundled() {
    }

    /** The path of bundled capture {@code name} (without .pcapng); skips the test when captures/ is absent. */
    static Path path(String name) {
        Path p = CAPTURES.resolve(name + ".pcapng");
        assumeTrue(Files.isRegularFile(p), p + " not found from " + Path.of("").toAbsolutePath());
        return p;
    }

    /** The trace of bundled capture {@code name}. */
    static Trace trace(String name) {
        Path p = path(name);
        return OPENED.computeIfAbsent(name, n -> Lab.open(p));
    }
}
