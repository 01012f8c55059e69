package org.handshakelab.table;

import static org.handshakelab.dissect.Packets.concat;
import static org.handshakelab.dissect.Packets.mss;
import static org.handshakelab.dissect.Packets.sackPermitted;
import static org.handshakelab.dissect.Packets.timestamps;
import static org.handshakelab.dissect.Packets.wscale;
import static org.handshakelab.dissect.TcpFlags.ACK;
import static org.handshakelab.dissect.TcpFlags.CWR;
import static org.handshakelab.dissect.TcpFlags.ECE;
import static org.handshakelab.dissect.TcpFlags.FIN;
import static org.handshakelab.dissect.TcpFlags.PSH;
import static org.handshakelab.dissect.TcpFlags.RST;
import static org.handshakelab.dissect.TcpFlags.SYN;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.handshakelab.dissect.Packets;
import org.handshakelab.flow.TcpScript;

/**
 * A synthetic capture with the TCP situations and header shapes Wireshark's analysis distinguishes,
 * written for a differential test against tshark: many connections in one pcapng file, each on its own
 * ports, over every link type the lab reads.
 */
final class Scenarios {

    static final byte[] NONE = new byte[0];
    private static final long MS = 1_000_000L;

    private Scenarios() {
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] bytes(int n, char c) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    private static byte[] synOptions(int shift) {
        return shift < 0 ? concat(mss(1460), sackPermitted(), timestamps(1, 0))
                : concat(mss(1460), sackPermitted(), timestamps(1, 0), wscale(shift));
    }

    /** Writes the capture to {@code file}. */
    static Path write(Path file) {
        TcpScript s = TcpScript.of("10.0.0.1", 40001, "10.0.0.2", 80, 1000, 5000);
        // 1. handshake with options, data both ways, four-way close
        s.syn(synOptions(7)).synAck(synOptions(8)).ack(0)
                .data(0, text("GET / HTTP/1.1\r\nHost: a\r\n\r\n")).ack(1)
                .data(1, text("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")).ack(0)
                .fin(0).ack(1).fin(1).ack(0);
        // 2. three-way close, then a simultaneous close on another connection
        s = s.then("10.0.0.1", 40002, "10.0.0.2", 80, 0xFFFFFF00L, 0x7FFFFFF0L);
        s.syn(synOptions(-1)).synAck(synOptions(-1)).ack(0).data(0, bytes(300, 'a')).ack(1)
                .fin(0).fin(1).ack(0);
        s = s.then("10.0.0.1", 40003, "10.0.0.2", 80, 7, 9);
        s.syn(synOptions(2)).synAck(synOptions(2)).ack(0);
        long c = s.next(0);
        long v = s.next(1);
        s.raw(0, c, v, FIN | ACK, 500, NONE, NONE).raw(1, v, c, FIN | ACK, 500, NONE, NONE)
                .raw(0, c + 1, v + 1, ACK, 500, NONE, NONE).raw(1, v + 1, c + 1, ACK, 500, NONE, NONE);
        // 3. window scale on one SYN only, each way round
        s = s.then("10.0.0.1", 40004, "10.0.0.2", 80, 100, 200);
        s.syn(synOptions(5)).synAck(synOptions(-1)).ack(0).data(0, bytes(10, 'b')).data(1, bytes(10, 'c'));
        s = s.then("10.0.0.1", 40005, "10.0.0.2", 80, 100, 200);
        s.syn(synOptions(-1)).synAck(synOptions(5)).ack(0).data(0, bytes(10, 'b')).data(1, bytes(10, 'c'));
        // 4. captured mid-stream: no handshake; then only a SYN-ACK with window scale
        s = s.then("10.0.0.3", 40006, "10.0.0.4", 443, 123456789L, 987654321L);
        s.data(0, bytes(100, 'd')).data(1, bytes(50, 'e')).ack(0).data(0, bytes(20, 'f'));
        s = s.then("10.0.0.3", 40007, "10.0.0.4", 443, 5, 6);
        s.synAck(synOptions(3)).data(1, bytes(20, 'g')).ack(0).data(0, bytes(20, 'h'));
        // 5. ports reused by a new connection (new ISN: new stream), and a retransmitted SYN (same stream)
        s = s.then("10.0.0.5", 40008, "10.0.0.6", 22, 1000, 2000);
        s.syn(synOptions(0)).pause(1000 * MS).raw(0, 1000, 0, SYN, 65535, NONE, NONE);
        s.synAck(NONE).ack(0).fin(0).ack(1).fin(1).ack(0);
        s = s.then("10.0.0.5", 40008, "10.0.0.6", 22, 3_000_000_000L, 4000);
        s.syn(NONE).synAck(NONE).ack(0).data(0, bytes(5, 'i')).rst(1);
        retransmissions(s.then("10.0.1.1", 41000, "10.0.1.2", 8080, 10, 20));
        windows(s.then("10.0.2.1", 42000, "10.0.2.2", 8080, 10, 20));
        odd(s.then("10.0.3.1", 43000, "10.0.3.2", 8080, 10, 20));
        links(s.then("10.0.4.1", 44000, "10.0.4.2", 8080, 10, 20));
        ip(s.then("10.0.5.1", 45000, "10.0.5.2", 8080, 10, 20));
        return s.write(file);
    }

