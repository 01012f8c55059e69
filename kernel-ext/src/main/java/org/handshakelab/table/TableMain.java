package org.handshakelab.table;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.handshakelab.LabException;
import org.handshakelab.capture.CaptureAnomaly;
import org.handshakelab.capture.CaptureFile;

/**
 * The packet table from the command line ({@code ./lab table} and {@code ./lab bench}).
 *
 * <pre>
 * java -cp kernel-ext/target/classes org.handshakelab.table.TableMain --tsv [--keylog KEYLOG] FILE
 *     one row per frame, the same columns and formatting as
 *     tshark -r FILE -T fields -E header=y -E separator=/t -E occurrence=a -E aggregator=, -e frame.number ...
 *     TLS and SSH are decrypted with the capture's own Decryption Secrets Blocks and the key log KEYLOG (NSS
 *     lines for TLS, Wireshark's SSH lines), as with tshark -o tls.keylog_file:KEYLOG (ssh.keylog_file for
 *     SSH); skipped key log lines are reported on stderr, one line each
 * java -cp kernel-ext/target/classes org.handshakelab.table.TableMain bench FILE [RUNS]
 *     packets per second for building the table in-process after a warm-up, and heap bytes per packet
 * </pre>
 *
 * <p>Problems are one line on stderr and exit code 2, never a stack trace. Recommended JVM options:
 * {@code -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn16m -XX:MaxTenuringThreshold=0} for {@code --tsv} (a
 * run of seconds: C2 compiles longer than it saves; the state per connection lives to the end, so it is
 * promoted at once); {@code --tsv} keeps only the rows not yet written, so its heap does not grow with the
 * capture but for the connections. {@code -XX:+UseParallelGC} for {@code bench}, with {@code -Xmx} about 100
 * bytes per frame plus the default.
 */
public final class TableMain {

    private static final int EXIT_PROBLEM = 2;
    private static final String USAGE = "usage: TableMain --tsv [--keylog KEYLOG] FILE | bench FILE [RUNS]";

    private TableMain() {
    }

    /** Runs the command; exits with 0, or 2 and a one-line message. */
    public static void main(String[] args) {
        int code = run(args, new FileOutputStream(FileDescriptor.out), System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command with the given streams; returns the exit code. */
    static int run(String[] args, OutputStream out, PrintStream err) {
        try {
            if (args.length == 2 && args[0].equals("--tsv")) {
                tsv(Path.of(args[1]), TableOptions.standard(), out, err);
                return 0;
            }
            if (args.length == 4 && args[0].equals("--tsv") && args[1].equals("--keylog")) {
                TableOptions options = TableOptions.builder().standardDissectors().keyLog(Path.of(args[2])).build();
                options.keys().problems().forEach(p -> err.println("warning: " + p));
                tsv(Path.of(args[3]), options, out, err);
                return 0;
            }
            if ((args.length == 2 || args.length == 3) && args[0].equals("bench")) {
                int runs = args.length == 3 ? runs(args[2]) : 5;
                Bench.run(Path.of(args[1]), runs, new PrintStream(out, true));
                return 0;
            }
            err.println(USAGE + " (got: " + String.join(" ", Arrays.asList(args)) + ")");
            return EXIT_PROBLEM;
        } catch (LabException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return EXIT_PROBLEM;
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("broken pipe")) {
                return 0; // the reader (head, less) has seen enough
            }
            err.println("cannot write the table: " + e.getMessage() + "; check the output file or pipe");
            return EXIT_PROBLEM;
        } catch (OutOfMemoryError e) {
            err.println("out of memory building the table; give Java more heap, e.g. java -Xmx4g ...");
            return EXIT_PROBLEM;
        } catch (RuntimeException e) {
            // a bug, not a bad file: still one line, with what to report
            err.println("internal error: " + e + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?")
                    + "; please report it with the capture file");
            return EXIT_PROBLEM;
        }
    }

    private static int runs(String text) {
        try {
            int runs = Integer.parseInt(text);
            if (runs >= 1 && runs <= 1000) {
                return runs;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("RUNS must be 1..1000: " + text);
    }

    /** Anomalies of the file's framing told on stderr, at most this many (then how many more). */
    static final int MAX_WARNINGS = 5;

    private static void tsv(Path file, TableOptions options, OutputStream out, PrintStream err) throws IOException {
        List<CaptureAnomaly> anomalies = PacketTable.writeTsv(CaptureFile.open(file), options, out, Column.ALL);
        // the rows are all there is; what the reader met in the file (a cut, a damaged block) is said once
        for (int i = 0; i < Math.min(MAX_WARNINGS, anomalies.size()); i++) {
            err.println("warning: " + file + ": " + anomalies.get(i));
        }
        if (anomalies.size() > MAX_WARNINGS) {
            err.println("warning: " + file + ": " + (anomalies.size() - MAX_WARNINGS) + " more problems in the file; "
                    + "tshark -r " + file + " shows them too");
        }
    }
}
