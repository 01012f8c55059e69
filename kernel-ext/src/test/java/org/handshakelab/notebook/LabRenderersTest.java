package org.handshakelab.notebook;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.XYStyler;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabRenderersTest {

    private static Renderer registered() {
        Renderer renderer = new Renderer();
        assertTrue(LabRenderers.register(renderer));
        return renderer;
    }

    @Test
    void tableRendersAsHtmlAndPlainText() {
        DisplayData data = registered().render(Tables.handshake());

        String html = (String) data.getData(MIMEType.TEXT_HTML);
        String text = (String) data.getData(MIMEType.TEXT_PLAIN);
        assertTrue(html.startsWith("<table") && html.contains(">SYN-ACK</td>"), html);
        assertEquals(TableRenderer.text(Tables.handshake()), text);
    }

    @Test
    void longTableRenderIsElidedInBothForms() {
        DisplayData data = registered().render(Tables.numbered(50));

        assertTrue(((String) data.getData(MIMEType.TEXT_HTML)).contains("… 30 more rows …"));
        assertTrue(((String) data.getData(MIMEType.TEXT_PLAIN)).contains("… 30 more rows …"));
    }

    @Test
    void everyChartKindRendersAsPngOfItsSizeAndPlainText() throws IOException {
        Renderer renderer = registered();
        for (Chart<?, ?> chart : List.<Chart<?, ?>>of(Charts.seq(), Charts.bytes(), Charts.share())) {
            DisplayData data = renderer.render(chart);

            byte[] png = Base64.getDecoder().decode((String) data.getData(MIMEType.IMAGE_PNG));
            assertArrayEquals(ChartRendererTest.PNG_SIGNATURE, Arrays.copyOf(png, 8));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(chart.getWidth(), image.getWidth());
            assertEquals(chart.getHeight(), image.getHeight());
            assertEquals(ChartRenderer.text(chart), data.getData(MIMEType.TEXT_PLAIN));
        }
    }

    @Test
    void chartTextMentionsTitleAndSeries() {
        String text = (String) registered().render(Charts.seq()).getData(MIMEType.TEXT_PLAIN);

        assertTrue(text.contains("\"Seq over time\""), text);
        assertTrue(text.contains("client") && text.contains("server"), text);
    }

    @Test
    void chartAskedForPlainTextOnlyIsNotDrawn() {
        DisplayData data = registered().renderAs(Charts.seq(), "text/plain");

        assertNull(data.getData(MIMEType.IMAGE_PNG));
        assertEquals(ChartRenderer.text(Charts.seq()), data.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void tableAskedForHtmlOnlyStillHasPlainText() {
        DisplayData data = registered().renderAs(Tables.handshake(), "text/html");

        assertTrue(data.hasDataForType(MIMEType.TEXT_HTML));
        assertEquals(TableRenderer.text(Tables.handshake()), data.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void chartThatCannotBeDrawnShowsItsSummaryInsteadOfFailing() {
        DisplayData data = registered().render(new UndrawableChart());

        assertNull(data.getData(MIMEType.IMAGE_PNG));
        String text = (String) data.getData(MIMEType.TEXT_PLAIN);
        assertTrue(text.startsWith("UndrawableChart \"broken\" 100x50, series: none (not drawn: "), text);
        assertTrue(text.contains("no axes"), text);
    }

    @Test
    void secondRegistrationOnTheSameRendererIsSkipped() {
        Renderer renderer = registered();

        assertFalse(LabRenderers.register(renderer));
        assertTrue(LabRenderers.register(new Renderer()));
    }

    @Test
    void nullRendererIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabRenderers.register(null));

        assertEquals("renderer must not be null", e.getMessage());
    }

    /** A chart whose painting fails, as XChart's does on a machine without fonts. */
    private static final class UndrawableChart extends Chart<XYStyler, XYSeries> {
        UndrawableChart() {
            super(100, 50, new XYStyler());
            setTitle("broken");
        }

        @Override
        public void paint(Graphics2D g, int width, int height) {
            throw new IllegalStateException("no axes");
        }
    }
}
