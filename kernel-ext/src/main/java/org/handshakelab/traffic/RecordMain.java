package org.handshakelab.traffic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.handshakelab.LabException;
import org.handshakelab.capture.LiveAvailability;
import org.handshakelab.capture.LiveCapture;

/**
 * Records the bundled captures: {@code RecordMain [--out DIR] [name ...]} (default {@code captures}, all
 * scenarios). Needs the capture privilege; {@code ./lab record} runs it.
 *
 * <p>Exit status: 0 when every capture was written, 1 when one failed, 2 when live capture is not possible
 * or the arguments are wrong.
 */
public final class RecordMain {

    private RecordMain() {
    }

    /** The scenarios this program knows, in the order it records them. */
    public static List<RecordScenario> scenarios() {
        return RecordScenario.http();
    }

    /** Records and prints one line per capture. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path outDir = Path.of("captures");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                outDir = Path.of(args[++i]);
            } else if (args[i].startsWith("-")) {
                usage();
                return 2;
            } else {
                names.add(args[i]);
            }
        }
        List<RecordScenario> chosen = choose(names);
        if (chosen == null) {
            return 2;
        }
        LiveAvailability live = LiveCapture.available();
        if (!live.available()) {
            System.err.println(live.reason());
            return 2;
        }
        int failures = 0;
        for (RecordScenario s : chosen) {
            try {
                System.out.println(Recorder.record(s.name(), outDir, s.scenario()));
            } catch (LabException e) {
                System.err.println(s.name() + ": " + e.getMessage());
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static List<RecordScenario> choose(List<String> names) {
        if (names.isEmpty()) {
            return scenarios();
        }
        List<RecordScenario> chosen = new ArrayList<>();
        Set<String> wanted = Set.copyOf(names);
        for (RecordScenario s : scenarios()) {
            if (wanted.contains(s.name())) {
                chosen.add(s);
            }
        }
        if (chosen.size() != wanted.size()) {
            System.err.println("unknown capture name in " + names + "; known: "
                    + scenarios().stream().map(RecordScenario::name).toList());
            return null;
        }
        return chosen;
    }

    private static void usage() {
        System.err.println("usage: RecordMain [--out DIR] [name ...]   (DIR default: captures; names default: all)");
        for (RecordScenario s : scenarios()) {
            System.err.println("  " + s.name() + ": " + s.description());
        }
    }
}
