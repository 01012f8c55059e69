package org.handshakelab.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds synthetic pcap and pcapng bytes, including broken ones, for tests. */
final class Synth {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;

    private Synth(ByteOrder order) {
        this.order = order;
    }

    static Synth of(ByteOrder order) {
        return new Synth(order);
    }

    static Synth le() {
        return of(ByteOrder.LITTLE_ENDIAN);
    }

    /** Classic pcap µs header, version 2.4. */
    static Synth pcap(ByteOrder order, int snaplen, int linkTypeField) {
        return of(order).pcapHeader(0xA1B2C3D4, 2, 4, snaplen, linkTypeField);
    }

    Synth order(ByteOrder newOrder) {
        this.order = newOrder;
        return this;
    }

    Synth pcapHeader(int magic, int major, int minor, int snaplen, int linkTypeField) {
        return i32(magic).i16(major).i16(minor).i32(0).i32(0).i32(snaplen).i32(linkTypeField);
    }

    Synth pcapRecord(long seconds, long fraction, int capLen, int origLen, byte[] data) {
        return i32((int) seconds).i32((int) fraction).i32(capLen).i32(origLen).raw(data);
    }

    Synth pcapRecord(long seconds, long fraction, byte[] data) {
        return pcapRecord(seconds, fraction, data.length, data.length, data);
    }

    /** A Section Header Block of version 1.0 with the given raw options (already padded, ending included). */
    Synth shb(byte[] options) {
        return shb(1, 0, options);
    }

    Synth shb(int major, int minor, byte[] options) {
        int total = 28 + options.length;
        return i32(0x0A0D0D0A).i32(total).i32(0x1A2B3C4D).i16(major).i16(minor).i64(-1).raw(options).i32(total);
    }

    Synth shb() {
        return shb(new byte[0]);
    }

    Synth idb(int linkType, int snaplen, byte[] options) {
        return block(1, body().i16(linkType).i16(0).i32(snaplen).raw(options).bytes());
    }

    Synth idb(int linkType, int snaplen) {
        return idb(linkType, snaplen, new byte[0]);
    }

    Synth epb(int ifId, long units, int capLen, int origLen, byte[] data) {
        return block(6, body().i32(ifId).i32((int) (units >>> 32)).i32((int) units).i32(capLen).i32(origLen)
                .raw(data).pad().bytes());
    }

    Synth epb(int ifId, long units, byte[] data) {
        return epb(ifId, units, data.length, data.length, data);
    }

    Synth spb(int origLen, byte[] data) {
        return block(3, body().i32(origLen).raw(data).pad().bytes());
    }

    Synth opb(int ifId, long units, byte[] data) {
        return block(2, body().i16(ifId).i16(0).i32((int) (units >>> 32)).i32((int) units).i32(data.length)
                .i32(data.length).raw(data).pad().bytes());
    }

    Synth dsb(int type, byte[] secret) {
        return block(0x0A, body().i32(type).i32(secret.length).raw(secret).pad().bytes());
    }

    /** A block of {@code type} around {@code body} (which must be padded). */
    Synth block(int type, byte[] body) {
        int total = 12 + body.length;
        return i32(type).i32(total).raw(body).i32(total);
    }

    /** An option (code, length, value, padding). */
    Synth option(int code, byte[] value) {
        i16(code).i16(value.length).raw(value);
        return pad();
    }

    Synth option(int code, String value) {
        return option(code, value.getBytes(StandardCharsets.UTF_8));
    }

    Synth endOfOptions() {
        return i32(0);
    }

    /** A new builder in this one's byte order, for a block body or options. */
    Synth body() {
        return of(order);
    }

    Synth i8(int v) {
        out.write(v);
        return this;
    }

    Synth i16(int v) {
        return raw(ByteBuffer.allocate(2).order(order).putShort((short) v).array());
    }

    Synth i32(int v) {
        return raw(ByteBuffer.allocate(4).order(order).putInt(v).array());
    }

    Synth i64(long v) {
        return raw(ByteBuffer.allocate(8).order(order).putLong(v).array());
    }

    Synth raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    Synth pad() {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** {@code n} bytes 0, 1, 2, ... */
    static byte[] data(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }
}
