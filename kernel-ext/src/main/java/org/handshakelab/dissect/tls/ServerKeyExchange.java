package org.handshakelab.dissect.tls;

import java.util.HexFormat;

/**
 * ServerKeyExchange (RFC 5246 §7.4.3, RFC 8422 §5.4): the server's ephemeral (EC)DH public value and its
 * signature over it.
 *
 * @param keyExchange     "ECDHE", "DHE" or "unknown" (from the selected cipher suite)
 * @param namedGroup      the curve for ECDHE ({@code tls.handshake.server_curve_type} named_curve), else -1
 * @param publicKey       the ephemeral public value in hex (ECDHE point, or DH Ys)
 * @param dhPrime         DHE only: the prime p in hex, else ""
 * @param dhGenerator     DHE only: the generator g in hex, else ""
 * @param signatureScheme the TLS 1.2 signature scheme, or -1 (TLS 1.0/1.1 have none)
 * @param signature       the signature in hex, or ""
 */
public record ServerKeyExchange(String keyExchange, int namedGroup, String publicKey, String dhPrime,
                                String dhGenerator, int signatureScheme, String signature) implements TlsHandshake {

    /** Checks the hex fields. */
    public ServerKeyExchange {
        for (String hex : new String[] {publicKey, dhPrime, dhGenerator, signature}) {
            HexFormat.of().parseHex(hex);
        }
    }

    @Override
    public int type() {
        return TlsHandshakeType.SERVER_KEY_EXCHANGE.code();
    }

    /** The curve's registry name, e.g. {@code x25519}, or "" for DHE. */
    public String namedGroupName() {
        return namedGroup < 0 ? "" : TlsNamedGroup.nameOf(namedGroup);
    }

    /** The signature scheme's registry name, or "". */
    public String signatureSchemeName() {
        return signatureScheme < 0 ? "" : TlsSignatureScheme.nameOf(signatureScheme);
    }
}
