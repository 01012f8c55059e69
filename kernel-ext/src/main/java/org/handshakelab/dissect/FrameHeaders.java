package org.handshakelab.dissect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.Set;
import org.handshakelab.capture.FrameCursor;

/**
 * The link, IP and TCP headers of the current frame, as primitives: the hot path of dissection.
 *
 * <pre>{@code
 * FrameHeaders h = FrameHeaders.create();
 * while (cursor.next()) {
 *     h.dissect(cursor);
 *     if (h.tcpLevel() == FrameHeaders.TCP_HEADER) { int seq = h.seq(); ... }
 * }
 * }</pre>
 *
 * <p>One instance serves one walk through a capture and is reused frame after frame without
 * allocating (IP fragment reassembly, which is rare, is the exception). It reads the frame with
 * absolute gets only and follows Wireshark 4.0's dissectors field for field: a field is present here
 * exactly when {@code tshark -T fields} prints it, including for damaged headers, where Wireshark
 * stops at the first byte it cannot read. Problems are {@link #anomalies()}, never exceptions.
 * Not thread-safe.
 */
public final class FrameHeaders {

    /** At most this many IP headers (tunnels, ICMP errors quoting a datagram) are recorded per frame. */
    public static final int MAX_IP_LAYERS = 4;
    /** No TCP header reached, or fewer than 4 of its bytes. */
    public static final int TCP_NONE = 0;
    /** Only the ports could be read (4 to 15 TCP bytes); in an ICMP error maybe also the sequence number. */
    public static final int TCP_PORTS = 1;
    /** The fixed header through the window field was read. */
    public static final int TCP_HEADER = 2;

    // the frame
    ByteBuffer frame;
    int frameStart;
    int frameEnd;
    long frameReported;
    int linkType;
    long frameNumber;
    int vlanId;

    // IP layers, outermost first; Wireshark shows ip.src/ip.dst for IPv4 ones only
    int ipLayers;
    final byte[] ipVersion = new byte[MAX_IP_LAYERS];
    final int[] ip4Src = new int[MAX_IP_LAYERS];
    final int[] ip4Dst = new int[MAX_IP_LAYERS];
    final long[] ip6Src = new long[2 * MAX_IP_LAYERS];
    final long[] ip6Dst = new long[2 * MAX_IP_LAYERS];
    int ipSrcShown;
    int ipDstShown;
    int ipDepth;

    // the addresses the transport belongs to (Wireshark's pinfo->src/dst)
    int netVersion;
    int netSrc4;
    int netDst4;
    long netSrcHi;
    long netSrcLo;
    long netDstHi;
    long netDstLo;

    // TCP
    int tcpLevel;
    boolean inErrorPacket;
    boolean seqShownEarly;
    boolean fragmented;
    ByteBuffer tcpBuffer;
    int tcpOffset;
    int tcpEnd;
    int tcpReported;
    int srcPort;
    int dstPort;
    int seq;
    int ack;
    int headerLength;
    int flags;
    int window;
    boolean headerComplete;
    final TcpOptions options = new TcpOptions();

    long anomalies;

    // dissection context: Wireshark's pinfo->flags.in_error_pkt, pinfo->fragmented and the layer stack
    int errorDepth;
    boolean fragmentedContext;
    boolean icmpQuotesIp;
    boolean ipv4AfterIcmp;

    final Defragmenter defragmenter = new Defragmenter();
    private ByteBuffer source;
    private ByteBuffer view;

    private FrameHeaders() {
    }

    /** A new, empty instance for one walk through a capture. */
    public static FrameHeaders create() {
        return new FrameHeaders();
    }

    /** Dissects the cursor's current frame. */
    public FrameHeaders dissect(FrameCursor cursor) {
        ByteBuffer b = cursor.buffer();
        if (b != source) {
            // the cursor's buffer may carry the file's byte order; network order needs our own view
            source = b;
            view = b.duplicate().order(ByteOrder.BIG_ENDIAN);
        }
        return dissect(view, cursor.dataPosition(), cursor.capturedLength(), cursor.originalLength(),
                cursor.linkType(), cursor.frameNumber());
    }

