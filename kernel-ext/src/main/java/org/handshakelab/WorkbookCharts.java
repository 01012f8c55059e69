package org.handshakelab;

import java.util.ArrayList;
import java.util.List;

import org.handshakelab.dissect.TcpFlags;
import org.handshakelab.table.PacketTable;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The charts of a {@link LabCapture}: time-sequence and ladder, built from the packet table's columns. */
final class WorkbookCharts {

    private WorkbookCharts() {
    }

    static XYChart timeSequence(LabCapture capture) {
        PacketTable t = capture.table();
        XYChart chart = new XYChartBuilder().width(720).height(360)
                .title("Time-sequence: relative tcp.seq over time (" + capture.name() + ")")
                .xAxisTitle("Time since the first frame (ms)").yAxisTitle("tcp.seq (relative)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(8);
        for (int direction = 0; direction <= 1; direction++) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int row = 0; row < t.size(); row++) {
                if (t.direction(row) == direction && t.seq(row) >= 0) {
                    x.add(capture.seconds(row) * 1000);
                    y.add((double) t.seq(row));
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(direction == 0 ? "client -> server" : "server -> client", x, y);
            }
        }
        return chart;
    }

    static XYChart ladder(LabCapture capture, int from, int to) {
        PacketTable t = capture.table();
        if (from < 1 || to > t.size() || from > to) {
            throw new IllegalArgumentException("frames must be 1.." + t.size() + " with from <= to: " + from + ".." + to);
        }
        int count = to - from + 1;
        XYChart chart = new XYChartBuilder().width(720).height(Math.max(240, 70 + 34 * count))
                .title("Ladder: frames " + from + "-" + to + " of " + capture.name() + ", time going down")
                .xAxisTitle("client " + capture.clientPort() + "          server " + capture.serverPort())
                .yAxisTitle("time (one arrow per frame)").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisTicksVisible(false);
        chart.getStyler().setXAxisMin(-0.25).setXAxisMax(1.25);
        chart.getStyler().setYAxisMin(-(to + 0.5)).setYAxisMax(-(from - 0.5));
        chart.getStyler().setYAxisTicksVisible(false); // each arrow's label starts with its frame number
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setAnnotationTextFontColor(java.awt.Color.DARK_GRAY);
        chart.addSeries("client", new double[] {0, 0}, new double[] {-(from - 0.5), -(to + 0.5)})
                .setMarker(SeriesMarkers.NONE).setLineColor(java.awt.Color.GRAY).setLineStyle(org.knowm.xchart.style.lines.SeriesLines.SOLID);
        chart.addSeries("server", new double[] {1, 1}, new double[] {-(from - 0.5), -(to + 0.5)})
                .setMarker(SeriesMarkers.NONE).setLineColor(java.awt.Color.GRAY).setLineStyle(org.knowm.xchart.style.lines.SeriesLines.SOLID);
        for (int frame = from; frame <= to; frame++) {
            int row = frame - 1;
            boolean fromClient = t.direction(row) != 1;
            double y0 = -frame + 0.15;
            double y1 = -frame - 0.15;
            XYSeries arrow = chart.addSeries("frame " + frame, new double[] {fromClient ? 0 : 1, fromClient ? 1 : 0},
                    new double[] {y0, y1});
            arrow.setMarker(SeriesMarkers.NONE);
            arrow.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.SOLID);
            arrow.setLineColor(fromClient ? new java.awt.Color(31, 119, 180) : new java.awt.Color(214, 39, 40));
            chart.addSeries("head " + frame, new double[] {fromClient ? 1 : 0}, new double[] {y1})
                    .setMarker(SeriesMarkers.DIAMOND).setMarkerColor(arrow.getLineColor());
            chart.addAnnotation(new AnnotationText(label(t, row), 0.5, -frame + 0.22, false));
        }
        return chart;
    }

    private static String label(PacketTable t, int row) {
        StringBuilder s = new StringBuilder();
        int flags = t.flags(row);
        s.append(row + 1).append(": [").append(flags < 0 ? "" : TcpFlags.names(flags)).append("] seq=")
                .append(t.seq(row));
        if (flags >= 0 && TcpFlags.has(flags, TcpFlags.ACK)) {
            s.append(" ack=").append(t.ack(row));
        }
        s.append(" len=").append(t.len(row));
        List<String> app = new ArrayList<>(t.phaseLabels(row));
        app.removeIf(l -> l.startsWith("TCP "));
        if (!app.isEmpty()) {
            String joined = String.join(", ", app);
            s.append("  ").append(joined.length() > 48 ? joined.substring(0, 47) + "…" : joined);
        }
        return s.toString();
    }
}
