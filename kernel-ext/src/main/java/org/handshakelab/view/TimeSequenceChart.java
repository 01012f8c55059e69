package org.handshakelab.view;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.handshakelab.capture.FrameCursor;
import org.handshakelab.dissect.TcpFlags;
import org.handshakelab.table.PacketTable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The time–sequence graph of one TCP connection, as tcptrace and Wireshark's "Stevens"/"tcptrace" graphs
 * draw it: relative sequence number against seconds, for each direction the data segments (a vertical
 * bar from Seq to Seq+Len), the other side's ACK line and its receive-window line (ACK + scaled window),
 * with SYN, FIN and RST marked. A connection of more than {@link #MAX_RAW_PACKETS} packets is thinned to
 * a few points per pixel column (first, lowest, highest, last: the shape survives, a million packets draw
 * in well under a second); SYN, FIN and RST are never thinned.
 *
 * <pre>{@code
 * TimeSequenceChart c = TimeSequenceChart.of(packets, 0);
 * c.chart().getSeriesMap().keySet();    // [client data, server ACK, server window, ...]
 * }</pre>
 */
public final class TimeSequenceChart implements ImageView {

    /** Default size in pixels. */
    public static final int WIDTH = 900;
    /** Default size in pixels. */
    public static final int HEIGHT = 560;
    /** Connections with more packets than this are thinned. */
    public static final int MAX_RAW_PACKETS = 4000;

    /**
     * Series names; they are added windows, ACKs, data, then SYN, FIN, RST markers, and only when they have
     * points.
     */
    public static final String CLIENT_DATA = "client data";
    public static final String SERVER_ACK = "server ACK";
    public static final String SERVER_WINDOW = "server window";
    public static final String SERVER_DATA = "server data";
    public static final String CLIENT_ACK = "client ACK";
    public static final String CLIENT_WINDOW = "client window";
    public static final String SYN = "SYN";
    public static final String FIN = "FIN";
    public static final String RST = "RST";
    /** The axis titles. */
    public static final String X_TITLE = "Time since the first packet (s)";
    public static final String Y_TITLE = "Relative sequence number";

    private final XYChart chart;
    private final int packets;
    private final boolean thinned;
    private final double yMax;

    private TimeSequenceChart(XYChart chart, int packets, boolean thinned, double yMax) {
        this.chart = chart;
        this.packets = packets;
        this.thinned = thinned;
        this.yMax = yMax;
    }

    /**
     * The top of the y axis when it was cut below the window lines (they dwarf the data on loopback), NaN
     * when the axis fits every series.
     */
    public double yAxisCut() {
        return yMax;
    }

    /** The chart of TCP stream {@code stream} at the default size. */
    public static TimeSequenceChart of(PacketTable table, int stream) {
        return of(table, stream, WIDTH, HEIGHT);
    }

    /** The chart of TCP stream {@code stream}, {@code width} × {@code height} pixels. */
    public static TimeSequenceChart of(PacketTable table, int stream, int width, int height) {
        Objects.requireNonNull(table, "table");
        if (stream < 0 || stream >= Math.max(1, table.streamCount())) {
            throw new IllegalArgumentException("stream must be 0.." + (table.streamCount() - 1) + ": " + stream);
        }
        if (width < 100 || width > 10_000 || height < 100 || height > 10_000) {
            throw new IllegalArgumentException("width and height must be 100..10000: " + width + "x" + height);
        }
        return new Builder(table, stream, width).build(width, height);
    }

    /** The XChart chart, to restyle or to read its series. */
    public XYChart chart() {
        return chart;
    }

    /** The packets of the connection. */
    public int packets() {
        return packets;
    }

    /** Whether the series were thinned to a few points per pixel column. */
    public boolean thinned() {
        return thinned;
    }

    @Override
    public byte[] png() {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode \"" + chart.getTitle() + "\" as PNG", e);
        }
    }

    @Override
    public String text() {
        StringBuilder s = new StringBuilder(chart.getTitle()).append(": ").append(packets).append(" packets");
        if (thinned) {
            s.append(" (thinned to a few points per pixel column)");
        }
        s.append("; x: ").append(chart.getXAxisTitle()).append(", y: ").append(chart.getYAxisTitle())
                .append("; series: ");
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, XYSeries> e : chart.getSeriesMap().entrySet()) {
            parts.add(e.getKey() + " (" + e.getValue().getXData().length + " points)");
        }
        return s.append(String.join(", ", parts)).toString();
    }

    @Override
    public String toString() {
        return text();
    }

    /** Collects the series of one stream in one pass over the table. */
    private static final class Builder {
        private final PacketTable t;
        private final int stream;
        private final int columns;
        private final Map<String, Series> series = new LinkedHashMap<>();
        private final List<double[]> syn = new ArrayList<>();
        private final List<double[]> fin = new ArrayList<>();
        private final List<double[]> rst = new ArrayList<>();
        private int packets;
        private boolean thin;
        private double yMax = Double.NaN;

        Builder(PacketTable t, int stream, int columns) {
            this.t = t;
            this.stream = stream;
            this.columns = columns;
        }

        TimeSequenceChart build(int width, int height) {
            long t0 = t.size() > 0 ? t.timestampNanos(0) : 0;
            double first = Double.NaN;
            double last = Double.NaN;
            for (int r = 0; r < t.size(); r++) {
                if (t.stream(r) == stream) {
                    packets++;
                    double x = seconds(r, t0);
                    first = Double.isNaN(first) ? x : first;
                    last = x;
                }
            }
            thin = packets > MAX_RAW_PACKETS;
            // data last, so the bars are drawn over the ACK lines that follow them closely
            for (String name : List.of(SERVER_WINDOW, CLIENT_WINDOW, SERVER_ACK, CLIENT_ACK, CLIENT_DATA, SERVER_DATA)) {
                boolean bars = name.endsWith("data");
                series.put(name, new Series(thin ? new Decimator(first, last, columns, bars) : null, bars));
            }
            for (int r = 0; r < t.size(); r++) {
                if (t.stream(r) == stream) {
                    add(r, seconds(r, t0));
                }
            }
            XYChart c = chart(width, height);
            return new TimeSequenceChart(c, packets, thin, yMax);
        }

        private static double seconds(long nanos, long t0) {
            return nanos == FrameCursor.NO_TIMESTAMP || t0 == FrameCursor.NO_TIMESTAMP ? 0 : (nanos - t0) / 1e9;
        }

        private double seconds(int row, long t0) {
            return seconds(t.timestampNanos(row), t0);
        }

        private void add(int r, double x) {
            int flags = t.flags(r);
            long seq = t.seq(r);
            if (flags < 0 || seq < 0) {
                return;
            }
            boolean client = t.direction(r) == 0;
            int len = Math.max(0, t.len(r));
            if (len > 0) {
                series.get(client ? CLIENT_DATA : SERVER_DATA).bar(x, seq, seq + len);
            }
            if (TcpFlags.has(flags, TcpFlags.SYN)) {
                syn.add(new double[] {x, seq});
            }
            if (TcpFlags.has(flags, TcpFlags.FIN)) {
                fin.add(new double[] {x, seq + len});
            }
            if (TcpFlags.has(flags, TcpFlags.RST)) {
                rst.add(new double[] {x, seq});
            }
            if (TcpFlags.has(flags, TcpFlags.ACK) && t.ack(r) >= 0) {
                long ack = t.ack(r);
                series.get(client ? CLIENT_ACK : SERVER_ACK).step(x, ack);
                int window = t.windowScaled(r);
                if (window >= 0) {
                    series.get(client ? CLIENT_WINDOW : SERVER_WINDOW).step(x, ack + window);
                }
            }
        }

        private XYChart chart(int width, int height) {
            XYChart c = new XYChartBuilder().width(width).height(height)
                    .title("Time–sequence (tcptrace) · " + t.name() + " · stream " + stream)
                    .xAxisTitle(X_TITLE).yAxisTitle(Y_TITLE).build();
            c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
            c.getStyler().setMarkerSize(7);
            c.getStyler().setXAxisDecimalPattern("0.000");
            c.getStyler().setYAxisDecimalPattern("#,##0");
            Map<String, Color> colors = Map.of(CLIENT_DATA, new Color(0x1f, 0x5f, 0xbf), SERVER_ACK,
                    new Color(0x2e, 0x9e, 0x3e), SERVER_WINDOW, new Color(0xc8, 0xa0, 0x00), SERVER_DATA,
                    new Color(0xc0, 0x39, 0x2b), CLIENT_ACK, new Color(0x17, 0xa2, 0xb8), CLIENT_WINDOW,
                    new Color(0x99, 0x66, 0xcc));
            for (Map.Entry<String, Series> e : series.entrySet()) {
                double[][] xy = e.getValue().xy();
                if (xy[0].length == 0) {
                    continue;
                }
                XYSeries s = c.addSeries(e.getKey(), xy[0], xy[1]);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(colors.get(e.getKey()));
                s.setLineStyle(new BasicStroke(e.getValue().bars ? 3f : 1.2f));
            }
            markers(c, SYN, syn, new Color(0x00, 0x80, 0x00));
            markers(c, FIN, fin, new Color(0x60, 0x60, 0x60));
            markers(c, RST, rst, new Color(0xd0, 0x00, 0x00));
            cutWindows(c);
            if (c.getSeriesMap().isEmpty()) {
                // XChart cannot draw a chart without series: say so in the picture
                c.setTitle(c.getTitle() + " (no TCP segments)");
                c.addSeries("no segments", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
            }
            return c;
        }

        /**
         * On loopback the window (64 KiB and more) dwarfs a handshake's few hundred bytes, and the data would
         * be a flat line at the bottom: then the y axis stops a little above the data and ACKs, and the
         * window lines run off the top, as the title says.
         */
        private void cutWindows(XYChart c) {
            double top = 0;
            double windowTop = 0;
            for (Map.Entry<String, XYSeries> e : c.getSeriesMap().entrySet()) {
                for (double y : e.getValue().getYData()) {
                    if (Double.isNaN(y)) {
                        continue;
                    }
                    if (e.getKey().endsWith("window")) {
                        windowTop = Math.max(windowTop, y);
                    } else {
                        top = Math.max(top, y);
                    }
                }
            }
            if (windowTop > 3 * Math.max(top, 1)) {
                yMax = Math.max(10, top * 1.25);
                c.getStyler().setYAxisMax(yMax);
                c.getStyler().setYAxisMin(0.0);
                c.setTitle(c.getTitle() + " (window lines above the top)");
            }
        }

        private static void markers(XYChart c, String name, List<double[]> points, Color color) {
            if (points.isEmpty()) {
                return;
            }
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = points.get(i)[0];
                y[i] = points.get(i)[1];
            }
            XYSeries s = c.addSeries(name, x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(name.equals(RST) ? SeriesMarkers.CROSS : name.equals(SYN) ? SeriesMarkers.TRIANGLE_UP
                    : SeriesMarkers.DIAMOND);
            s.setMarkerColor(color);
        }
    }

    /** One line or bar series: raw points, or a {@link Decimator} for long connections. */
    private static final class Series {
        private final Decimator thin;
        private final boolean bars;
        private double[] xs = new double[16];
        private double[] ys = new double[16];
        private int size;
        private boolean started;
        private double lastY;

        Series(Decimator thin, boolean bars) {
            this.thin = thin;
            this.bars = bars;
        }

        void bar(double x, double low, double high) {
            if (thin != null) {
                thin.addBar(x, low, high);
                return;
            }
            point(x, low);
            point(x, high);
            point(Double.NaN, Double.NaN);
        }

        /** A step line: flat until x, then up (or down) to y. */
        void step(double x, double y) {
            if (started && y != lastY) {
                put(x, lastY);
            }
            put(x, y);
            started = true;
            lastY = y;
        }

        private void put(double x, double y) {
            if (thin != null) {
                thin.add(x, y);
            } else {
                point(x, y);
            }
        }

        private void point(double x, double y) {
            if (size == xs.length) {
                xs = java.util.Arrays.copyOf(xs, size * 2);
                ys = java.util.Arrays.copyOf(ys, size * 2);
            }
            xs[size] = x;
            ys[size] = y;
            size++;
        }

        double[][] xy() {
            if (thin != null) {
                return new double[][] {thin.xs(), thin.ys()};
            }
            return new double[][] {java.util.Arrays.copyOf(xs, size), java.util.Arrays.copyOf(ys, size)};
        }
    }
}
