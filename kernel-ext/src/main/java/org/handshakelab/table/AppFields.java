package org.handshakelab.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.handshakelab.dissect.DissectionSink;
import org.handshakelab.dissect.Field;

/**
 * The sparse side of the packet table: what application dissectors report (field values, phases,
 * anomalies), in wire order per frame. Few frames carry any, so entries are appended to three parallel
 * arrays and sorted by frame once, stably, when the table is built.
 */
final class AppFields implements DissectionSink {

    private static final byte PHASE = -1;
    private static final byte ANOMALY = -2;
    private static final Field[] FIELDS = Field.values();

    private int[] frames;
    private byte[] kinds;
    private String[] values;
    /**
     * The last value seen per hash slot: equal values share one string. A capture repeats a few values (GET,
     * /index.html, 200, the phase labels) many times, and the table keeps every one; shared, the copies the
     * dissectors made die young instead of filling the heap.
     */
    private String[] shared;
    private int size;
    private boolean sorted = true;
    private int maxFrame;

    AppFields() {
        this(64);
    }

    private AppFields(int capacity) {
        frames = new int[capacity];
        kinds = new byte[capacity];
        values = new String[capacity];
    }

    @Override
    public void field(int frame, Field field, String value) {
        add(frame, (byte) field.ordinal(), Objects.requireNonNull(value, "value"));
    }

    @Override
    public void phase(int frame, String label) {
        add(frame, PHASE, Objects.requireNonNull(label, "label"));
    }

    @Override
    public void anomaly(int frame, String message) {
        add(frame, ANOMALY, Objects.requireNonNull(message, "message"));
    }

    /** The table keeps fields, phases and anomalies, not the dissected messages. */
    @Override
    public boolean keepsMessages() {
        return false;
    }

    private void add(int frame, byte kind, String value) {
        if (frame < 1) {
            throw new IllegalArgumentException("frame must be >= 1: " + frame);
        }
        if (size == frames.length) {
            int n = Math.max(16, size * 2);
            frames = Arrays.copyOf(frames, n);
            kinds = Arrays.copyOf(kinds, n);
            values = Arrays.copyOf(values, n);
        }
        append(frame, kind, share(value));
    }

    /** Adds an entry to arrays with room for it. */
    private void append(int frame, byte kind, String value) {
        sorted &= frame >= maxFrame;
        maxFrame = Math.max(maxFrame, frame);
        frames[size] = frame;
        kinds[size] = kind;
        values[size] = value;
        size++;
    }

    private String share(String value) {
        if (shared == null) {
            shared = new String[1024];
        }
        int slot = value.hashCode() & (shared.length - 1);
        String known = shared[slot];
        if (value.equals(known)) {
            return known;
        }
        shared[slot] = value;
        return value;
    }

    /**
     * Moves the entries of frames up to {@code lastFrame} into a new, sealed instance (a streaming build hands
     * them to its writer once those frames are final) and keeps the rest, in order.
     */
    AppFields cut(int lastFrame) {
        int taken = 0;
        for (int i = 0; i < size; i++) {
            taken += frames[i] <= lastFrame ? 1 : 0;
        }
        AppFields out = new AppFields(taken);
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (frames[i] <= lastFrame) {
                out.append(frames[i], kinds[i], values[i]);
            } else {
                frames[kept] = frames[i];
                kinds[kept] = kinds[i];
                values[kept] = values[i];
                kept++;
            }
        }
        Arrays.fill(values, kept, size, null);
        size = kept;
        maxFrame = 0;
        sorted = true;
        for (int i = 0; i < size; i++) {
            sorted &= frames[i] >= maxFrame;
            maxFrame = Math.max(maxFrame, frames[i]);
        }
        out.seal();
        return out;
    }

    /** Sorts by frame, keeping the wire order within a frame, and trims the arrays. */
    void seal() {
        if (!sorted) {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(frames[a], frames[b])); // stable (merge sort)
            int[] f = new int[size];
            byte[] k = new byte[size];
            String[] v = new String[size];
            for (int i = 0; i < size; i++) {
                f[i] = frames[order[i]];
                k[i] = kinds[order[i]];
                v[i] = values[order[i]];
            }
            frames = f;
            kinds = k;
            values = v;
            sorted = true;
        } else if (frames.length != size) {
            frames = Arrays.copyOf(frames, size);
            kinds = Arrays.copyOf(kinds, size);
            values = Arrays.copyOf(values, size);
        }
    }

    int size() {
        return size;
    }

    /** The index of the first entry of {@code frame} or later. */
    int firstAtOrAfter(int frame) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (frames[mid] < frame) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    int frame(int i) {
        return frames[i];
    }

    /** The field of entry {@code i}, or null for a phase or an anomaly. */
    Field field(int i) {
        return kinds[i] >= 0 ? FIELDS[kinds[i]] : null;
    }

    boolean isPhase(int i) {
        return kinds[i] == PHASE;
    }

    boolean isAnomaly(int i) {
        return kinds[i] == ANOMALY;
    }

    String value(int i) {
        return values[i];
    }

    /** The values of {@code field} reported for {@code frame}, in wire order. */
    List<String> values(int frame, Field field) {
        List<String> out = new ArrayList<>();
        for (int i = firstAtOrAfter(frame); i < size && frames[i] == frame; i++) {
            if (kinds[i] == field.ordinal()) {
                out.add(values[i]);
            }
        }
        return out;
    }

    List<String> phases(int frame) {
        return ofKind(frame, PHASE);
    }

    List<String> anomalies(int frame) {
        return ofKind(frame, ANOMALY);
    }

    private List<String> ofKind(int frame, byte kind) {
        List<String> out = new ArrayList<>();
        for (int i = firstAtOrAfter(frame); i < size && frames[i] == frame; i++) {
            if (kinds[i] == kind) {
                out.add(values[i]);
            }
        }
        return out;
    }

    long heapBytes() {
        long strings = 0;
        for (int i = 0; i < size; i++) {
            strings += 40 + 2L * values[i].length();
        }
        return frames.length * 4L + kinds.length + values.length * 4L + strings;
    }
}
