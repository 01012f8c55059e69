package org.handshakelab.flow;

import org.handshakelab.dissect.StreamDissector;

/**
 * One TCP connection (a Wireshark conversation with its {@code tcp.stream} index): both flows, keyed by
 * the endpoint that is {@link #flow1}'s sender.
 */
final class TcpConversation {

    final int stream;
    final long firstFrame;
    /** The endpoint (address id &lt;&lt; 16 | port) that sends on {@link #flow1}. */
    final long endpoint1;
    /** The other endpoint, which sends on {@link #flow2}. */
    final long endpoint2;
    final TcpFlow flow1 = new TcpFlow();
    final TcpFlow flow2 = new TcpFlow();
    /** Timestamp of the most recent SYN, 0 when none (Wireshark's ts_mru_syn). */
    long tsMruSyn;
    /** The handshake's round-trip time, 0 until known (ts_first_rtt). */
    long tsFirstRtt;

    /** Which flow is the client's: 1 or 2. */
    int clientFlow;
    boolean synAckSeen;
    TcpFlow synAckFlow;
    int synAckSeq;
    boolean handshakeDone;
    boolean reset;

    StreamDissector dissector;
    boolean detectionDone;
    /** The first few payload bytes, kept while they are too few for any factory to recognise. */
    Detection detection;
    TcpStreamInfo info;

    TcpConversation(int stream, long firstFrame, long endpoint1, long endpoint2) {
        this.stream = stream;
        this.firstFrame = firstFrame;
        this.endpoint1 = endpoint1;
        this.endpoint2 = endpoint2;
    }

    TcpFlow flow(long senderEndpoint) {
        return senderEndpoint == endpoint1 ? flow1 : flow2;
    }

    TcpFlow other(TcpFlow f) {
        return f == flow1 ? flow2 : flow1;
    }

    /** 0 when {@code f} is the client's flow, 1 for the server's. */
    int direction(TcpFlow f) {
        return (f == flow1) == (clientFlow == 1) ? 0 : 1;
    }
}
