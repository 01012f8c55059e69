package org.handshakelab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The kernel's evaluation without a Jupyter connection; the protocol tests run the real thing. */
class LabKernelTest {

    private static LabKernel kernel;

    @BeforeAll
    static void start() {
        kernel = LabKernel.builder().build();
        kernel.onStartup();
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    @Test
    void lastExpressionIsTheCellValue() {
        assertEquals(2, kernel.evalCell("1 + 1", 1));
        assertEquals(6, kernel.evalCell("int x = 3;\nx * 2", 2));
    }

    @Test
    void trailingSemicolonHidesTheValue() {
        assertEquals(null, kernel.evalCell("1 + 1;", 3));
    }

    @Test
    void compileErrorNamesTheCellLineAndPutsACaretUnderIt() {
        CellError e = assertThrows(CellError.class, () -> kernel.evalCell("int a = 1;\n\nint b = \"s\";", 4));
        assertTrue(e.evalue().contains("incompatible types"), e.evalue());
        String tb = String.join("\n", e.traceback());
        assertTrue(tb.contains("cell line 3"), tb);
        assertTrue(tb.contains("   3 | int b = \"s\";"), tb);
        assertTrue(tb.contains("     |         ^^^"), tb);
    }

    @Test
    void exceptionShowsTheUsersFramesWithCellLines() {
        CellError e = assertThrows(CellError.class,
                () -> kernel.evalCell("void boom() {\n  throw new IllegalStateException(\"boom\");\n}\n\nboom();", 5));
        assertEquals("IllegalStateException", e.ename());
        assertEquals("boom", e.evalue());
        String tb = String.join("\n", e.traceback());
        assertTrue(tb.contains("at cell [5], line 2 (in boom)"), tb);
        assertTrue(tb.contains("at cell [5], line 5"), tb);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void interruptStopsABusyLoopAndTheKernelStaysUsable() throws Exception {
        for (String loop : new String[] {"while (true) {}", "Thread.sleep(60_000)", "long n = 0; while (true) { n++; }"}) {
            CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return kernel.runCell(loop, 6);
                } catch (CellError e) {
                    return e;
                }
            });
            Thread.sleep(700);
            kernel.interrupt();
            Object outcome = running.get(10, TimeUnit.SECONDS);
            assertTrue(outcome instanceof CellError ce && ce.ename().equals("Interrupted"), loop + " -> " + outcome);
            assertEquals(2, kernel.evalCell("1 + 1", 7));
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void interruptThatArrivesWhileTheCellCompilesStillStopsIt() throws Exception {
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
            try {
                return kernel.runCell("class Slow { int v = 1; }\nThread.sleep(8000);\n\"finished\"", 10);
            } catch (CellError e) {
                return e;
            }
        });
        while (!kernel.cellInProgress()) {
            Thread.onSpinWait();
        }
        kernel.interrupt(); // at once: JShell is still compiling the class, no snippet thread runs yet
        Object outcome = running.get(10, TimeUnit.SECONDS);
        assertTrue(outcome instanceof CellError ce && ce.ename().equals("Interrupted"), "stopped, not: " + outcome);
        assertEquals(2, kernel.runCell("1 + 1", 11));
    }

    @Test
    void anInterruptBetweenCellsDoesNotStopALaterCell() throws Exception {
        kernel.interrupt();
        Thread.sleep(700);
        assertEquals(3, kernel.runCell("1 + 2", 12));
    }

    @Test
    void isCompleteAsksForMoreOnAnOpenBrace() {
        assertEquals(LabKernel.IS_COMPLETE_YES, kernel.isComplete("int x = 1;"));
        assertTrue(kernel.isComplete("class A {").isBlank(), "an indent");
        assertEquals(LabKernel.IS_COMPLETE_YES, kernel.isComplete("%classpath x.jar\nint y = 2;"));
    }

    @Test
    void completesSystemAfterMagicsAndEarlierSnippets() {
        String code = "%time 1\nint a = 1;\nSyst";
        var options = kernel.complete(code, code.length());
        assertTrue(options.getReplacements().contains("System"), options.getReplacements().toString());
        assertEquals(code.length() - 4, options.getSourceStart());
    }

    @Test
    void unknownMagicSaysWhichOnesExist() {
        CellError e = assertThrows(CellError.class, () -> kernel.evalCell("%nosuch", 8));
        assertTrue(e.evalue().contains("%classpath"), e.evalue());
    }

    @Test
    void classpathWithNoMatchingFileSaysSo() {
        CellError e = assertThrows(CellError.class, () -> kernel.evalCell("%classpath /nonexistent/*.jar", 9));
        assertTrue(e.evalue().startsWith("no file matches"), e.evalue());
    }
}