    /** Retransmission, fast retransmission, out-of-order, spurious retransmission, lost and unseen segments. */
    private static void retransmissions(TcpScript s) {
        s.syn(synOptions(-1)).synAck(synOptions(-1)).ack(0);
        long c = s.next(0);
        long v = s.next(1);
        // a plain retransmission after 200 ms
        s.data(0, bytes(100, 'a')).pause(200 * MS).raw(0, c, v, PSH | ACK, 65535, NONE, bytes(100, 'a')).ack(1);
        c = s.next(0);
        // segment c..c+100 lost; the receiver answers the next ones with duplicate ACKs; fast retransmission
        s.raw(0, c + 100, v, PSH | ACK, 65535, NONE, bytes(100, 'b'));
        s.raw(1, v, c, ACK, 65535, NONE, NONE).raw(1, v, c, ACK, 65535, NONE, NONE);
        s.raw(0, c + 200, v, PSH | ACK, 65535, NONE, bytes(100, 'c'));
        s.raw(1, v, c, ACK, 65535, NONE, NONE).raw(1, v, c, ACK, 65535, NONE, NONE);
        s.raw(0, c, v, PSH | ACK, 65535, NONE, bytes(100, 'd')).raw(1, v, c + 300, ACK, 65535, NONE, NONE);
        c += 300;
        // out of order: the later segment first, the earlier one right after
        s.raw(0, c + 50, v, PSH | ACK, 65535, NONE, bytes(50, 'e')).raw(0, c, v, PSH | ACK, 65535, NONE, bytes(50, 'f'))
                .raw(1, v, c + 100, ACK, 65535, NONE, NONE);
        c += 100;
        // spurious retransmission of acknowledged data; then an ACK of data never captured
        s.pause(300 * MS).raw(0, c - 50, v, PSH | ACK, 65535, NONE, bytes(50, 'f'));
        s.raw(1, v, c + 1000, ACK, 65535, NONE, NONE);
        s.raw(0, c + 1000, v, PSH | ACK, 65535, NONE, bytes(10, 'g')).raw(1, v, c + 1010, RST | ACK, 0, NONE, NONE);
    }

