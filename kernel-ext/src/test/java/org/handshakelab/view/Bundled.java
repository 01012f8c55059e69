package org.handshakelab.view;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.handshakelab.Lab;
import org.handshakelab.TestTools;
import org.handshakelab.Trace;

/** The bundled captures, opened once per test run. */
final class Bundled {

    private static final Map<String, Trace> OPENED = new ConcurrentHashMap<>();

    private Bundled() {
    }

    /** The path of bundled capture {@code name} (without .pcapng); fails the test when it is absent. */
    static Path path(String name) {
        return TestTools.bundled(name + ".pcapng");
    }

    /** The trace of bundled capture {@code name}. */
    static Trace trace(String name) {
        Path p = path(name);
        return OPENED.computeIfAbsent(name, n -> Lab.open(p));
    }
}
