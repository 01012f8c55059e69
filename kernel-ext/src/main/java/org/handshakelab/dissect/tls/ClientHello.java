package org.handshakelab.dissect.tls;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2): what the client offers.
 *
 * @param legacyVersion      {@code tls.handshake.version}, 0x0303 for TLS 1.2 and 1.3 clients
 * @param random             32 bytes in hex ({@code tls.handshake.random})
 * @param sessionId          the legacy session id in hex, often 32 random bytes in TLS 1.3
 * @param cipherSuites       the offered suites, in preference order ({@code tls.handshake.ciphersuite})
 * @param compressionMethods the offered compression methods (only 0, null, since RFC 8446)
 * @param extensions         the extensions, in wire order
 */
public record ClientHello(int legacyVersion, String random, String sessionId, List<Integer> cipherSuites,
                          List<Integer> compressionMethods, List<TlsExtension> extensions) implements TlsHandshake {

    /** Checks the hex fields and copies the lists. */
    public ClientHello {
        HexFormat.of().parseHex(random);
        HexFormat.of().parseHex(sessionId);
        cipherSuites = List.copyOf(cipherSuites);
        compressionMethods = List.copyOf(compressionMethods);
        extensions = List.copyOf(extensions);
    }

    @Override
    public int type() {
        return TlsHandshakeType.CLIENT_HELLO.code();
    }

    /** The offered suites by IANA name, e.g. {@code TLS_AES_128_GCM_SHA256}. */
    public List<String> cipherSuiteNames() {
        return cipherSuites.stream().map(TlsCipherSuite::nameOf).toList();
    }

    /** The extension names in wire order. */
    public List<String> extensionNames() {
        return extensions.stream().map(TlsExtension::name).toList();
    }

    /** The host name from server_name (SNI, RFC 6066 §3), if sent. */
    public Optional<String> serverName() {
        return TlsExtensions.serverName(extensions);
    }

    /** supported_versions (RFC 8446 §4.2.1): the versions offered, e.g. 0x0304, 0x0303. */
    public List<Integer> supportedVersions() {
        return TlsExtensions.u16List(extensions, TlsExtensionType.SUPPORTED_VERSIONS, 1);
    }

    /** supported_groups (RFC 8446 §4.2.7). */
    public List<Integer> supportedGroups() {
        return TlsExtensions.u16List(extensions, TlsExtensionType.SUPPORTED_GROUPS, 2);
    }

    /** The groups the client sent a key share for (RFC 8446 §4.2.8). */
    public List<Integer> keyShareGroups() {
        return TlsExtensions.clientKeyShareGroups(extensions);
    }

    /** signature_algorithms (RFC 8446 §4.2.3). */
    public List<Integer> signatureAlgorithms() {
        return TlsExtensions.u16List(extensions, TlsExtensionType.SIGNATURE_ALGORITHMS, 2);
    }

    /** signature_algorithms_cert (RFC 8446 §4.2.3): the schemes accepted in certificates, if sent. */
    public List<Integer> signatureAlgorithmsCert() {
        return TlsExtensions.u16List(extensions, TlsExtensionType.SIGNATURE_ALGORITHMS_CERT, 2);
    }

    /** The protocols offered by ALPN (RFC 7301), e.g. "h2", "http/1.1". */
    public List<String> alpnProtocols() {
        return TlsExtensions.alpn(extensions);
    }
}