    /** Zero window, probe and its ACK, keep-alive and its ACK, window update, window full. */
    private static void windows(TcpScript s) {
        s.syn(synOptions(-1)).synAck(synOptions(-1)).ack(0);
        long c = s.next(0);
        long v = s.next(1);
        s.raw(0, c, v, PSH | ACK, 1000, NONE, bytes(400, 'a'));
        s.raw(1, v, c + 400, ACK, 0, NONE, NONE); // zero window
        s.pause(50 * MS).raw(0, c + 400, v, ACK, 1000, NONE, bytes(1, 'b')); // probe
        s.raw(1, v, c + 400, ACK, 0, NONE, NONE); // probe ACK
        s.raw(1, v, c + 400, ACK, 800, NONE, NONE); // window update
        s.raw(0, c + 400, v, PSH | ACK, 1000, NONE, bytes(800, 'c')); // fills the window: window full
        s.raw(1, v, c + 1200, ACK, 2000, NONE, NONE);
        s.pause(2000 * MS).raw(0, c + 1199, v, ACK, 1000, NONE, bytes(1, 'k')); // keep-alive
        s.raw(1, v, c + 1200, ACK, 2000, NONE, NONE); // keep-alive ACK
        s.raw(1, v, c + 1200, ACK, 2000, NONE, NONE); // duplicate ACK
        s.fin(0).fin(1).ack(0);
    }

    /** Odd headers: RST without ACK, ECN and reserved bits, TFO data on a SYN, bogus header lengths, bad options. */
    private static void odd(TcpScript s) {
        s.raw(0, 77, 12345, RST, 0, NONE, NONE);
        s.raw(0, 78, 0, SYN | ECE | CWR | 0x100, 1000, synOptions(1), text("fast open"));
        s.raw(1, 900, 88, SYN | ACK | ECE, 1000, synOptions(1), NONE);
        s.raw(0, 88, 901, ACK | 0xE00, 1000, NONE, NONE);
        TcpScript t = s.then("10.0.3.3", 43001, "10.0.3.4", 8080, 10, 20);
        byte[] tcp = Packets.tcp(43001, 8080, 10, 20, ACK, 100, NONE, bytes(30, 'x'));
        tcp[12] = 0x40; // data offset 4 words
        t.frame(Packets.ipv4Tcp("10.0.3.3", "10.0.3.4", tcp));
        tcp = Packets.tcp(43001, 8080, 10, 20, ACK, 100, NONE, bytes(8, 'x'));
        tcp[12] = (byte) 0xF0; // data offset 60 bytes, longer than the segment
        t.frame(Packets.ipv4Tcp("10.0.3.3", "10.0.3.4", tcp));
        t.raw(0, 11, 20, SYN, 100, new byte[] {2, 1, 3, 3, 7, 0}, NONE); // MSS with length 1: bad
        t.raw(0, 11, 20, SYN, 100, new byte[] {3, 9, 3}, NONE); // window scale running past the header
        t.raw(0, 11, 20, ACK, 100, new byte[] {0, 1, 0, 0}, NONE); // non-zero after EOL
        t.raw(0, 11, 20, ACK, 100, new byte[] {99, 4, 1, 2, 3, 3, 20, 0}, NONE); // unknown kind; shift 20
        t.raw(0, 11, 20, ACK, 100, new byte[] {5, 10, 0, 0, 0, 1, 0, 0, 0, 9}, NONE); // a SACK block
    }

