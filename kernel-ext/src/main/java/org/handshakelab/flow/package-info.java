/**
 * Flow analysis: TCP streams as Wireshark 4.0 analyses them.
 *
 * <p>Stage: after {@code dissect}, before {@code table}. Takes each frame's headers
 * ({@link org.handshakelab.dissect.FrameHeaders}) in capture order and gives, per TCP segment, the
 * {@code tcp.stream} index, sequence and acknowledgment numbers relative to each direction's first one,
 * {@code tcp.len}, the scaled window, the {@link org.handshakelab.flow.TcpAnalysisFlag analysis flags}
 * (retransmissions, duplicate ACKs, zero windows...) and the handshake and close
 * {@link org.handshakelab.flow.TcpPhase phases}; {@link org.handshakelab.flow.TcpAnalyzer} is the entry point.
 *
 * <p>It also puts each direction's payload back in order and hands it to application dissectors:
 * {@link org.handshakelab.flow.StreamDissectorFactory factories} recognise a protocol by content on a
 * stream's first payload and open a {@link org.handshakelab.dissect.StreamDissector}, which reports to
 * a {@link org.handshakelab.dissect.DissectionSink}. The rules follow Wireshark's packet-tcp.c, so
 * every number can be checked with {@code tshark -T fields -e tcp.seq ...}.
 */
package org.handshakelab.flow;
