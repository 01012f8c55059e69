package org.handshakelab.notebook;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.AWTError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * Shows an XChart chart ({@code XYChart}, {@code CategoryChart}, {@code PieChart}, ...) in a notebook:
 * an {@code image/png} drawn off-screen and a one-line {@code text/plain} summary. {@link #png(Chart)} and
 * {@link #text(Chart)} need no kernel.
 */
public final class ChartRenderer {

    static {
        headless();
    }

    private ChartRenderer() {
    }

    /**
     * Sets {@code java.awt.headless=true} unless it is already set, so charts draw on a server with no
     * display. It must run before anything touches AWT: AWT reads the property once.
     */
    public static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The chart drawn as PNG at its own width and height; a fresh array on every call. */
    public static byte[] png(Chart<?, ?> chart) {
        requireChart(chart);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode chart \"" + chart.getTitle() + "\" as PNG", e);
        }
    }

    /** The PNG of {@link #png(Chart)} in base64, as Jupyter carries {@code image/png}. */
    public static String base64Png(Chart<?, ?> chart) {
        return Base64.getEncoder().encodeToString(png(chart));
    }

    /** A one-line summary, e.g. {@code XYChart "Seq over time" 800x600, series: client, server}. */
    public static String text(Chart<?, ?> chart) {
        requireChart(chart);
        String title = chart.getTitle() == null ? "" : chart.getTitle();
        String series = chart.getSeriesMap().isEmpty() ? "none" : String.join(", ", chart.getSeriesMap().keySet());
        return chart.getClass().getSimpleName() + " \"" + title + "\" "
                + chart.getWidth() + "x" + chart.getHeight() + ", series: " + series;
    }

    /**
     * The render function registered for {@link Chart}: image/png and text/plain as requested. A chart
     * that XChart cannot draw still shows its summary, with the reason, instead of failing the cell.
     */
    public static void render(Chart<?, ?> chart, RenderContext context) {
        String summary = text(chart);
        if (context.wantsDataRenderedAs(MIMEType.IMAGE_PNG)) {
            try {
                String png = base64Png(chart);
                context.renderIfRequested(MIMEType.IMAGE_PNG, () -> png);
            } catch (RuntimeException | AWTError | InternalError e) {
                // a missing font or display must not fail the cell; the summary says why there is no image
                summary = summary + " (not drawn: " + e + ")";
            }
        }
        String plain = summary;
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> plain);
    }

    private static void requireChart(Chart<?, ?> chart) {
        if (chart == null) {
            throw new IllegalArgumentException("chart must not be null");
        }
    }
}