    /** The same kind of connection over every link type. */
    private static void links(TcpScript s) {
        s.link(1, ip -> Packets.ethernet(0x8100, Packets.vlan(42, ip[0] >> 4 == 6 ? 0x86DD : 0x0800, ip)));
        s.syn(NONE).synAck(NONE).ack(0);
        s.link(1, ip -> Packets.ethernet(0x88A8, Packets.vlan(1, 0x8100, Packets.vlan(42, 0x0800, ip))));
        s.data(0, bytes(10, 'q'));
        s.link(113, ip -> Packets.sll(0x0800, ip)).data(1, bytes(11, 'r'));
        s.link(276, ip -> Packets.sll2(0x0800, ip)).data(0, bytes(12, 's'));
        s.link(0, ip -> Packets.loopback(2, ByteOrder.LITTLE_ENDIAN, ip)).data(1, bytes(13, 't'));
        s.link(0, ip -> Packets.loopback(2, ByteOrder.BIG_ENDIAN, ip)).data(0, bytes(14, 'u'));
        s.link(108, ip -> Packets.loopback(2, ByteOrder.BIG_ENDIAN, ip)).data(1, bytes(15, 'v'));
        s.link(101, ip -> ip).data(0, bytes(16, 'w'));
        s.link(228, ip -> ip).data(1, bytes(17, 'x'));
        s.link(113, ip -> Packets.sll(0x0003, Packets.ethernet(0x0800, ip))).data(0, bytes(18, 'y'));
        s.link(1, ip -> Packets.ethernet(0x0800, ip)).fin(0).fin(1).ack(0);
        TcpScript six = s.then("2001:db8::1", 44001, "2001:db8::2", 8080, 10, 20);
        six.link(229, ip -> ip).syn(synOptions(4)).synAck(synOptions(4));
        six.link(0, ip -> Packets.loopback(30, ByteOrder.LITTLE_ENDIAN, ip)).ack(0);
        six.link(108, ip -> Packets.loopback(24, ByteOrder.BIG_ENDIAN, ip)).data(0, bytes(9, 'z'));
        six.link(101, ip -> ip).data(1, bytes(8, 'z'));
        six.link(1, ip -> Packets.ethernet(0x86DD, ip)).fin(0).fin(1).ack(0);
        // the NULL header of an IPv6 packet from a big-endian host
        six.link(0, ip -> Packets.loopback(28, ByteOrder.BIG_ENDIAN, ip)).ack(0);
        // truncated frames: in the link header, the IP header, after the ports, in the options, in the payload
        byte[] full = Packets.ethernet(0x0800, Packets.ipv4Tcp("10.0.4.1", "10.0.4.2",
                Packets.tcp(44000, 8080, s.next(0), s.next(1), PSH | ACK, 100, concat(timestamps(5, 6)), bytes(40, 'T'))));
        for (int cut : new int[] {10, 20, 30, 38, 48, 60, 70, 90}) {
            s.truncatedFrame(1, full, cut);
        }
    }

