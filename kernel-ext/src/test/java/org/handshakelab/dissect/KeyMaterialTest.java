package org.handshakelab.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.handshakelab.LabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Assertions;

class KeyMaterialTest {

    private static final Path CAPTURES = Path.of("..", "captures");

    @Test
    void oneKeyLogFileFeedsTlsAndSshLinesToTheirOwnPart(@TempDir Path dir) throws IOException {
        List<String> tls = Files.readAllLines(CAPTURES.resolve("https-tls13.keylog"));
        List<String> ssh = Files.readAllLines(CAPTURES.resolve("ssh-exec.keylog"));
        Path mixed = dir.resolve("mixed.keylog");
        Files.writeString(mixed, tls.get(0) + "\n" + ssh.get(0) + "\nnot a key\n");

        KeyMaterial keys = KeyMaterial.keyLog(mixed);

        assertFalse(keys.tls().isEmpty(), "the NSS line");
        assertFalse(keys.ssh().isEmpty(), "the SSH line");
        assertEquals(1, keys.problems().size(), keys.problems().toString());
        assertTrue(keys.problems().get(0).contains("line 3"), keys.problems().get(0));
    }

    @Test
    void anSshOnlyKeyLogHasNoTlsProblems() {
        KeyMaterial keys = KeyMaterial.keyLog(CAPTURES.resolve("ssh-exec.keylog"));

        assertTrue(keys.tls().isEmpty());
        assertFalse(keys.ssh().isEmpty());
        assertEquals(List.of(), keys.problems());
    }

    @Test
    void aMissingKeyLogSaysWhatToDo() {
        LabException e = Assertions.assertThrows(LabException.class,
                () -> KeyMaterial.keyLog(CAPTURES.resolve("no-such.keylog")));
        assertTrue(e.getMessage().contains("no-such.keylog"), e.getMessage());
    }
}
