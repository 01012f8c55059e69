package org.handshakelab.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.dissect.TcpFlags;
import org.handshakelab.table.PacketTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class TimeSequenceChartTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void hasTitleAxesAndASeriesPerDirectionAndMarker() {
        TimeSequenceChart c = Bundled.trace("http-keepalive").timeSequence(0);
        XYChart chart = c.chart();
        assertTrue(chart.getTitle().startsWith("Time–sequence (tcptrace) · ../captures/http-keepalive.pcapng · stream 0"),
                chart.getTitle());
        assertEquals(TimeSequenceChart.X_TITLE, chart.getXAxisTitle());
        assertEquals(TimeSequenceChart.Y_TITLE, chart.getYAxisTitle());
        assertEquals(List.of("server window", "client window", "server ACK", "client ACK", "client data", "server data",
                "SYN", "FIN"), new ArrayList<>(chart.getSeriesMap().keySet()));
        assertEquals(14, c.packets());
        assertFalse(c.thinned());
    }

    @Test
    void dataBarsRunFromSeqToSeqPlusLenAtTheFramesTime() {
        PacketTable t = Bundled.trace("http-keepalive").table();
        XYSeries client = Bundled.trace("http-keepalive").timeSequence(0).chart().getSeriesMap().get("client data");
        List<double[]> expected = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            if (t.direction(r) == 0 && t.len(r) > 0) {
                double x = (t.timestampNanos(r) - t.timestampNanos(0)) / 1e9;
                expected.add(new double[] {x, t.seq(r)});
                expected.add(new double[] {x, t.seq(r) + t.len(r)});
                expected.add(new double[] {Double.NaN, Double.NaN});
            }
        }
        // frames 4 and 8: GET /hello (Seq=1, Len=96) and GET /again (Seq=97, Len=96), as tshark reads them
        assertEquals(6, expected.size());
        assertArrayEquals(new double[] {1, 97, Double.NaN, 97, 193, Double.NaN}, client.getYData(), 0);
        assertEquals(expected.get(0)[0], client.getXData()[0], 1e-9);
        assertEquals(0.025093416, client.getXData()[0], 1e-9);
    }

    @Test
    void ackAndWindowLinesStepAtEachAckOfTheOtherSide() {
        PacketTable t = Bundled.trace("http-keepalive").table();
        XYChart chart = Bundled.trace("http-keepalive").timeSequence(0).chart();
        double[] acks = chart.getSeriesMap().get("server ACK").getYData();
        double[] windows = chart.getSeriesMap().get("server window").getYData();
        List<Double> expectedAcks = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            if (t.direction(r) == 1 && TcpFlags.has(t.flags(r), TcpFlags.ACK)) {
                expectedAcks.add((double) t.ack(r));
            }
        }
        // the distinct values of the step line are the server's ACK numbers: 1, 97, 193, 194
        assertEquals(expectedAcks.stream().distinct().toList(), java.util.Arrays.stream(acks).boxed().distinct().toList());
        assertEquals(List.of(1.0, 97.0, 193.0, 194.0), java.util.Arrays.stream(acks).boxed().distinct().toList());
        // window line = ACK + scaled window (65483 in the SYN-ACK, 65536 after)
        assertEquals(1 + 65483, windows[0], 0);
        assertEquals(194 + 65536, windows[windows.length - 1], 0);
    }

    @Test
    void synFinAndRstAreMarked() {
        XYChart chart = Bundled.trace("http-keepalive").timeSequence(0).chart();
        assertArrayEquals(new double[] {0, 0}, chart.getSeriesMap().get("SYN").getYData(), 0);
        // FINs at Seq+Len: the client's after its 192 bytes, the server's after its 226
        assertArrayEquals(new double[] {193, 227}, chart.getSeriesMap().get("FIN").getYData(), 0);
        XYChart rst = Bundled.trace("tcp-rst").timeSequence(0).chart();
        assertTrue(rst.getSeriesMap().containsKey("RST"), rst.getSeriesMap().keySet().toString());
    }

    @Test
    void loopbackWindowIsCutOffSoTheDataShows() {
        TimeSequenceChart c = Bundled.trace("http-keepalive").timeSequence(0);
        // the highest non-window point is the client's ACK of the server's FIN: 228
        assertEquals(228 * 1.25, c.yAxisCut(), 1e-9);
        assertTrue(c.chart().getTitle().endsWith("(window lines above the top)"));
    }

    @Test
    void drawsAsPngOfItsSizeWithTextSummary() throws IOException {
        TimeSequenceChart c = Bundled.trace("https-tls12").timeSequence(0);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(c.png()));
        assertEquals(TimeSequenceChart.WIDTH, image.getWidth());
        assertEquals(TimeSequenceChart.HEIGHT, image.getHeight());
        assertTrue(c.text().contains("client data ("), c.text());
        assertTrue(c.text().contains("x: " + TimeSequenceChart.X_TITLE), c.text());
    }

    @Test
    void longConnectionIsThinnedKeepingItsEndsAndMarkers(@TempDir Path dir) {
        Path file = dir.resolve("bulk.pcapng");
        ChartBench.writeBulkTransfer(file, 60_000);
        PacketTable t = PacketTable.build(CaptureFile.open(file));
        TimeSequenceChart c = TimeSequenceChart.of(t, 0);
        assertTrue(c.thinned());
        assertEquals(60_000, c.packets());
        long points = c.chart().getSeriesMap().values().stream().mapToLong(s -> s.getXData().length).sum();
        assertTrue(points <= 6 * 4 * TimeSequenceChart.WIDTH + 10, "points " + points);
        // the shape: the highest data byte and the last ACK are kept exactly
        long maxEnd = 0;
        long lastAck = 0;
        for (int r = 0; r < t.size(); r++) {
            if (t.direction(r) == 0 && t.len(r) > 0) {
                maxEnd = Math.max(maxEnd, t.seq(r) + Math.max(0, t.len(r)));
            }
            if (t.direction(r) == 1 && TcpFlags.has(t.flags(r), TcpFlags.ACK)) {
                lastAck = t.ack(r);
            }
        }
        double[] data = c.chart().getSeriesMap().get("client data").getYData();
        assertEquals(maxEnd, java.util.Arrays.stream(data).filter(v -> !Double.isNaN(v)).max().orElseThrow(), 0);
        double[] acks = c.chart().getSeriesMap().get("server ACK").getYData();
        assertEquals(lastAck, acks[acks.length - 1], 0);
        assertEquals(2, c.chart().getSeriesMap().get("FIN").getXData().length);
        assertEquals(2, c.chart().getSeriesMap().get("SYN").getXData().length);
    }
}