    /** IP layer: IPv6 extension headers, IPv4 options and fragments, ICMP errors, tunnels, odd lengths. */
    private static void ip(TcpScript s) {
        s.syn(NONE).synAck(NONE).ack(0);
        long c = s.next(0);
        long v = s.next(1);
        byte[] tcp = Packets.tcp(45000, 8080, c, v, PSH | ACK, 100, NONE, bytes(64, 'F'));
        // fragments, in order (the second completes the datagram), then out of order
        s.frame(Packets.ipv4("10.0.5.1", "10.0.5.2", 6, 7, 0x2000, NONE, Arrays.copyOfRange(tcp, 0, 40)));
        s.frame(Packets.ipv4("10.0.5.1", "10.0.5.2", 6, 7, 5, NONE, Arrays.copyOfRange(tcp, 40, tcp.length)));
        byte[] tcp2 = Packets.tcp(45000, 8080, c + 64, v, PSH | ACK, 100, NONE, bytes(32, 'G'));
        s.frame(Packets.ipv4("10.0.5.1", "10.0.5.2", 6, 8, 3, NONE, Arrays.copyOfRange(tcp2, 24, tcp2.length)));
        s.frame(Packets.ipv4("10.0.5.1", "10.0.5.2", 6, 8, 0x2000, NONE, Arrays.copyOfRange(tcp2, 0, 24)));
        // a first fragment whose payload is cut by the capture: dissected as a first fragment
        byte[] first = Packets.ethernet(0x0800, Packets.ipv4("10.0.5.1", "10.0.5.2", 6, 9, 0x2000, NONE,
                Packets.tcp(45000, 8080, c + 96, v, ACK, 100, NONE, bytes(40, 'H'))));
        s.truncatedFrame(1, first, 60);
        // loose source route: ip.dst is not shown, the conversation uses the final destination
        byte[] lsrr = {(byte) 0x83, 11, 4, 10, 0, 5, 9, 10, 0, 5, 2, 0};
        s.frame(Packets.ipv4("10.0.5.1", "10.0.5.99", 6, 10, 0, lsrr,
                Packets.tcp(45000, 8080, c + 136, v, ACK, 100, NONE, NONE)));
        // total length 0 (segmentation offload), below the header, beyond the frame
        byte[] p = Packets.ipv4Tcp("10.0.5.1", "10.0.5.2", Packets.tcp(45000, 8080, c + 136, v, ACK, 99, NONE, NONE));
        p[2] = 0;
        p[3] = 0;
        s.frame(p);
        p = p.clone();
        p[3] = 12;
        s.frame(p);
        p = p.clone();
        p[2] = 5;
        s.frame(p);
        // ICMP port unreachable quoting 8 bytes of TCP, then one quoting the whole segment
        byte[] quoted = Packets.ipv4Tcp("10.0.5.1", "10.0.5.2", Packets.tcp(45000, 8080, c, v, ACK, 100, NONE, bytes(4, 'Q')));
        s.frame(Packets.ipv4("10.0.5.2", "10.0.5.1", 1, 11, 0, NONE,
                concat(new byte[] {3, 3, 0, 0, 0, 0, 0, 0}, Arrays.copyOf(quoted, 28))));
        s.frame(Packets.ipv4("10.0.5.2", "10.0.5.1", 1, 12, 0, NONE,
                concat(new byte[] {3, 3, 0, 0, 0, 0, 0, 0}, quoted)));
        // IP in IP and GRE tunnels carrying the connection
        s.frame(Packets.ipv4("192.168.9.1", "192.168.9.2", 4, 13, 0, NONE,
                Packets.ipv4Tcp("10.0.5.1", "10.0.5.2", Packets.tcp(45000, 8080, c + 136, v, ACK, 98, NONE, NONE))));
        s.frame(Packets.ipv4("192.168.9.1", "192.168.9.2", 47, 14, 0, NONE, concat(new byte[] {0, 0, 8, 0},
                Packets.ipv4Tcp("10.0.5.2", "10.0.5.1", Packets.tcp(8080, 45000, v, c + 136, ACK, 97, NONE, NONE)))));
        // IPv6: hop-by-hop and destination options before TCP; a fragment header; a type 0 routing header
        TcpScript six = s.then("2001:db8::5", 45001, "2001:db8::6", 8080, 10, 20);
        six.syn(NONE).synAck(NONE).ack(0);
        byte[] t6 = Packets.tcp(45001, 8080, six.next(0), six.next(1), PSH | ACK, 100, NONE, bytes(20, 'S'));
        six.frame(Packets.ipv6("2001:db8::5", "2001:db8::6", 0,
                concat(Packets.extension(60, new byte[] {1, 4, 0, 0, 0, 0}), Packets.extension(6, new byte[] {1, 4, 0, 0, 0, 0}), t6)));
        byte[] t6b = Packets.tcp(45001, 8080, six.next(0) + 20, six.next(1), PSH | ACK, 100, NONE, bytes(24, 'U'));
        byte[] frag1 = concat(new byte[] {6, 0, 0, 1, 0, 0, 0, 7}, Arrays.copyOfRange(t6b, 0, 24));
        byte[] frag2 = concat(new byte[] {6, 0, 0, 24, 0, 0, 0, 7}, Arrays.copyOfRange(t6b, 24, t6b.length));
        six.frame(Packets.ipv6("2001:db8::5", "2001:db8::6", 44, frag1));
        six.frame(Packets.ipv6("2001:db8::5", "2001:db8::6", 44, frag2));
        ByteBuffer rh = ByteBuffer.allocate(22).put((byte) 0).put((byte) 1).putInt(0)
                .put(Packets.addr("2001:db8::6"));
        six.frame(Packets.ipv6("2001:db8::5", "2001:db8::99", 43, concat(Packets.extension(6, rh.array()),
                Packets.tcp(45001, 8080, six.next(0) + 44, six.next(1), ACK, 100, NONE, NONE))));
        // IPv6 in IPv4 (6in4)
        s.frame(Packets.ipv4("192.168.9.1", "192.168.9.2", 41, 15, 0, NONE, Packets.ipv6("2001:db8::5", "2001:db8::6", 6,
                Packets.tcp(45001, 8080, six.next(0) + 44, six.next(1), ACK, 101, NONE, NONE))));
    }
}
