package org.handshakelab.flow;

/**
 * The current TCP conversation of each pair of endpoints (address id and port), in either direction,
 * as Wireshark's conversation table finds it: open addressing over primitive keys, no allocation per
 * lookup. A SYN that reuses the ports of a finished connection replaces the pair's conversation.
 */
final class ConversationTable {

    private long[] lows = new long[1024];
    private long[] highs = new long[1024];
    private TcpConversation[] values = new TcpConversation[1024];
    private int size;
    // the pair looked up last: consecutive segments mostly belong to one connection
    private long cachedLow = -1;
    private long cachedHigh = -1;
    private TcpConversation cached;

    TcpConversation find(long a, long b) {
        long low = Math.min(a, b);
        long high = Math.max(a, b);
        if (low == cachedLow && high == cachedHigh) {
            return cached;
        }
        int mask = values.length - 1;
        for (int i = hash(low, high) & mask; ; i = (i + 1) & mask) {
            TcpConversation c = values[i];
            if (c == null) {
                return null;
            }
            if (lows[i] == low && highs[i] == high) {
                cachedLow = low;
                cachedHigh = high;
                cached = c;
                return c;
            }
        }
    }

    void put(long a, long b, TcpConversation conversation) {
        long low = Math.min(a, b);
        long high = Math.max(a, b);
        int mask = values.length - 1;
        int i = hash(low, high) & mask;
        while (values[i] != null && !(lows[i] == low && highs[i] == high)) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            size++;
        }
        lows[i] = low;
        highs[i] = high;
        values[i] = conversation;
        cachedLow = low;
        cachedHigh = high;
        cached = conversation;
        if (size * 2 > values.length) {
            grow();
        }
    }

    int size() {
        return size;
    }

    private static int hash(long low, long high) {
        long h = low * 0x9E3779B97F4A7C15L + high * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 31));
    }

    private void grow() {
        long[] oldLows = lows;
        long[] oldHighs = highs;
        TcpConversation[] oldValues = values;
        int n = values.length * 2;
        lows = new long[n];
        highs = new long[n];
        values = new TcpConversation[n];
        int mask = n - 1;
        for (int j = 0; j < oldValues.length; j++) {
            if (oldValues[j] != null) {
                int i = hash(oldLows[j], oldHighs[j]) & mask;
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                lows[i] = oldLows[j];
                highs[i] = oldHighs[j];
                values[i] = oldValues[j];
            }
        }
    }

    /** Heap bytes held by the table itself. */
    long heapBytes() {
        return values.length * (8L + 8 + 4) + 64;
    }
}
