package org.handshakelab.flow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.handshakelab.capture.CaptureWriter;
import org.handshakelab.capture.WriteOptions;
import org.handshakelab.dissect.Packets;
import org.handshakelab.dissect.TcpFlags;

/**
 * Scripts a TCP connection packet by packet for tests: keeps each side's next sequence number, so a
 * test says what happens ("SYN, SYN-ACK, data, FIN") and gets correct headers, and can still send any
 * raw segment. Frames are Ethernet + IPv4 (or IPv6) by default; {@link #link} changes the framing.
 */
public final class TcpScript {

    /** A scripted frame. */
    public record Packet(long timestampNanos, int linkType, byte[] data, long originalLength) {
    }

    private final List<Packet> packets;
    private final String client;
    private final String server;
    private final int clientPort;
    private final int serverPort;
    /** Next sequence number each side sends (0 client, 1 server). */
    private final long[] next = new long[2];
    private final int[] window = {65535, 65535};
    private long time;
    private long step = 1_000_000L;
    private int linkType = 1;
    private UnaryOperator<byte[]> framing;

    private TcpScript(List<Packet> packets, String client, int clientPort, String server, int serverPort,
                      long clientIsn, long serverIsn, long time) {
        this.packets = packets;
        this.client = client;
        this.server = server;
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.next[0] = clientIsn;
        this.next[1] = serverIsn;
        this.time = time;
    }

    /** A connection from {@code client:clientPort} to {@code server:serverPort} with the given initial sequence numbers. */
    public static TcpScript of(String client, int clientPort, String server, int serverPort, long clientIsn,
                               long serverIsn) {
        return new TcpScript(new ArrayList<>(), client, clientPort, server, serverPort, clientIsn, serverIsn,
                1_700_000_000_000_000_000L);
    }

    /** Another connection whose packets go into the same capture, continuing this one's clock. */
    public TcpScript then(String client, int clientPort, String server, int serverPort, long clientIsn,
                          long serverIsn) {
        TcpScript s = new TcpScript(packets, client, clientPort, server, serverPort, clientIsn, serverIsn, time);
        s.step = step;
        return s;
    }

    /** Frames the IP packets with {@code framing} and this link type from now on. */
    public TcpScript link(int type, UnaryOperator<byte[]> framing) {
        this.linkType = type;
        this.framing = framing;
        return this;
    }

    /** Time between packets from now on. */
    public TcpScript step(long nanos) {
        this.step = nanos;
        return this;
    }

    /** Lets time pass. */
    public TcpScript pause(long nanos) {
        time += nanos;
        return this;
    }

    /** The window each side advertises from now on (0 client, 1 server). */
    public TcpScript window(int side, int value) {
        window[side] = value;
        return this;
    }

    /** The next sequence number of {@code side}. */
    public long next(int side) {
        return next[side];
    }

    /** Client SYN. */
    public TcpScript syn(byte[] options) {
        return send(0, TcpFlags.SYN, options, new byte[0], true);
    }

    /** Server SYN-ACK. */
    public TcpScript synAck(byte[] options) {
        return send(1, TcpFlags.SYN | TcpFlags.ACK, options, new byte[0], true);
    }

    /** Pure ACK from {@code side}. */
    public TcpScript ack(int side) {
        return send(side, TcpFlags.ACK, new byte[0], new byte[0], true);
    }

    /** Data with PSH and ACK from {@code side}. */
    public TcpScript data(int side, byte[] payload) {
        return send(side, TcpFlags.PSH | TcpFlags.ACK, new byte[0], payload, true);
    }

    /** FIN+ACK from {@code side}. */
    public TcpScript fin(int side) {
        return send(side, TcpFlags.FIN | TcpFlags.ACK, new byte[0], new byte[0], true);
    }

    /** RST+ACK from {@code side}. */
    public TcpScript rst(int side) {
        return send(side, TcpFlags.RST | TcpFlags.ACK, new byte[0], new byte[0], true);
    }

    /** Sends a segment from {@code side} with its flags, options and payload; {@code advance} moves its sequence number on. */
    public TcpScript send(int side, int flags, byte[] options, byte[] payload, boolean advance) {
        long seq = next[side];
        long ack = (flags & TcpFlags.ACK) != 0 ? next[1 - side] : 0;
        raw(side, seq, ack, flags, window[side], options, payload);
        if (advance) {
            next[side] += payload.length + ((flags & (TcpFlags.SYN | TcpFlags.FIN)) != 0 ? 1 : 0);
        }
        return this;
    }

    /** Any segment from {@code side}, without touching the script's state. */
    public TcpScript raw(int side, long seq, long ack, int flags, int win, byte[] options, byte[] payload) {
        byte[] tcp = Packets.tcp(side == 0 ? clientPort : serverPort, side == 0 ? serverPort : clientPort, seq, ack,
                flags, win, options, payload);
        String src = side == 0 ? client : server;
        String dst = side == 0 ? server : client;
        byte[] ip = src.contains(":") ? Packets.ipv6(src, dst, 6, tcp) : Packets.ipv4Tcp(src, dst, tcp);
        return frame(ip);
    }

    /** A frame holding this IP packet, framed by the current link. */
    public TcpScript frame(byte[] ip) {
        byte[] data = framing == null ? Packets.ethernet(ip[0] >> 4 == 6 ? 0x86DD : 0x0800, ip) : framing.apply(ip);
        return linkFrame(linkType, data);
    }

    /** A frame of link type {@code type} as given. */
    public TcpScript linkFrame(int type, byte[] data) {
        packets.add(new Packet(time, type, data, data.length));
        time += step;
        return this;
    }

    /** A frame cut to {@code snaplen} bytes (its original length kept). */
    public TcpScript truncatedFrame(int type, byte[] data, int snaplen) {
        byte[] cut = java.util.Arrays.copyOf(data, Math.min(snaplen, data.length));
        packets.add(new Packet(time, type, cut, data.length));
        time += step;
        return this;
    }

    /** Every frame scripted so far, by this script and those made with {@link #then}. */
    public List<Packet> packets() {
        return List.copyOf(packets);
    }

    /** Writes the frames as pcapng (one interface per link type). */
    public Path write(Path file) {
        try (CaptureWriter w = CaptureWriter.create(file, WriteOptions.pcapng())) {
            for (Packet p : packets) {
                w.write(p.timestampNanos(), p.linkType(), p.originalLength(), p.data());
            }
        }
        return file;
    }
}
