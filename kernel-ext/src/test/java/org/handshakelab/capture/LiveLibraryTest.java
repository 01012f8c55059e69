package org.handshakelab.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Finding libpcap, and what a JVM without it is told. Needs no privilege. */
class LiveLibraryTest {

    @Test
    void aConfiguredLibraryThatDoesNotLoadIsAProblemNotAnError() {
        String problem = LiveLibrary.locate("/nonexistent/libpcap.so.9", List.of());

        assertEquals("libpcap could not be loaded from org.pcap4j.core.pcapLibName=/nonexistent/libpcap.so.9",
                problem);
    }

    @Test
    void debiansVersionedLibraryIsACandidateBeforeFullVersions() {
        Path debian = Path.of("/usr/lib/x86_64-linux-gnu/libpcap.so.0.8");
        assumeTrue(Files.exists(debian), "not a Debian amd64 machine with libpcap0.8");
        List<Path> candidates = LiveLibrary.candidates();

        assertTrue(candidates.contains(debian), candidates.toString());
        Path full = candidates.stream().filter(p -> p.getFileName().toString().matches("libpcap\\.so\\.1\\.\\d+.*"))
                .findFirst().orElse(debian);
        assertTrue(candidates.indexOf(debian) <= candidates.indexOf(full), candidates.toString());
    }

    @Test
    void thePermissionMessageIsOneLineSayingWhatToDo() {
        String message = LiveLibrary.permissionMessage("http-close");

        assertTrue(message.startsWith("live capture needs root or the capture capability: run as root, or "
                + "`sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))`"), message);
        assertTrue(message.contains("/etc/ld.so.conf.d/java.conf && sudo ldconfig`"), message);
        assertTrue(message.endsWith("; meanwhile use the bundled capture captures/http-close.pcapng"), message);
        assertFalse(message.contains("\n"));
        assertTrue(LiveLibrary.permissionMessage(null).endsWith("meanwhile use one of the bundled captures in "
                + "captures/"));
    }

    @Test
    void withoutLibpcapAJvmIsToldToInstallItAndWhichCaptureToUse() throws Exception {
        Map<String, String> probe = LiveProbe.run(List.of(), System.getProperty("java.class.path"),
                "-D" + LiveLibrary.PROPERTY + "=/nonexistent/libpcap.so");

        assertEquals("false", probe.get("available"));
        assertTrue(probe.get("reason").startsWith("live capture needs libpcap (libpcap could not be loaded from "
                + "org.pcap4j.core.pcapLibName=/nonexistent/libpcap.so): install it with `sudo apt-get install "
                + "libpcap0.8`"), probe.get("reason"));
        assertTrue(probe.get("start").startsWith("live capture needs libpcap"), probe.get("start"));
        assertTrue(probe.get("start").endsWith("meanwhile use the bundled capture captures/"
                + LiveProbe.FALLBACK + ".pcapng"), probe.get("start"));
    }
}
