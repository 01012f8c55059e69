package org.handshakelab.notebook;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.PieChart;
import org.knowm.xchart.PieChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** Small charts for the renderer tests. */
final class Charts {

    private Charts() {
    }

    /** Relative sequence numbers of both directions, 640x480. */
    static XYChart seq() {
        XYChart chart = new XYChartBuilder().width(640).height(480).title("Seq over time")
                .xAxisTitle("packet").yAxisTitle("tcp.seq").build();
        chart.addSeries("client", new double[] {1, 3, 5}, new double[] {0, 1, 1});
        chart.addSeries("server", new double[] {2, 4}, new double[] {0, 1});
        return chart;
    }

    /** Bytes per protocol as bars, 300x200. */
    static CategoryChart bytes() {
        CategoryChart chart = new CategoryChartBuilder().width(300).height(200).title("Bytes").build();
        chart.addSeries("bytes", java.util.List.of("tcp", "tls"), java.util.List.of(120, 3400));
        return chart;
    }

    /** Share of packets per protocol, 400x400. */
    static PieChart share() {
        PieChart chart = new PieChartBuilder().width(400).height(400).title("Packets").build();
        chart.addSeries("tcp", 3);
        chart.addSeries("tls", 7);
        return chart;
    }
}
