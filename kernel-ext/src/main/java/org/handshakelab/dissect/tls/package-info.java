/**
 * TLS dissection (stage: dissect, application layer): records, handshake messages and certificates from
 * the two byte streams of a TCP connection, decrypted when a key log holds the session's secrets.
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
 * <p>Decryption, as Wireshark's {@code tls.keylog_file}: {@link org.handshakelab.dissect.tls.TlsKeyLog} reads NSS
 * key logs (files, or pcapng Decryption Secrets Blocks); the dissector's private {@code TlsDecryptor} derives the
 * keys (TLS 1.2 PRF key expansion, TLS 1.3 HKDF-Expand-Label) and decrypts with the JDK's AES-GCM,
 * ChaCha20-Poly1305 and AES-CBC; the plaintext is dissected like a plaintext record, application data by
 * the HTTP dissector. Each decrypted record is reported as a {@link org.handshakelab.dissect.tls.TlsDecryptedRecord};
 * {@link org.handshakelab.dissect.tls.TlsKeySchedule} turns one into its key schedule, step by step
 * ({@link org.handshakelab.dissect.tls.KeyScheduleStep}).
 *
 * <p>Specifications: RFC 8446 (TLS 1.3), RFC 5246 (TLS 1.2), RFC 8422 (ECC), RFC 6066 (extensions),
 * RFC 5280 (X.509), RFC 5869 (HKDF), RFC 5288 (AES-GCM suites), RFC 7905 (ChaCha20-Poly1305 suites),
 * RFC 7366 (encrypt-then-MAC), RFC 8448 (TLS 1.3 traces, the tests' vectors).
 */
package org.handshakelab.dissect.tls;
