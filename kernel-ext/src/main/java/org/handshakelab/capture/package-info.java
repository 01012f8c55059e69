/**
 * Stage 1, capture: reads classic pcap and pcapng files (and writes them) in pure Java, and captures live on
 * loopback through libpcap (pcap4j; the only package that touches it).
 *
 * <p>Takes a path (or bytes) and gives frames: 1-based frame number, timestamp in nanoseconds since the
 * epoch, section and interface, link type, captured and original length, and the captured bytes. Also gives
 * the interfaces, the decryption secrets (pcapng Decryption Secrets Blocks: TLS and SSH key logs) and the
 * anomalies met on the way. Nothing here dissects the bytes; the link type tells the next stage how.
 *
 * <ul>
 *   <li>{@link org.handshakelab.capture.CaptureFile#open(java.nio.file.Path)} is the entry point;
 *       a file that is not a capture throws {@link org.handshakelab.LabException} with a one-line message.</li>
 *   <li>{@link org.handshakelab.capture.FrameCursor} is the hot path: it walks a memory-mapped file and
 *       exposes the current frame as primitives without allocating per frame.</li>
 *   <li>{@link org.handshakelab.capture.Frame} is the immutable record for everyone else.</li>
 *   <li>{@link org.handshakelab.capture.CaptureWriter} writes pcapng or classic pcap.</li>
 *   <li>{@link org.handshakelab.capture.LiveCapture} captures on {@code lo} with a BPF filter and a packet or time
 *       limit, stops on interrupt, and gives the same {@code CaptureFile} the reader gives for what it wrote;
 *       {@link org.handshakelab.capture.LiveCapture#available()} says in one line why it cannot run (no
 *       privilege, no libpcap) so the caller can fall back to a bundled capture.</li>
 * </ul>
 *
 * <p>Bad bytes after the file header never throw: each problem becomes a
 * {@link org.handshakelab.capture.CaptureAnomaly}, the frames before it are kept, and where the framing
 * cannot be trusted any more reading stops. Every length field is bounded before it is used.
 *
 * <p>Formats: pcap as in draft-ietf-opsawg-pcap, pcapng as in draft-ietf-opsawg-pcapng; link types as in
 * draft-ietf-opsawg-pcaplinktype (tcpdump.org/linktypes.html).
 */
package org.handshakelab.capture;
