package org.handshakelab.dissect.tls;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * ServerHello (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3), or a HelloRetryRequest: a ServerHello whose random is
 * the fixed value of RFC 8446 §4.1.3, asking the client for another key share.
 *
 * @param legacyVersion      {@code tls.handshake.version}; 0x0303 in TLS 1.3, see {@link #selectedVersion()}
 * @param random             32 bytes in hex
 * @param sessionId          the echoed legacy session id in hex
 * @param cipherSuite        the selected suite
 * @param compressionMethod  the selected compression method
 * @param extensions         the extensions, in wire order
 * @param helloRetryRequest  whether this is a HelloRetryRequest
 */
public record ServerHello(int legacyVersion, String random, String sessionId, int cipherSuite,
                          int compressionMethod, List<TlsExtension> extensions, boolean helloRetryRequest)
        implements TlsHandshake {

    /** The random of a HelloRetryRequest: SHA-256("HelloRetryRequest") (RFC 8446 §4.1.3). */
    public static final String HELLO_RETRY_REQUEST_RANDOM =
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";

    /** Checks the hex fields and copies the list. */
    public ServerHello {
        HexFormat.of().parseHex(random);
        HexFormat.of().parseHex(sessionId);
        extensions = List.copyOf(extensions);
    }

    @Override
    public int type() {
        return TlsHandshakeType.SERVER_HELLO.code();
    }

    @Override
    public String typeName() {
        return helloRetryRequest ? "HelloRetryRequest" : "ServerHello";
    }

    /** The selected suite's IANA name. */
    public String cipherSuiteName() {
        return TlsCipherSuite.nameOf(cipherSuite);
    }

    /** The negotiated version: supported_versions (RFC 8446 §4.2.1) if present, else the legacy version. */
    public int selectedVersion() {
        return TlsExtensions.find(extensions, TlsExtensionType.SUPPORTED_VERSIONS)
                .map(TlsExtension::bytes)
                .filter(b -> b.length == 2)
                .map(b -> (b[0] & 0xFF) << 8 | b[1] & 0xFF)
                .orElse(legacyVersion);
    }

    /** The key share group the server chose (or, in a HelloRetryRequest, asks for). */
    public Optional<Integer> keyShareGroup() {
        return TlsExtensions.serverKeyShareGroup(extensions);
    }

    /** The protocol selected by ALPN, if any. */
    public Optional<String> alpnProtocol() {
        return TlsExtensions.alpn(extensions).stream().findFirst();
    }

    /** The extension names in wire order. */
    public List<String> extensionNames() {
        return extensions.stream().map(TlsExtension::name).toList();
    }
}
