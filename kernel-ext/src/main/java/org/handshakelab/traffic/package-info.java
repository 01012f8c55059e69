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
 *   <li>{@link org.handshakelab.traffic.CertificateMaker}: the course's self-signed {@code localhost} certificate
 *       (the {@code openssl req -x509 ... -addext "subjectAltName = DNS:localhost,IP:127.0.0.1"} command, made
 *       with BouncyCastle); {@link org.handshakelab.traffic.TlsHttpServer} and
 *       {@link org.handshakelab.traffic.TlsExchange}: one GET inside TLS 1.2 or 1.3 (RFC 5246, RFC 8446) on
 *       BouncyCastle's TLS API, which, unlike the JDK's, lets the lab export the session's real secrets as an NSS
 *       {@link org.handshakelab.traffic.KeyLog}.</li>
 *   <li>{@link org.handshakelab.traffic.SshLabServer} and {@link org.handshakelab.traffic.SshExchange}: an SSH-2
 *       session (RFC 4253) with Apache MINA SSHD, password authentication and one command, with the Wireshark
 *       {@link org.handshakelab.traffic.SshKeyLog} taken from its key exchange.</li>
 *   <li>{@link org.handshakelab.traffic.Recorder}: runs a {@link org.handshakelab.traffic.Recorder.Scenario}
 *       under a live capture filtered to its ports and writes {@code captures/<name>.pcapng} with its key logs as
 *       Decryption Secrets Blocks; {@link org.handshakelab.traffic.RecordMain} records the bundled captures.</li>
 * </ul>
 *
 * <p>Everything binds 127.0.0.1, every wait is bounded, and everything started is {@link AutoCloseable}.
 */
package org.handshakelab.traffic;
