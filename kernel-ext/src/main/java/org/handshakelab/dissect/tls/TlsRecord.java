package org.handshakelab.dissect.tls;

import java.util.List;

/**
 * One TLS record header (RFC 8446 §5.1, RFC 5246 §6.2.1) and the frames that carried the record.
 *
 * @param contentType the type byte ({@code tls.record.content_type}, or {@code tls.record.opaque_type}
 *                    when {@code opaque})
 * @param version     the record-layer version ({@code tls.record.version}); 0x0303 even in TLS 1.3
 * @param length      the fragment length ({@code tls.record.length})
 * @param opaque      a TLS 1.3 encrypted record (RFC 8446 §5.2): its real type is inside the ciphertext
 * @param frames      the frames that carried the record, in order; the last one completed it
 */
public record TlsRecord(int contentType, int version, int length, boolean opaque, List<Integer> frames) {

    /** Checks ranges and copies the frame list. */
    public TlsRecord {
        if (contentType < 0 || contentType > 0xFF) {
            throw new IllegalArgumentException("contentType must be 0..255: " + contentType);
        }
        if (version < 0 || version > 0xFFFF) {
            throw new IllegalArgumentException("version must be 0..65535: " + version);
        }
        if (length < 0 || length > 0xFFFF) {
            throw new IllegalArgumentException("length must be 0..65535: " + length);
        }
        frames = List.copyOf(frames);
    }

    /** The content type's RFC name, e.g. {@code handshake}. */
    public String contentTypeName() {
        return TlsContentType.nameOf(contentType);
    }

    /** The record version's name, e.g. "TLS 1.2". */
    public String versionName() {
        return TlsVersion.nameOf(version);
    }
}
