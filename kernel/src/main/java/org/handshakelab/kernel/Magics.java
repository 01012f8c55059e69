package org.handshakelab.kernel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;

/**
 * The kernel's line magics, with JJava's meaning: {@code %classpath} adds paths (globs allowed,
 * separated by spaces or the path separator) to the cells' class path, {@code %jars} adds jar
 * files; both then install the {@code Extension}s those jars declare. ({@code %time} and
 * {@code %%time} need the raw code, so the kernel runs them itself.)
 */
final class Magics {

    private Magics() {
    }

    static void register(MagicsRegistry registry) {
        registry.registerLineMagic("classpath", (LineMagic<List<String>, LabKernel>) (kernel, args) ->
                kernel.addToClasspath(resolve(args, false)));
        registry.registerLineMagic("jars", (LineMagic<List<String>, LabKernel>) (kernel, args) ->
                kernel.addToClasspath(resolve(args, true)));
    }

    /** Every file a list of paths and globs names; an entry that names nothing is an error. */
    static List<Path> resolve(List<String> args, boolean jarsOnly) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("give one or more paths, e.g. %classpath lib/my.jar");
        }
        List<Path> out = new ArrayList<>();
        for (String arg : args) {
            for (String entry : arg.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                List<Path> found;
                try {
                    found = new ArrayList<>(PathsHandler.resolveGlobs(entry.strip()));
                } catch (RuntimeException e) {
                    found = new ArrayList<>();
                }
                found.removeIf(p -> !Files.exists(p) || jarsOnly && !p.toString().endsWith(".jar"));
                if (found.isEmpty()) {
                    throw new IllegalArgumentException("no " + (jarsOnly ? "jar " : "") + "file matches '" + entry.strip()
                            + "' (working directory " + Path.of("").toAbsolutePath() + ")");
                }
                for (Path p : found) {
                    out.add(p.toAbsolutePath().normalize());
                }
            }
        }
        return out;
    }

    /** Splits magic arguments at blanks, keeping "quoted strings" whole. */
    static List<String> split(String args) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }
}
