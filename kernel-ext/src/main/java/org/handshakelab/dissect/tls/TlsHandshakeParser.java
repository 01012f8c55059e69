package org.handshakelab.dissect.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The grammar of the handshake messages the lab shows: body bytes in, a {@link TlsHandshake} out.
 * Throws {@link TlsReader.Malformed} on bytes that do not fit; the dissector reports it.
 */
final class TlsHandshakeParser {

    /** Bounds the work on one Certificate message (a chain has a handful). */
    static final int MAX_CERTIFICATES = 64;

    private TlsHandshakeParser() {
    }

    /**
     * Parses one message body.
     *
     * @param version     the session's version so far (0 unknown), for the TLS 1.3 Certificate layout
     * @param cipherSuite the suite the ServerHello selected (-1 unknown), for the key exchange messages
     */
    static TlsHandshake parse(int type, byte[] body, int version, int cipherSuite) {
        TlsReader r = new TlsReader(body);
        return switch (type) {
            case 1 -> clientHello(r);
            case 2 -> serverHello(r);
            case 11 -> certificate(r, version == TlsVersion.TLS_1_3.code());
            case 12 -> serverKeyExchange(r, cipherSuite, version);
            case 13 -> version == TlsVersion.TLS_1_3.code() ? new OtherHandshake(type, r.hex(r.remaining(), "body"))
                    : certificateRequest(r, version == TlsVersion.TLS_1_2.code());
            case 14 -> new ServerHelloDone();
            case 16 -> clientKeyExchange(r, cipherSuite);
            case 20 -> new Finished(r.hex(r.remaining(), "verify_data"));
            default -> new OtherHandshake(type, r.hex(r.remaining(), "body"));
        };
    }

    /** RFC 8446 §4.1.2. */
    static ClientHello clientHello(TlsReader r) {
        int version = r.u16("legacy_version");
        String random = r.hex(32, "random");
        TlsReader sid = r.vector(1, "legacy_session_id");
        String sessionId = sid.hex(sid.remaining(), "legacy_session_id");
        TlsReader suites = r.vector(2, "cipher_suites");
        List<Integer> cipherSuites = new ArrayList<>();
        while (suites.hasRemaining()) {
            cipherSuites.add(suites.u16("cipher_suite"));
        }
        TlsReader methods = r.vector(1, "legacy_compression_methods");
        List<Integer> compression = new ArrayList<>();
        while (methods.hasRemaining()) {
            compression.add(methods.u8("compression_method"));
        }
        return new ClientHello(version, random, sessionId, cipherSuites, compression, TlsExtensions.read(r));
    }

    /** RFC 8446 §4.1.3. */
    static ServerHello serverHello(TlsReader r) {
        int version = r.u16("legacy_version");
        String random = r.hex(32, "random");
        TlsReader sid = r.vector(1, "legacy_session_id_echo");
        String sessionId = sid.hex(sid.remaining(), "legacy_session_id_echo");
        int suite = r.u16("cipher_suite");
        int compression = r.u8("legacy_compression_method");
        List<TlsExtension> extensions = TlsExtensions.read(r);
        return new ServerHello(version, random, sessionId, suite, compression, extensions,
                ServerHello.HELLO_RETRY_REQUEST_RANDOM.equals(random));
    }

    /** RFC 5246 §7.4.2 (opaque ASN.1Cert<1..2^24-1> list), or RFC 8446 §4.4.2 with context and extensions. */
    static CertificateMessage certificate(TlsReader r, boolean tls13) {
        if (tls13) {
            r.vector(1, "certificate_request_context");
        }
        TlsReader list = r.vector(3, "certificate_list");
        List<CertificateInfo> certificates = new ArrayList<>();
        while (list.hasRemaining() && certificates.size() < MAX_CERTIFICATES) {
            TlsReader der = list.vector(3, "cert_data");
            certificates.add(CertificateInfo.parse(der.rest()));
            if (tls13) {
                list.vector(2, "extensions");
            }
        }
        return new CertificateMessage(certificates);
    }

