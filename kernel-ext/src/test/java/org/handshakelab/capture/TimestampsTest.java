package org.handshakelab.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** pcapng timestamp units to nanoseconds, checked against exact BigInteger arithmetic. */
class TimestampsTest {

    private static long exact(long units, int tsresol, long offsetSeconds) {
        BigInteger u = new BigInteger(Long.toUnsignedString(units));
        int n = tsresol & 0x7F;
        BigInteger perSecond = (tsresol & 0x80) != 0 ? BigInteger.TWO.pow(n) : BigInteger.TEN.pow(n);
        BigInteger[] qr = u.divideAndRemainder(perSecond);
        BigInteger seconds = qr[0].add(BigInteger.valueOf(offsetSeconds));
        BigInteger frac = qr[1].multiply(BigInteger.valueOf(1_000_000_000L)).divide(perSecond);
        BigInteger nanos = seconds.multiply(BigInteger.valueOf(1_000_000_000L)).add(frac);
        if (seconds.compareTo(BigInteger.valueOf(Timestamps.MAX_SECONDS)) > 0) {
            return Timestamps.OVERFLOW;
        }
        if (seconds.compareTo(BigInteger.valueOf(-Timestamps.MAX_SECONDS)) < 0) {
            return Timestamps.UNDERFLOW;
        }
        return nanos.longValueExact();
    }

    @Test
    void everyResolutionAgreesWithExactArithmetic() {
        Random random = new Random(42);
        int[] resolutions = {0, 1, 3, 6, 9, 10, 12, 15, 19, 20, 25, 30, 127, 0x80, 0x81, 0x8A, 0x94, 0x9E, 0xA0,
            0xBF, 0xC0, 0xC1, 0xD0, 0xFF};
        long[] offsets = {0, 1, -1, 3600, -86_400, 1L << 40, -(1L << 40)};
        for (int tsresol : resolutions) {
            for (int i = 0; i < 2000; i++) {
                long units = switch (i % 4) {
                    case 0 -> random.nextLong();
                    case 1 -> random.nextLong() >>> random.nextInt(64);
                    case 2 -> -1L - random.nextInt(1000);
                    default -> random.nextInt(1 << 20);
                };
                long offset = offsets[i % offsets.length];
                assertEquals(exact(units, tsresol, Timestamps.clampOffset(offset)),
                        Timestamps.toNanos(units, tsresol, Timestamps.clampOffset(offset)),
                        "units " + Long.toUnsignedString(units) + " tsresol " + tsresol + " offset " + offset);
            }
        }
    }
}
