package org.handshakelab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

/**
 * A cell that failed, already formatted the way a student reads it: what went wrong, where in
 * the cell, and (for exceptions) the student's own frames first.
 */
final class CellError extends RuntimeException {

    private static final String RED = "\u001b[1;31m";
    private static final String RESET = "\u001b[0m";
    private static final int LIBRARY_FRAMES = 6;

    private final String ename;
    private final String evalue;
    private final List<String> traceback;

    CellError(String ename, String evalue, List<String> traceback) {
        super(ename + ": " + evalue, null, false, false);
        this.ename = ename;
        this.evalue = evalue;
        this.traceback = List.copyOf(traceback);
    }

    String ename() {
        return ename;
    }

    String evalue() {
        return evalue;
    }

    List<String> traceback() {
        return traceback;
    }

    /** A compile error: the diagnostic, the cell line it is on, and a caret under the bad code. */
    static CellError compile(String cell, int start, int end, String message) {
        start = clamp(start, cell.length());
        end = Math.max(start, clamp(end, cell.length()));
        int lineStart = cell.lastIndexOf('\n', start - 1) + 1;
        int lineEnd = cell.indexOf('\n', start);
        if (lineEnd < 0) {
            lineEnd = cell.length();
        }
        int lineNo = 1 + (int) cell.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        String line = cell.substring(lineStart, lineEnd);
        int caretEnd = Math.max(start + 1, Math.min(end, lineEnd));
        String caret = " ".repeat(start - lineStart) + "^".repeat(Math.max(1, caretEnd - start));
        List<String> tb = new ArrayList<>();
        tb.add(RED + "Compilation error, cell line " + lineNo + ":" + RESET);
        for (String m : message.split("\n")) {
            tb.add(m);
        }
        tb.add(String.format("%4d | %s", lineNo, line));
        tb.add("     | " + caret);
        return new CellError("CompilationError", message.split("\n")[0], tb);
    }

    /** Code that JShell cannot parse into a complete statement, e.g. an unclosed brace. */
    static CellError incomplete(String cell) {
        int lines = (int) cell.chars().filter(c -> c == '\n').count() + 1;
        return new CellError("CompilationError", "the cell ends before the code is complete",
                List.of(RED + "Compilation error, cell line " + lines + ":" + RESET,
                        "the cell ends before the code is complete: look for a missing '}', ')' or ';'"));
    }

    /**
     * An exception thrown by cell code. {@code where} turns a frame's file name and line (JShell
     * names the student's frames by snippet id, like {@code #12}, line 2) into "cell [3], line 5",
     * or null for a frame outside the student's code.
     */
    static CellError runtime(JShellException e, BiFunction<String, Integer, String> where) {
        String ename = e instanceof EvalException ee ? ee.getExceptionClassName() : e.getClass().getName();
        String evalue = e instanceof UnresolvedReferenceException ure
                ? ure.getSnippet().toString()
                : String.valueOf(e.getMessage());
        List<String> tb = new ArrayList<>();
        if (e instanceof UnresolvedReferenceException) {
            tb.add(RED + "This method or class uses something not declared yet; declare it, then run this cell again." + RESET);
        }
        describe(e, where, tb, "");
        String simple = ename.substring(ename.lastIndexOf('.') + 1);
        return new CellError(simple, e.getMessage() == null ? "" : e.getMessage(), tb);
    }

    private static void describe(Throwable e, BiFunction<String, Integer, String> where, List<String> tb, String prefix) {
        String name = e instanceof EvalException ee ? ee.getExceptionClassName() : e.getClass().getName();
        tb.add(RED + prefix + name + (e.getMessage() == null ? "" : ": " + e.getMessage()) + RESET);
        StackTraceElement[] frames = e.getStackTrace();
        int firstUser = -1;
        List<String> user = new ArrayList<>();
        for (int i = 0; i < frames.length; i++) {
            String place = frames[i].getFileName() == null ? null
                    : where.apply(frames[i].getFileName(), frames[i].getLineNumber());
            if (place != null) {
                if (firstUser < 0) {
                    firstUser = i;
                }
                String method = frames[i].getMethodName();
                user.add("    at " + place + (method.isEmpty() ? "" : " (in " + method + ")"));
            }
        }
        if (!user.isEmpty()) {
            tb.add("  in your code:");
            tb.addAll(user);
        }
        int libraryEnd = firstUser < 0 ? Math.min(frames.length, LIBRARY_FRAMES) : firstUser;
        int shown = Math.min(libraryEnd, LIBRARY_FRAMES);
        if (shown > 0) {
            tb.add(firstUser < 0 ? "  at:" : "  inside the library it called:");
            for (int i = 0; i < shown; i++) {
                tb.add("    at " + frames[i]);
            }
            if (libraryEnd > shown) {
                tb.add("    ... " + (libraryEnd - shown) + " more");
            }
        }
        if (e.getCause() != null && e.getCause() != e) {
            describe(e.getCause(), where, tb, "Caused by: ");
        }
    }

    /** A cell the user interrupted. */
    static CellError interrupted() {
        return new CellError("Interrupted", "the cell was stopped",
                List.of(RED + "Interrupted: the cell was stopped at your request." + RESET,
                        "The kernel is still running and keeps the variables defined so far."));
    }

    /** A magic that could not be run: one line saying what to do. */
    static CellError magic(String name, String message) {
        return new CellError("MagicError", message, List.of(RED + "%" + name + ": " + message + RESET));
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(v, max));
    }
}