    /** RFC 5246 §7.4.4 (the signature algorithms only in TLS 1.2). */
    static CertificateRequest certificateRequest(TlsReader r, boolean tls12) {
        TlsReader types = r.vector(1, "certificate_types");
        List<Integer> certificateTypes = new ArrayList<>();
        while (types.hasRemaining()) {
            certificateTypes.add(types.u8("certificate_type"));
        }
        List<Integer> schemes = new ArrayList<>();
        if (tls12) {
            TlsReader algorithms = r.vector(2, "supported_signature_algorithms");
            while (algorithms.hasRemaining()) {
                schemes.add(algorithms.u16("signature_algorithm"));
            }
        }
        List<String> authorities = new ArrayList<>();
        TlsReader names = r.vector(2, "certificate_authorities");
        while (names.hasRemaining()) {
            authorities.add(CertificateInfo.distinguishedName(names.vector(2, "DistinguishedName").rest()));
        }
        return new CertificateRequest(certificateTypes, schemes, authorities);
    }

    /** RFC 8422 §5.4 (ECDHE) and RFC 5246 §7.4.3 (DHE). */
    static ServerKeyExchange serverKeyExchange(TlsReader r, int cipherSuite, int version) {
        Optional<TlsCipherSuite> suite = TlsCipherSuite.of(cipherSuite);
        boolean ec = suite.map(TlsCipherSuite::ellipticCurveKeyExchange).orElse(looksLikeNamedCurve(r));
        boolean dh = !ec && suite.map(TlsCipherSuite::finiteFieldKeyExchange).orElse(false);
        String kind = ec ? "ECDHE" : dh ? "DHE" : "unknown";
        int group = -1;
        String publicKey;
        String p = "";
        String g = "";
        if (ec) {
            int curveType = r.u8("curve_type");
            if (curveType != 3) {
                throw new TlsReader.Malformed("ECParameters curve_type " + curveType + " is not named_curve (3)");
            }
            group = r.u16("namedcurve");
            TlsReader point = r.vector(1, "public");
            publicKey = point.hex(point.remaining(), "public");
        } else if (dh) {
            TlsReader prime = r.vector(2, "dh_p");
            p = prime.hex(prime.remaining(), "dh_p");
            TlsReader gen = r.vector(2, "dh_g");
            g = gen.hex(gen.remaining(), "dh_g");
            TlsReader ys = r.vector(2, "dh_Ys");
            publicKey = ys.hex(ys.remaining(), "dh_Ys");
        } else {
            return new ServerKeyExchange(kind, -1, r.hex(r.remaining(), "params"), "", "", -1, "");
        }
        int scheme = -1;
        String signature = "";
        if (r.hasRemaining()) {
            if (version == TlsVersion.TLS_1_2.code() || r.remaining() >= 4 && declaresSignature(r)) {
                scheme = r.u16("signature_algorithm");
            }
            TlsReader sig = r.vector(2, "signature");
            signature = sig.hex(sig.remaining(), "signature");
        }
        return new ServerKeyExchange(kind, group, publicKey, p, g, scheme, signature);
    }

    private static boolean looksLikeNamedCurve(TlsReader r) {
        return r.remaining() >= 4 && new TlsReader(r.copyAhead(4)).u8("curve_type") == 3;
    }

    /** TLS 1.2 puts a 2-byte SignatureAndHashAlgorithm before the signature; older versions do not. */
    private static boolean declaresSignature(TlsReader r) {
        byte[] ahead = r.copyAhead(4);
        int lengthIfScheme = (ahead[2] & 0xFF) << 8 | ahead[3] & 0xFF;
        return lengthIfScheme == r.remaining() - 4;
    }

    /** RFC 5246 §7.4.7: ECDH points have a 1-byte length, RSA and DH values a 2-byte one. */
    static ClientKeyExchange clientKeyExchange(TlsReader r, int cipherSuite) {
        Optional<TlsCipherSuite> suite = TlsCipherSuite.of(cipherSuite);
        boolean ec = suite.map(TlsCipherSuite::ellipticCurveKeyExchange)
                .orElse(r.remaining() >= 1 && new TlsReader(r.copyAhead(1)).u8("length") == r.remaining() - 1);
        TlsReader value = r.vector(ec ? 1 : 2, "exchange_keys");
        return new ClientKeyExchange(value.hex(value.remaining(), "exchange_keys"));
    }
}
