package org.handshakelab.notebook;

import java.awt.AWTError;
import java.util.Base64;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.handshakelab.view.HtmlView;
import org.handshakelab.view.ImageView;

/**
 * Shows the lab's views in a notebook: an {@link HtmlView} as text/html, an {@link ImageView} as image/png,
 * both with their text/plain form. The views make their own bytes; this only hands them to Jupyter.
 */
public final class ViewRenderer {

    static {
        ChartRenderer.headless();
    }

    private ViewRenderer() {
    }

    /** The render function registered for {@link HtmlView}. */
    public static void render(HtmlView view, RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_HTML, view::html);
        context.renderIfRequested(MIMEType.TEXT_PLAIN, view::text);
    }

    /**
     * The render function registered for {@link ImageView}. An image that cannot be drawn (no fonts, no
     * display) still shows its text, with the reason, instead of failing the cell.
     */
    public static void render(ImageView view, RenderContext context) {
        String text = view.text();
        if (context.wantsDataRenderedAs(MIMEType.IMAGE_PNG)) {
            try {
                String png = Base64.getEncoder().encodeToString(view.png());
                context.renderIfRequested(MIMEType.IMAGE_PNG, () -> png);
            } catch (RuntimeException | AWTError | InternalError e) {
                text = text + " (not drawn: " + e + ")";
            }
        }
        String plain = text;
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> plain);
    }
}
