package org.handshakelab.capture;

/**
 * Converts pcapng timestamps (unsigned 64-bit counts of 10^-n or 2^-n seconds, draft-ietf-opsawg-pcapng
 * §4.2 if_tsresol) into signed nanoseconds since the epoch, with unsigned arithmetic so that a timestamp
 * beyond 2106 still converts. Nanoseconds in a long reach the year 2262; later ones saturate.
 */
final class Timestamps {

    static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Seconds that still fit as nanoseconds in a long. */
    static final long MAX_SECONDS = Long.MAX_VALUE / NANOS_PER_SECOND - 1;
    /** Result of a timestamp past what a long of nanoseconds can hold. */
    static final long OVERFLOW = Long.MAX_VALUE;
    /** Result of a timestamp before what a long of nanoseconds can hold (a large negative if_tsoffset). */
    static final long UNDERFLOW = Long.MIN_VALUE + 1;

    /** 10^0 .. 10^19; the last only as an unsigned value. */
    private static final long[] POW10 = new long[20];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private Timestamps() {
    }

    /** Nanoseconds since the epoch of {@code units} (unsigned) ticks of resolution {@code tsresol}, plus an offset. */
    static long toNanos(long units, int tsresol, long offsetSeconds) {
        long seconds;
        long fracNanos;
        int n = tsresol & 0x7F;
        if (tsresol == 6 && units >= 0) {
            seconds = units / 1_000_000L;
            fracNanos = (units % 1_000_000L) * 1000L;
        } else if (tsresol == 9 && units >= 0) {
            seconds = units / NANOS_PER_SECOND;
            fracNanos = units % NANOS_PER_SECOND;
        } else if ((tsresol & 0x80) == 0) {
            if (n < POW10.length) {
                long perSecond = POW10[n];
                seconds = Long.divideUnsigned(units, perSecond);
                long frac = Long.remainderUnsigned(units, perSecond);
                // 10^19 only fits unsigned, and so may the remainder
                fracNanos = n <= 9 ? frac * POW10[9 - n] : Long.divideUnsigned(frac, POW10[n - 9]);
            } else {
                seconds = 0;
                fracNanos = n - 9 < POW10.length ? Long.divideUnsigned(units, POW10[n - 9]) : 0;
            }
        } else if (n == 0) {
            seconds = units;
            fracNanos = 0;
        } else if (n < 64) {
            seconds = units >>> n;
            long frac = units & ((1L << n) - 1);
            long hi = Math.multiplyHigh(frac, NANOS_PER_SECOND);
            long lo = frac * NANOS_PER_SECOND;
            fracNanos = (lo >>> n) | (hi << (64 - n));
        } else {
            seconds = 0;
            fracNanos = n - 64 < 64 ? unsignedMultiplyHigh(units, NANOS_PER_SECOND) >>> (n - 64) : 0;
        }
        if (seconds < 0 || seconds > 4 * MAX_SECONDS) {
            return OVERFLOW; // past 2^63 as unsigned, or too late for any clamped offset to bring back
        }
        long total = seconds + offsetSeconds;
        if (total > MAX_SECONDS) {
            return OVERFLOW;
        }
        if (total < -MAX_SECONDS) {
            return UNDERFLOW;
        }
        return total * NANOS_PER_SECOND + fracNanos;
    }

    /** Clamps an if_tsoffset so that adding it to seconds cannot overflow. */
    static long clampOffset(long offsetSeconds) {
        return Math.max(-2 * MAX_SECONDS, Math.min(2 * MAX_SECONDS, offsetSeconds));
    }

    private static long unsignedMultiplyHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }
}
