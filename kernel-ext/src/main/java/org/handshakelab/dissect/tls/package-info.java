/**
 * TLS dissection (stage: dissect, application layer): records, handshake messages and certificates from
 * the two byte streams of a TCP connection, without decrypting anything.
 *
 * <p>Takes each direction's in-order payload through {@link org.handshakelab.dissect.tls.TlsDissector}
 * (a {@link org.handshakelab.dissect.StreamDissector}); gives {@code tls.record.content_type} and
 * {@code tls.handshake.type} per frame exactly as Wireshark 4.0 does, phase labels ("TLS ClientHello",
 * "TLS encrypted handshake", ...), and records for the detail views: {@link org.handshakelab.dissect.tls.TlsRecord}
 * and the {@link org.handshakelab.dissect.tls.TlsMessage} variants ({@link org.handshakelab.dissect.tls.ClientHello},
 * {@link org.handshakelab.dissect.tls.ServerHello}, {@link org.handshakelab.dissect.tls.CertificateMessage} with
 * {@link org.handshakelab.dissect.tls.CertificateInfo}, ...). Constant enums name the codes with their RFC
 * sections ({@link org.handshakelab.dissect.tls.TlsCipherSuite}, {@link org.handshakelab.dissect.tls.TlsExtensionType},
 * ...). Byte strings are lowercase hex, as tshark prints them.
 *
 * <p>Specifications: RFC 8446 (TLS 1.3), RFC 5246 (TLS 1.2), RFC 8422 (ECC), RFC 6066 (extensions),
 * RFC 5280 (X.509).
 */
package org.handshakelab.dissect.tls;
