package org.handshakelab.dissect.tls;

import java.util.HexFormat;

/**
 * One hello extension (RFC 8446 §4.2): its type and its data as lowercase hex, as tshark prints bytes.
 *
 * @param type the extension type ({@code tls.handshake.extension.type})
 * @param data the extension data in hex ({@code tls.handshake.extension.data})
 */
public record TlsExtension(int type, String data) {

    /** Checks the type and that {@code data} is hex. */
    public TlsExtension {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("type must be 0..65535: " + type);
        }
        HexFormat.of().parseHex(data);
    }

    /** The registry name, e.g. {@code server_name}. */
    public String name() {
        return TlsExtensionType.nameOf(type);
    }

    /** A fresh copy of the data bytes. */
    public byte[] bytes() {
        return HexFormat.of().parseHex(data);
    }
}
