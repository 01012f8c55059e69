package org.handshakelab.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user without the capture privilege is told: the probe runs in a child JVM as {@code nobody}
 * (setpriv, so this needs root); skipped where that cannot be arranged.
 */
@Tag("live")
class LiveUnprivilegedTest {

    private static final String NOBODY = "65534";

    @TempDir
    Path dir;

    @Test
    void withoutThePrivilegeTheMessageIsTheOneLineRemedy() throws Exception {
        Path setpriv = Stream.of("/usr/bin/setpriv", "/bin/setpriv").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        assumeTrue(setpriv != null, "setpriv not installed (util-linux): cannot run a child JVM as nobody");
        assumeTrue(org.handshakelab.TestTools.isRoot(), "not root: cannot switch to nobody");

        String classpath = readableCopyOfClasspath();
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> probe = LiveProbe.run(List.of(setpriv.toString(), "--reuid=" + NOBODY,
                        "--regid=" + NOBODY, "--clear-groups"), classpath,
                "-Djava.io.tmpdir=" + tmp, "-Djna.tmpdir=" + tmp, "-Duser.home=" + tmp);
        assumeFalse("true".equals(probe.get("available")), "java has the capture capability (setcap): nobody can "
                + "capture, so the unprivileged message cannot be seen here");

        assertEquals("false", probe.get("available"));
        assertEquals(LiveLibrary.permissionMessage(null), probe.get("reason"));
        assertEquals(LiveLibrary.permissionMessage(LiveProbe.FALLBACK), probe.get("start"));
    }

    // nobody cannot read ~root/.m2 or the build folder: copy what the probe needs where it can
    private String readableCopyOfClasspath() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("cp"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            String name = source.getFileName().toString();
            boolean needed = Files.isDirectory(source) || name.startsWith("pcap4j-") || name.startsWith("jna-")
                    || name.startsWith("slf4j-api-");
            if (!needed || !Files.exists(source)) {
                continue;
            }
            Path target = copy.resolve((n++) + "-" + name);
            copyTree(source, target);
            entries.add(target.toString());
        }
        makeReadable(dir);
        return String.join(File.pathSeparator, entries);
    }

    private static void copyTree(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void makeReadable(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isDirectory(p)) {
                    if (!p.endsWith("tmp")) {
                        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                } else {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }
}
