package org.handshakelab.notebook;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChartRendererTest {

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void pngOfEveryChartKindHasThePngSignatureAndTheChartsSize() throws IOException {
        for (Chart<?, ?> chart : List.<Chart<?, ?>>of(Charts.seq(), Charts.bytes(), Charts.share())) {
            byte[] png = ChartRenderer.png(chart);

            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8), chart.getTitle());
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(chart.getWidth(), image.getWidth(), chart.getTitle());
            assertEquals(chart.getHeight(), image.getHeight(), chart.getTitle());
        }
    }

    @Test
    void base64PngDecodesToThePngBytes() {
        XYChart chart = Charts.seq();

        byte[] decoded = Base64.getDecoder().decode(ChartRenderer.base64Png(chart));

        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(decoded, 8));
    }

    @Test
    void pngIsAFreshArrayEachCall() {
        XYChart chart = Charts.seq();

        assertNotSame(ChartRenderer.png(chart), ChartRenderer.png(chart));
    }

    @Test
    void textNamesKindTitleSizeAndSeries() {
        assertEquals("XYChart \"Seq over time\" 640x480, series: client, server", ChartRenderer.text(Charts.seq()));
        assertEquals("CategoryChart \"Bytes\" 300x200, series: bytes", ChartRenderer.text(Charts.bytes()));
        assertEquals("PieChart \"Packets\" 400x400, series: tcp, tls", ChartRenderer.text(Charts.share()));
    }

    @Test
    void textOfChartWithoutSeriesOrTitleSaysSo() {
        XYChart chart = new XYChartBuilder().width(100).height(50).build();

        assertEquals("XYChart \"\" 100x50, series: none", ChartRenderer.text(chart));
    }

    @Test
    void headlessIsSetOnceChartRendererIsLoaded() {
        ChartRenderer.headless();

        assertEquals("true", System.getProperty("java.awt.headless"));
    }

    @Test
    void nullChartIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChartRenderer.png(null));

        assertEquals("chart must not be null", e.getMessage());
    }
}
