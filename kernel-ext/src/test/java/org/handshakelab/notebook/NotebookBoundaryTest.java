package org.handshakelab.notebook;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The house rule that only the notebook stage touches the kernel API. */
class NotebookBoundaryTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Path NOTEBOOK = MAIN.resolve("org/handshakelab/notebook");

    @Test
    void onlyTheNotebookPackageMentionsJJava() throws IOException {
        assertTrue(Files.isDirectory(NOTEBOOK), "run from the kernel-ext module: " + Path.of("").toAbsolutePath());
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Path> offenders = files
                    .filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.startsWith(NOTEBOOK))
                    .filter(NotebookBoundaryTest::mentionsJJava)
                    .toList();

            assertEquals(List.of(), offenders);
        }
    }

    private static boolean mentionsJJava(Path file) {
        try {
            return Files.readString(file).contains("org.dflib.jjava");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
