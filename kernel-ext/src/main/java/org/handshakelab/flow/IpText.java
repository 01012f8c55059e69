package org.handshakelab.flow;

/** IP addresses as text, the way Wireshark prints them (glibc's inet_ntop). */
public final class IpText {

    private IpText() {
    }

    /** Dotted quad of an IPv4 address held in network order in an int. */
    public static String ipv4(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
    }

    /**
     * An IPv6 address (first and last 8 bytes) as inet_ntop prints it: lower-case hex groups, the
     * longest run of two or more zero groups (the first, on a tie) as {@code ::} (RFC 5952 §4.2), and
     * IPv4-compatible and IPv4-mapped addresses with a dotted quad.
     */
    public static String ipv6(long hi, long lo) {
        int[] w = new int[8];
        for (int i = 0; i < 4; i++) {
            w[i] = (int) (hi >>> (48 - 16 * i)) & 0xFFFF;
            w[4 + i] = (int) (lo >>> (48 - 16 * i)) & 0xFFFF;
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (w[i] == 0) {
                if (curBase < 0) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase >= 0) {
                if (curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase >= 0 && curLen > bestLen) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    s.append(':');
                }
                continue;
            }
            if (i != 0) {
                s.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xFFFF))) {
                s.append(ipv4((int) lo));
                return s.toString();
            }
            s.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            s.append(':');
        }
        return s.toString();
    }
}
