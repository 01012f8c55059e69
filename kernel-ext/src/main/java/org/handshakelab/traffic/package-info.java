/**
 * Traffic generators and the recorder: the lab's own traffic on loopback, and capture files made from it.
 *
 * <p>Comes before the capture stage's live side in the data flow: it makes the packets that
 * {@link org.handshakelab.capture.LiveCapture} captures. Takes nothing but options; gives small records saying
 * what was done (ports, requests, who closed first) and, through {@link org.handshakelab.traffic.Recorder},
 * pcapng files with their decryption secrets.
 *
 * <ul>
 *   <li>{@link org.handshakelab.traffic.Loopback}: 127.0.0.1, free ports, sockets with bounded waits.</li>
 *   <li>{@link org.handshakelab.traffic.HttpLabServer} and {@link org.handshakelab.traffic.HttpExchange}: HTTP/1.1
 *       (RFC 9112) on plain sockets, ending each connection as an {@link org.handshakelab.traffic.HttpVariant}
 *       says: FIN from the client first, FIN from the server first, RST, or refused.</li>
 *   <li>{@link org.handshakelab.traffic.Recorder}: runs a {@link org.handshakelab.traffic.Recorder.Scenario}
 *       under a live capture filtered to its ports and writes {@code captures/<name>.pcapng} with its key logs as
 *       Decryption Secrets Blocks; {@link org.handshakelab.traffic.RecordMain} records the bundled captures.</li>
 * </ul>
 *
 * <p>Everything binds 127.0.0.1, every wait is bounded, and everything started is {@link AutoCloseable}.
 */
package org.handshakelab.traffic;