    /**
     * Dissects the frame of {@code captured} bytes at {@code position} of a big-endian {@code buffer}
     * (read with absolute gets only), {@code originalLength} long on the wire.
     */
    public FrameHeaders dissect(ByteBuffer buffer, int position, int captured, long originalLength, int linkType,
                                long frameNumber) {
        if (position < 0 || captured < 0 || position > buffer.limit() - captured) {
            throw new IllegalArgumentException("position and captured must lie within the buffer's "
                    + buffer.limit() + " bytes: " + position + " + " + captured);
        }
        clear();
        frame = buffer;
        frameStart = position;
        frameEnd = position + captured;
        frameReported = Math.max(originalLength, captured);
        this.linkType = linkType;
        this.frameNumber = frameNumber;
        if (originalLength > captured) {
            anomaly(HeaderAnomaly.FRAME_TRUNCATED);
        }
        LinkLayer.dissect(this);
        return this;
    }

    private void clear() {
        vlanId = -1;
        ipLayers = 0;
        ipSrcShown = 0;
        ipDstShown = 0;
        ipDepth = 0;
        netVersion = 0;
        tcpLevel = TCP_NONE;
        inErrorPacket = false;
        seqShownEarly = false;
        fragmented = false;
        tcpBuffer = null;
        headerLength = 0;
        headerComplete = false;
        errorDepth = 0;
        fragmentedContext = false;
        icmpQuotesIp = false;
        ipv4AfterIcmp = false;
        options.clear();
        anomalies = 0;
    }

    void anomaly(HeaderAnomaly a) {
        anomalies |= a.bit();
    }

    /** Reported length (as Wireshark's tvb_reported_length) of a tvb from {@code index} to the frame's end. */
    int reportedFrom(int index) {
        long r = frameReported - (index - frameStart);
        return r > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(0, r);
    }

    // ---- accessors ----

    /** The 1-based frame number given to {@link #dissect}. */
    public long frameNumber() {
        return frameNumber;
    }

    /** The frame's link type. */
    public int linkType() {
        return linkType;
    }

    /** The 802.1Q VLAN id of the innermost tag, or -1. */
    public int vlanId() {
        return vlanId;
    }

    /** The number of IP headers read (0 when none), outermost first. */
    public int ipLayers() {
        return ipLayers;
    }

    /** 4 or 6: the version of IP header {@code layer}. */
    public int ipVersion(int layer) {
        checkLayer(layer);
        return ipVersion[layer];
    }

    /** Whether Wireshark shows {@code ip.src} for this layer (IPv4 headers read through the source address). */
    public boolean ipSrcShown(int layer) {
        checkLayer(layer);
        return (ipSrcShown & (1 << layer)) != 0;
    }

    /** Whether Wireshark shows {@code ip.dst} for this layer (not with a source route, which shows ip.cur_rt). */
    public boolean ipDstShown(int layer) {
        checkLayer(layer);
        return (ipDstShown & (1 << layer)) != 0;
    }

    /** The IPv4 source address of layer {@code layer}, as an int in network order. */
    public int ip4Src(int layer) {
        checkLayer(layer);
        return ip4Src[layer];
    }

    /** The IPv4 destination address of layer {@code layer} (the header's field, even with a source route). */
    public int ip4Dst(int layer) {
        checkLayer(layer);
        return ip4Dst[layer];
    }

    /** The IPv6 source address of layer {@code layer}: {@code half} 0 is the first 8 bytes, 1 the last 8. */
    public long ip6Src(int layer, int half) {
        checkLayer(layer);
        return ip6Src[2 * layer + (half & 1)];
    }

    /** The IPv6 destination address of layer {@code layer}: {@code half} 0 is the first 8 bytes, 1 the last 8. */
    public long ip6Dst(int layer, int half) {
        checkLayer(layer);
        return ip6Dst[2 * layer + (half & 1)];
    }

    private void checkLayer(int layer) {
        if (layer < 0 || layer >= ipLayers) {
            throw new IndexOutOfBoundsException("layer must be 0.." + (ipLayers - 1) + ": " + layer);
        }
    }

    /**
     * 4 or 6: the IP version of the addresses the TCP segment belongs to (the innermost IP header; with
     * a source route, its final destination), 0 when there is no TCP.
     */
    public int netVersion() {
        return netVersion;
    }

    /** The IPv4 source the TCP segment belongs to. */
    public int netSrc4() {
        return netSrc4;
    }

    /** The IPv4 destination the TCP segment belongs to (final destination of a source route). */
    public int netDst4() {
        return netDst4;
    }

    /** The IPv6 source the TCP segment belongs to: {@code half} 0 is the first 8 bytes, 1 the last 8. */
    public long netSrc6(int half) {
        return half == 0 ? netSrcHi : netSrcLo;
    }

