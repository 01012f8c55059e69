package org.handshakelab.capture;

import com.sun.jna.NativeLibrary;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds libpcap for pcap4j before pcap4j first touches it, and words the one-line messages of live capture.
 *
 * <p>pcap4j loads libpcap through JNA by the name in {@code org.pcap4j.core.pcapLibName} (default
 * {@code "pcap"}), once, in a static initializer: if that fails the class is dead for the life of the JVM.
 * Debian's runtime package {@code libpcap0.8} installs only {@code libpcap.so.0.8} (the unversioned
 * {@code libpcap.so} comes with {@code libpcap-dev}), so we look for the library ourselves, set the property to
 * a full path when the plain name does not load, and never let pcap4j try a library that is not there.
 */
final class LiveLibrary {

    /** The system property pcap4j reads for the library name or path. */
    static final String PROPERTY = "org.pcap4j.core.pcapLibName";

    private static final String SETCAP = "sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))";

    // a java binary with file capabilities runs in secure-execution mode, where the dynamic loader ignores the
    // launcher's $ORIGIN run path: without this, java stops with "libjli.so: cannot open shared object file"
    private static final String LDCONFIG = "echo $(dirname $(dirname $(readlink -f $(which java))))/lib"
            + " | sudo tee /etc/ld.so.conf.d/java.conf && sudo ldconfig";

    private static String problem;
    private static boolean checked;

    private LiveLibrary() {
    }

    /**
     * Makes sure pcap4j will find libpcap: null when it will, otherwise what is wrong (checked once per JVM,
     * because pcap4j's own attempt cannot be repeated).
     */
    static synchronized String problem() {
        if (!checked) {
            quietPcap4jLogging();
            problem = locate(System.getProperty(PROPERTY), candidates());
            checked = true;
        }
        return problem;
    }

    /**
     * Chooses the library: the configured name or path if set, else {@code "pcap"}, else the first candidate
     * file that loads (and sets {@link #PROPERTY} to it). Returns null on success, else the problem.
     */
    static String locate(String configured, List<Path> candidates) {
        try {
            if (configured != null && !configured.isBlank()) {
                return loads(configured) ? null : "libpcap could not be loaded from " + PROPERTY + "=" + configured;
            }
            if (loads("pcap")) {
                return null;
            }
            for (Path candidate : candidates) {
                if (Files.isRegularFile(candidate) && loads(candidate.toString())) {
                    System.setProperty(PROPERTY, candidate.toString());
                    return null;
                }
            }
            return "libpcap was not found";
        } catch (LinkageError e) {
            // JNA's own native part did not load (e.g. a noexec temporary folder): no library can be loaded
            return "JNA cannot load native code (" + e.getMessage() + ")";
        }
    }

    private static boolean loads(String name) {
        try {
            NativeLibrary.getInstance(name);
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    /** Versioned libpcap files in the usual library folders, JNA's and Java's library paths first. */
    static List<Path> candidates() {
        Set<Path> dirs = new LinkedHashSet<>();
        for (String property : new String[] {"jna.library.path", "java.library.path"}) {
            for (String dir : System.getProperty(property, "").split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        for (String root : new String[] {"/usr/lib", "/lib"}) {
            // multiarch folders such as /usr/lib/x86_64-linux-gnu
            try (DirectoryStream<Path> arch = Files.newDirectoryStream(Path.of(root), "*-linux-gnu*")) {
                arch.forEach(dirs::add);
            } catch (IOException | RuntimeException e) {
                // not Debian-like: the plain folders below still apply
            }
        }
        for (String dir : new String[] {"/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib",
                "/opt/homebrew/opt/libpcap/lib", "/usr/local/opt/libpcap/lib"}) {
            dirs.add(Path.of(dir));
        }
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            try (DirectoryStream<Path> libs = Files.newDirectoryStream(dir, "libpcap*.{so,so.*,dylib}")) {
                libs.forEach(files::add);
            } catch (IOException | RuntimeException e) {
                // a folder that does not exist or cannot be read holds no candidates
            }
        }
        files.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        return files;
    }

    // libpcap.so.0.8 and libpcap.so.1 are the ABI names; prefer them to fully versioned file names
    private static int rank(Path file) {
        String name = file.getFileName().toString();
        if (name.equals("libpcap.so") || name.equals("libpcap.dylib")) {
            return 0;
        }
        return name.equals("libpcap.so.1") || name.equals("libpcap.so.0.8") || name.equals("libpcap.A.dylib") ? 1 : 2;
    }

    // pcap4j logs at INFO each time it loads; keep notebook output clean unless the user asked for it
    private static void quietPcap4jLogging() {
        String key = "org.slf4j.simpleLogger.log.org.pcap4j";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "warn");
        }
    }

    /** What to look at instead: {@code captures/<name>.pcapng}, or the folder when no name is known. */
    static String bundled(String fallback) {
        return fallback == null ? "one of the bundled captures in captures/"
                : "the bundled capture captures/" + fallback + ".pcapng";
    }

    /** The one-line message for a missing capture privilege. */
    static String permissionMessage(String fallback) {
        return "live capture needs root or the capture capability: run as root, or `" + SETCAP + "` and, so that "
                + "java still finds libjli.so, `" + LDCONFIG + "`; meanwhile use " + bundled(fallback);
    }

    /** The one-line message for a missing libpcap ({@code problem} says what was tried). */
    static String libraryMessage(String problem, String fallback) {
        return "live capture needs libpcap (" + problem + "): install it with `sudo apt-get install libpcap0.8` "
                + "(or set -D" + PROPERTY + "=/path/to/libpcap.so); meanwhile use " + bundled(fallback);
    }
}
