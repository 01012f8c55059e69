package org.handshakelab.notebook;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.handshakelab.view.HtmlView;
import org.handshakelab.view.ImageView;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Registers the lab's render functions on a JJava {@link Renderer}: Tablesaw tables as text/html and
 * text/plain, XChart charts as image/png and text/plain, and the lab's views (packet lists, step tables,
 * packet details as text/html; time-sequence charts and ladders as image/png; all with text/plain).
 */
public final class LabRenderers {

    /** Renderers already given our functions, so that a second install does not render everything twice. */
    private static final Set<Renderer> REGISTERED = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private LabRenderers() {
    }

    /**
     * Registers the table and chart render functions on {@code renderer}, once per renderer.
     *
     * @return true if they were registered now, false if this renderer already had them
     */
    public static boolean register(Renderer renderer) {
        if (renderer == null) {
            throw new IllegalArgumentException("renderer must not be null");
        }
        if (!REGISTERED.add(renderer)) {
            return false;
        }
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register(TableRenderer::render);
        // Chart is the abstract base of XYChart, CategoryChart, PieChart...: the renderer walks superclasses
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((chart, context) -> ChartRenderer.render((Chart<?, ?>) chart, context));
        renderer.createRegistration(HtmlView.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register(ViewRenderer::render);
        renderer.createRegistration(ImageView.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_PLAIN)
                .register(ViewRenderer::render);
        return true;
    }
}