    /** The IPv6 destination the TCP segment belongs to: {@code half} 0 is the first 8 bytes, 1 the last 8. */
    public long netDst6(int half) {
        return half == 0 ? netDstHi : netDstLo;
    }

    /** {@link #TCP_NONE}, {@link #TCP_PORTS} or {@link #TCP_HEADER}. */
    public int tcpLevel() {
        return tcpLevel;
    }

    /** Whether the TCP header is quoted in an ICMP error rather than carried by the frame itself. */
    public boolean inErrorPacket() {
        return inErrorPacket;
    }

    /**
     * Whether the sequence number is shown raw before the rest of the header (Wireshark does this for
     * TCP quoted in an ICMPv4 error, and then shows no {@code tcp.seq_raw}).
     */
    public boolean seqShownEarly() {
        return seqShownEarly;
    }

    /** Whether the TCP header is in the first fragment of an IP datagram that was not reassembled. */
    public boolean fragmented() {
        return fragmented;
    }

    /** {@code tcp.srcport} (RFC 9293 §3.1). */
    public int srcPort() {
        return srcPort;
    }

    /** {@code tcp.dstport}. */
    public int dstPort() {
        return dstPort;
    }

    /** The raw sequence number ({@code tcp.seq_raw}), unsigned in an int. */
    public int seq() {
        return seq;
    }

    /** The raw acknowledgment number ({@code tcp.ack_raw}), unsigned in an int. */
    public int ack() {
        return ack;
    }

    /** The data offset in bytes ({@code tcp.hdr_len}). */
    public int headerLength() {
        return headerLength;
    }

    /** The 12 flag bits ({@code tcp.flags}), see {@link TcpFlags}. */
    public int flags() {
        return flags;
    }

    /** The window field as sent ({@code tcp.window_size_value}). */
    public int window() {
        return window;
    }

    /**
     * Whether the whole TCP header, options included, was read: Wireshark then goes on to the options'
     * effects (window scale checks) and the payload; a header cut short by the capture stops it before.
     */
    public boolean headerComplete() {
        return headerComplete;
    }

    /** The TCP bytes the IP header accounts for (Wireshark's reported length of the TCP tvb). */
    public int tcpReportedLength() {
        return tcpReported;
    }

    /** The TCP options of the segment (empty when none or not read). */
    public TcpOptions options() {
        return options;
    }

    /**
     * Wireshark's segment length ({@code tcp.len}): the TCP bytes the IP header accounts for minus the
     * header length; -1 when Wireshark computes none (fragment, ICMP error, header longer than the
     * segment).
     */
    public int segmentLength() {
        if (tcpLevel != TCP_HEADER || fragmented || inErrorPacket || tcpReported < headerLength) {
            return -1;
        }
        return tcpReported - headerLength;
    }

    /** The buffer holding the TCP segment: the frame's, or a reassembled datagram's. */
    public ByteBuffer tcpBuffer() {
        return tcpBuffer;
    }

    /**
     * Whether {@link #tcpBuffer()} is the frame's own buffer (the capture's, whose bytes stay as they are),
     * not a datagram reassembled from IP fragments.
     */
    public boolean tcpInFrame() {
        return tcpBuffer != null && tcpBuffer == frame;
    }

    /** The index of the first payload byte in {@link #tcpBuffer()}. */
    public int payloadOffset() {
        return tcpOffset + headerLength;
    }

    /** The payload bytes actually captured (at most {@link #segmentLength()}), 0 when none. */
    public int payloadCaptured() {
        int len = segmentLength();
        if (len <= 0 || headerLength < Tcp.MIN_HEADER) {
            return 0;
        }
        return Math.max(0, Math.min(len, tcpEnd - payloadOffset()));
    }

    /** Whether anything was wrong with this frame's headers. */
    public boolean hasAnomalies() {
        return anomalies != 0;
    }

    /** Whether {@code anomaly} was found in this frame. */
    public boolean has(HeaderAnomaly anomaly) {
        return (anomalies & anomaly.bit()) != 0;
    }

    /** The anomalies found in this frame (allocates; check {@link #hasAnomalies()} first on the hot path). */
    public Set<HeaderAnomaly> anomalies() {
        EnumSet<HeaderAnomaly> set = EnumSet.noneOf(HeaderAnomaly.class);
        for (HeaderAnomaly a : HeaderAnomaly.values()) {
            if (has(a)) {
                set.add(a);
            }
        }
        return set;
    }

    /** The anomaly bits, one per {@link HeaderAnomaly} ordinal. */
    public long anomalyBits() {
        return anomalies;
    }
}
