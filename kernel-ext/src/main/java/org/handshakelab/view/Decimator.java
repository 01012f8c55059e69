package org.handshakelab.view;

import java.util.Arrays;

/**
 * Thins a series that is sorted by x to at most four points per pixel column (the first, lowest, highest
 * and last point of the column, in their original order: the M4 method), so a line drawn from the result
 * covers the same pixels as the full line. Points are appended one by one; nothing is kept per point, so a
 * million segments cost a few arrays of {@code 4 × columns}.
 */
final class Decimator {

    private final double x0;
    private final double columnWidth;
    private final int columns;
    private final boolean bars;

    private double[] xs = new double[64];
    private double[] ys = new double[64];
    private int size;

    // the open column: its index, and first/min/max/last with their arrival order
    private int column = -1;
    private double firstX;
    private double firstY;
    private double minX;
    private double minY;
    private double maxX;
    private double maxY;
    private double lastX;
    private double lastY;
    private long minAt;
    private long maxAt;
    private long count;
    private long total;

    /**
     * @param x0      the smallest x
     * @param x1      the largest x
     * @param columns pixel columns (at least 1); {@code x0..x1} is cut into this many equal columns
     * @param bars    true for a series of vertical bars (NaN-separated pairs): a column becomes one bar from
     *                its lowest to its highest y
     */
    Decimator(double x0, double x1, int columns, boolean bars) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1: " + columns);
        }
        this.x0 = x0;
        this.columns = columns;
        this.columnWidth = x1 > x0 ? (x1 - x0) / columns : 1;
        this.bars = bars;
    }

    /** Adds a point of a line (x non-decreasing). */
    void add(double x, double y) {
        int c = (int) Math.min(columns - 1, Math.max(0, Math.floor((x - x0) / columnWidth)));
        if (c != column) {
            flush();
            column = c;
            count = 0;
            firstX = minX = maxX = lastX = x;
            firstY = minY = maxY = lastY = y;
            minAt = maxAt = total;
        } else {
            if (y < minY) {
                minY = y;
                minX = x;
                minAt = total;
            }
            if (y > maxY) {
                maxY = y;
                maxX = x;
                maxAt = total;
            }
            lastX = x;
            lastY = y;
        }
        count++;
        total++;
    }

    /** Adds a vertical bar from {@code low} to {@code high} at {@code x}. */
    void addBar(double x, double low, double high) {
        add(x, low);
        add(x, high);
    }

    private void flush() {
        if (column < 0) {
            return;
        }
        if (bars) {
            append(firstX, minY);
            append(firstX, maxY);
            append(Double.NaN, Double.NaN);
        } else if (count == 1) {
            append(firstX, firstY);
        } else {
            append(firstX, firstY);
            if (minAt <= maxAt) {
                append(minX, minY);
                append(maxX, maxY);
            } else {
                append(maxX, maxY);
                append(minX, minY);
            }
            append(lastX, lastY);
        }
        column = -1;
    }

    private void append(double x, double y) {
        if (size == xs.length) {
            xs = Arrays.copyOf(xs, size * 2);
            ys = Arrays.copyOf(ys, size * 2);
        }
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    /** The thinned x values (ends the open column). */
    double[] xs() {
        flush();
        return Arrays.copyOf(xs, size);
    }

    /** The thinned y values, index for index with {@link #xs()}. */
    double[] ys() {
        flush();
        return Arrays.copyOf(ys, size);
    }
}
