package org.handshakelab.dissect;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds packets byte by byte for tests: IPv4 and IPv6 with TCP, and the link-layer headers in front
 * of them. Lengths and checksums are right unless a test overwrites them.
 */
public final class Packets {

    private Packets() {
    }

    /** The bytes of an IPv4 or IPv6 address literal. */
    public static byte[] addr(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address must be a literal: " + literal, e);
        }
    }

    /** A TCP header (with options, padded to 4 bytes) and payload. The checksum is left 0 (tshark does not check it). */
    public static byte[] tcp(int srcPort, int dstPort, long seq, long ack, int flags, int window, byte[] options,
                             byte[] payload) {
        int optLen = (options.length + 3) & ~3;
        int hlen = 20 + optLen;
        ByteBuffer b = ByteBuffer.allocate(hlen + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack);
        b.putShort((short) ((hlen / 4) << 12 | (flags & 0xFFF))).putShort((short) window);
        b.putShort((short) 0).putShort((short) 0);
        b.put(options).put(new byte[optLen - options.length]).put(payload);
        return b.array();
    }

    /** An IPv4 header (20 bytes plus options) in front of {@code payload}. */
    public static byte[] ipv4(String src, String dst, int protocol, int id, int fragment, byte[] options, byte[] payload) {
        int optLen = (options.length + 3) & ~3;
        int hlen = 20 + optLen;
        ByteBuffer b = ByteBuffer.allocate(hlen + payload.length);
        b.put((byte) (0x40 | hlen / 4)).put((byte) 0).putShort((short) (hlen + payload.length));
        b.putShort((short) id).putShort((short) fragment).put((byte) 64).put((byte) protocol).putShort((short) 0);
        b.put(addr(src)).put(addr(dst)).put(options).put(new byte[optLen - options.length]);
        int sum = 0;
        for (int i = 0; i < hlen; i += 2) {
            sum += b.getShort(i) & 0xFFFF;
        }
        while (sum > 0xFFFF) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        b.putShort(10, (short) ~sum);
        b.put(hlen, payload);
        return b.array();
    }

    /** IPv4 carrying TCP, without options or fragmentation. */
    public static byte[] ipv4Tcp(String src, String dst, byte[] tcp) {
        return ipv4(src, dst, 6, 0x1234, 0x4000, new byte[0], tcp);
    }

    /** An IPv6 header in front of {@code payload} (extension headers included in it). */
    public static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.putInt(0x60000000).putShort((short) payload.length).put((byte) nextHeader).put((byte) 64);
        b.put(addr(src)).put(addr(dst)).put(payload);
        return b.array();
    }

    /** An IPv6 extension header of the 8-octet-unit kind (hop-by-hop, routing, destination options). */
    public static byte[] extension(int next, byte[] body) {
        int len = (2 + body.length + 7) & ~7;
        ByteBuffer b = ByteBuffer.allocate(len);
        b.put((byte) next).put((byte) (len / 8 - 1)).put(body);
        return b.array();
    }

    /** Ethernet II header in front of {@code payload}. */
    public static byte[] ethernet(int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        b.put(new byte[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6}).putShort((short) etherType).put(payload);
        return b.array();
    }

    /** An 802.1Q tag: TPID, TCI with {@code vlan}, then the inner type and payload (to go after the MACs). */
    public static byte[] vlan(int vlan, int innerType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length);
        b.putShort((short) vlan).putShort((short) innerType).put(payload);
        return b.array();
    }

    /** Linux cooked capture v1 header (LINKTYPE_LINUX_SLL). */
    public static byte[] sll(int protocol, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload.length);
        b.putShort((short) 0).putShort((short) 772).putShort((short) 6).put(new byte[8]).putShort((short) protocol);
        return b.put(payload).array();
    }

    /** Linux cooked capture v2 header (LINKTYPE_LINUX_SLL2). */
    public static byte[] sll2(int protocol, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.putShort((short) protocol).putShort((short) 0).putInt(1).putShort((short) 772).put((byte) 0)
                .put((byte) 6).put(new byte[8]);
        return b.put(payload).array();
    }

    /** BSD loopback header: the address family in the given byte order (NULL: host order, LOOP: network). */
    public static byte[] loopback(int family, ByteOrder order, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length).order(order);
        b.putInt(family);
        return b.order(ByteOrder.BIG_ENDIAN).put(payload).array();
    }

    /** Concatenates byte arrays. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** TCP option bytes: MSS. */
    public static byte[] mss(int value) {
        return new byte[] {2, 4, (byte) (value >> 8), (byte) value};
    }

    /** TCP option bytes: NOP, Window Scale. */
    public static byte[] wscale(int shift) {
        return new byte[] {1, 3, 3, (byte) shift};
    }

    /** TCP option bytes: SACK permitted, then two NOPs. */
    public static byte[] sackPermitted() {
        return new byte[] {4, 2, 1, 1};
    }

    /** TCP option bytes: two NOPs, Timestamps. */
    public static byte[] timestamps(int value, int echo) {
        return ByteBuffer.allocate(12).put((byte) 1).put((byte) 1).put((byte) 8).put((byte) 10).putInt(value)
                .putInt(echo).array();
    }

    /** TCP option bytes: two NOPs, SACK with the given (left, right) edges. */
    public static byte[] sack(int... edges) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * edges.length);
        b.put((byte) 1).put((byte) 1).put((byte) 5).put((byte) (2 + 4 * edges.length));
        for (int e : edges) {
            b.putInt(e);
        }
        return b.array();
    }

    /** A big-endian view of {@code frame} for {@link FrameHeaders#dissect(ByteBuffer, int, int, long, int, long)}. */
    public static FrameHeaders dissect(int linkType, byte[] frame) {
        return FrameHeaders.create().dissect(ByteBuffer.wrap(frame), 0, frame.length, frame.length, linkType, 1);
    }
}
