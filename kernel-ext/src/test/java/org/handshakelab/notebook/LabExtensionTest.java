package org.handshakelab.notebook;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabExtensionTest {

    @Test
    void installRegistersTableAndChartRenderers() {
        RecordingKernel kernel = new RecordingKernel();

        new LabExtension().install(kernel);

        DisplayData table = kernel.getRenderer().render(Tables.handshake());
        DisplayData chart = kernel.getRenderer().render(Charts.seq());
        assertTrue(table.hasDataForType(MIMEType.TEXT_HTML));
        assertTrue(chart.hasDataForType(MIMEType.IMAGE_PNG));
    }

    @Test
    void installEvaluatesEveryDefaultImportOnItsOwn() {
        RecordingKernel kernel = new RecordingKernel();

        new LabExtension().install(kernel);

        assertEquals(LabExtension.DEFAULT_IMPORTS, kernel.evaluated());
        assertTrue(kernel.evaluated().contains("import tech.tablesaw.api.*;"));
        assertTrue(kernel.evaluated().contains("import org.knowm.xchart.*;"));
    }

    @Test
    void everyDefaultImportIsAnImportStatement() {
        for (String statement : LabExtension.DEFAULT_IMPORTS) {
            assertTrue(statement.matches("import (static )?[a-z][\\w.]*\\.(\\*|[A-Z]\\w*);"), statement);
        }
    }

    @Test
    void everyDefaultImportCompilesInJShellAndTheirNamesDoNotClash() {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            shell.addToClasspath(System.getProperty("java.class.path"));
            List<String> rejected = new ArrayList<>();
            RecordingKernel kernel = new RecordingKernel(source -> {
                try {
                    return evalOrThrow(shell, source);
                } catch (IllegalStateException e) {
                    // install() only logs a failed import, so keep it here to fail the test with
                    rejected.add(e.getMessage());
                    throw e;
                }
            });

            new LabExtension().install(kernel);

            assertEquals(List.of(), rejected);
            assertEquals(LabExtension.DEFAULT_IMPORTS, kernel.evaluated());
            // names a notebook uses from both libraries at once resolve unambiguously after the imports
            evalOrThrow(shell, "Table t = Table.create(\"t\", IntColumn.create(\"n\", 1, 2));");
            evalOrThrow(shell, "XYChart c = new XYChartBuilder().title(\"c\").build();");
            evalOrThrow(shell, "c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);");
            evalOrThrow(shell, "c.addSeries(\"n\", t.intColumn(\"n\").asDoubleArray(), t.intColumn(\"n\").asDoubleArray())"
                    + ".setMarker(SeriesMarkers.CIRCLE);");
        }
    }

    @Test
    void aFailingImportDoesNotStopTheOthersNorTheInstall() {
        String first = LabExtension.DEFAULT_IMPORTS.get(0);
        RecordingKernel kernel = new RecordingKernel(source -> {
            if (source.equals(first)) {
                throw new IllegalStateException("cannot resolve " + source);
            }
            return null;
        });

        new LabExtension().install(kernel);

        assertEquals(LabExtension.DEFAULT_IMPORTS, kernel.evaluated());
        assertTrue(kernel.getRenderer().render(Tables.handshake()).hasDataForType(MIMEType.TEXT_HTML));
    }

    @Test
    void installingTwiceRegistersTheRenderersOnce() {
        RecordingKernel kernel = new RecordingKernel();
        LabExtension extension = new LabExtension();

        extension.install(kernel);
        extension.install(kernel);

        assertFalse(LabRenderers.register(kernel.getRenderer()));
        assertTrue(kernel.getRenderer().render(Charts.seq()).hasDataForType(MIMEType.IMAGE_PNG));
    }

    @Test
    void kernelLoadsTheExtensionFromTheClassPathOnce() {
        RecordingKernel kernel = new RecordingKernel();

        kernel.installExtensionsFromClassPath();
        kernel.installExtensionsFromClassPath();

        assertEquals(LabExtension.DEFAULT_IMPORTS, kernel.evaluated());
        assertFalse(LabRenderers.register(kernel.getRenderer()));
    }

    @Test
    void installSetsHeadless() {
        new LabExtension().install(new RecordingKernel());

        assertEquals("true", System.getProperty("java.awt.headless"));
    }

    @Test
    void nullKernelIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LabExtension().install(null));

        assertEquals("kernel must not be null", e.getMessage());
    }

    /** Evaluates {@code source} in {@code shell}; throws with JShell's diagnostics if a snippet is rejected. */
    private static String evalOrThrow(JShell shell, String source) {
        List<String> problems = new ArrayList<>();
        for (SnippetEvent event : shell.eval(source)) {
            if (event.status() == Snippet.Status.REJECTED || event.exception() != null) {
                String diagnostics = shell.diagnostics(event.snippet())
                        .map(d -> d.getMessage(null))
                        .collect(Collectors.joining("; "));
                problems.add(source + " -> " + event.status() + " " + diagnostics + " " + event.exception());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("\n", problems));
        }
        return null;
    }
}
