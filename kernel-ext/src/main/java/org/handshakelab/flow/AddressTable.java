package org.handshakelab.flow;

import java.util.Arrays;

/**
 * Interns IPv4 and IPv6 addresses as small ints, so that streams are keyed and table columns stored
 * as ints: a capture talks to few hosts, and an int per address per packet is all the table keeps.
 * Ids are dense, from 0, in order of first appearance. Not thread-safe.
 */
public final class AddressTable {

    private static final int INITIAL = 64;

    // id -> address
    private byte[] versions = new byte[INITIAL];
    private long[] his = new long[INITIAL];
    private long[] los = new long[INITIAL];
    private int size;

    // open addressing: slot -> id + 1 (0 = empty)
    private int[] slots = new int[INITIAL * 2];

    // the last IPv4 address asked for: a capture mostly repeats the same two
    private int lastIpv4 = -1;
    private int lastIpv4Id = -1;

    private AddressTable() {
    }

    /** An empty table. */
    public static AddressTable create() {
        return new AddressTable();
    }

    /** The id of an IPv4 address (network order in an int). */
    public int ipv4(int address) {
        if (address == lastIpv4 && lastIpv4Id >= 0) {
            return lastIpv4Id;
        }
        int id = intern(4, 0, address & 0xFFFF_FFFFL);
        lastIpv4 = address;
        lastIpv4Id = id;
        return id;
    }

    /** The id of an IPv6 address given as its first and last 8 bytes. */
    public int ipv6(long hi, long lo) {
        return intern(6, hi, lo);
    }

    private int intern(int version, long hi, long lo) {
        int mask = slots.length - 1;
        int i = hash(version, hi, lo) & mask;
        while (true) {
            int v = slots[i];
            if (v == 0) {
                break;
            }
            int id = v - 1;
            if (los[id] == lo && his[id] == hi && versions[id] == version) {
                return id;
            }
            i = (i + 1) & mask;
        }
        int id = size++;
        if (id == versions.length) {
            int n = versions.length * 2;
            versions = Arrays.copyOf(versions, n);
            his = Arrays.copyOf(his, n);
            los = Arrays.copyOf(los, n);
        }
        versions[id] = (byte) version;
        his[id] = hi;
        los[id] = lo;
        slots[i] = id + 1;
        if (size * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    private static int hash(int version, long hi, long lo) {
        long h = (lo * 0x9E3779B97F4A7C15L) ^ (hi * 0xC2B2AE3D27D4EB4FL) ^ version;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    private void rehash() {
        int[] bigger = new int[slots.length * 2];
        int mask = bigger.length - 1;
        for (int id = 0; id < size; id++) {
            int i = hash(versions[id], his[id], los[id]) & mask;
            while (bigger[i] != 0) {
                i = (i + 1) & mask;
            }
            bigger[i] = id + 1;
        }
        slots = bigger;
    }

    /** The number of addresses interned. */
    public int size() {
        return size;
    }

    /** 4 or 6. */
    public int version(int id) {
        check(id);
        return versions[id];
    }

    /** The IPv4 address of {@code id} as an int in network order. */
    public int ipv4Value(int id) {
        check(id);
        return (int) los[id];
    }

    /** The first ({@code half} 0) or last 8 bytes of the IPv6 address of {@code id}. */
    public long ipv6Half(int id, int half) {
        check(id);
        return half == 0 ? his[id] : los[id];
    }

    /** The address as Wireshark shows it: dotted quad, or RFC 5952 text for IPv6. */
    public String format(int id) {
        check(id);
        return versions[id] == 4 ? IpText.ipv4((int) los[id]) : IpText.ipv6(his[id], los[id]);
    }

    /** Heap bytes held, for the table's memory figures. */
    public long heapBytes() {
        return versions.length * 17L + slots.length * 4L + 64;
    }

    private void check(int id) {
        if (id < 0 || id >= size) {
            throw new IndexOutOfBoundsException("id must be 0.." + (size - 1) + ": " + id);
        }
    }
}
