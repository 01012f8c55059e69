package org.handshakelab.notebook;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

import java.util.List;

/**
 * The Handshake Lab JJava extension: tables and charts display themselves, and the lab's imports are
 * in scope in every notebook. Found through {@code META-INF/services}, by our kernel and by upstream
 * JJava ({@code %classpath lab.jar} or {@code JJAVA_CLASSPATH=lab.jar}).
 */
public final class LabExtension implements Extension {

    /**
     * Imports every notebook starts with. Each must compile on the lab's class path (a test checks it in
     * JShell). {@code org.handshakelab.*} brings {@code Lab} and {@code Trace}.
     */
    public static final List<String> DEFAULT_IMPORTS = List.of(
            "import tech.tablesaw.api.*;",
            "import org.knowm.xchart.*;",
            "import org.knowm.xchart.style.Styler;",
            "import org.knowm.xchart.style.markers.SeriesMarkers;",
            "import org.handshakelab.*;");

    private static final System.Logger LOG = System.getLogger(LabExtension.class.getName());

    /** Used by {@link java.util.ServiceLoader}. */
    public LabExtension() {
    }

    /**
     * Registers the renderers (once per renderer) and evaluates {@link #DEFAULT_IMPORTS}, one statement at
     * a time so that one bad import cannot hide the others. Safe to call more than once.
     */
    @Override
    public void install(BaseKernel kernel) {
        if (kernel == null) {
            throw new IllegalArgumentException("kernel must not be null");
        }
        ChartRenderer.headless();
        LabRenderers.register(kernel.getRenderer());
        for (String statement : DEFAULT_IMPORTS) {
            try {
                kernel.evalRaw(statement);
            } catch (RuntimeException e) {
                // the kernel stays usable without one import; say which, and carry on
                LOG.log(System.Logger.Level.WARNING, "Handshake Lab: could not evaluate '" + statement + "': " + e);
            }
        }
    }
}
