package org.handshakelab.dissect.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.handshakelab.dissect.AppProtocolsCorpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hello, key exchange fields compared with tshark's, message by message in each frame. */
class TlsHandshakeTsharkTest {

    private static final List<String> FIELDS = List.of("tls.handshake.version", "tls.handshake.random",
            "tls.handshake.session_id", "tls.handshake.ciphersuite", "tls.handshake.extension.type",
            "tls.handshake.extensions_server_name", "tls.handshake.extensions.supported_version",
            "tls.handshake.extensions_supported_group", "tls.handshake.extensions_key_share_group",
            "tls.handshake.sig_hash_alg", "tls.handshake.extensions_alpn_str", "tls.handshake.server_named_curve",
            "tls.handshake.server_point", "tls.handshake.client_point", "tls.handshake.comp_method");

    @ParameterizedTest
    @ValueSource(strings = {"it12-capture.pcap", "it13-capture.pcap", "zk-tls1.2.pcap", "zk-hrr.pcap",
            "zk-tls13_psk_succesfull.pcap", "zk-openjdk-25.0.2-zeek.org.pcap", "zk-certificate-request-failed.pcap"})
    void helloAndKeyExchangeFieldsMatchTshark(String name) {
        Path file = AppProtocolsCorpus.file(name);
        List<String> args = new ArrayList<>(List.of("-o", "tcp.reassemble_out_of_order:TRUE",
                "-Y", "tls.handshake.type==1 || tls.handshake.type==2 || tls.handshake.type==12 "
                        + "|| tls.handshake.type==16", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,",
                "-e", "frame.number"));
        FIELDS.forEach(f -> args.addAll(List.of("-e", f)));
        Map<Integer, String> expected = new TreeMap<>();
        for (String line : AppProtocolsCorpus.tshark(file, args.toArray(String[]::new))) {
            int tab = line.indexOf('\t');
            expected.put(Integer.parseInt(line.substring(0, tab)), line.substring(tab + 1));
        }
        assertFalse(expected.isEmpty(), "tshark found no hellos in " + name);

        AppProtocolsCorpus.RecordingSink sink = AppProtocolsCorpus.dissect(file, TlsDissector::create);
        Map<Integer, Map<String, List<String>>> ours = new TreeMap<>();
        int[] cipherSuite = {-1};
        for (AppProtocolsCorpus.RecordingSink.Framed m : sink.framed) {
            Map<String, List<String>> row = ours.computeIfAbsent(m.frame(), f -> new LinkedHashMap<>());
            BiConsumer<String, Object> add = (field, value) -> row.computeIfAbsent(field, k -> new ArrayList<>())
                    .add(String.valueOf(value));
            if (m.message() instanceof ClientHello ch) {
                add.accept("tls.handshake.version", hex(ch.legacyVersion()));
                add.accept("tls.handshake.random", ch.random());
                if (!ch.sessionId().isEmpty()) {
                    add.accept("tls.handshake.session_id", ch.sessionId());
                }
                ch.cipherSuites().forEach(c -> add.accept("tls.handshake.ciphersuite", hex(c)));
                ch.extensions().forEach(e -> add.accept("tls.handshake.extension.type", e.type()));
                ch.serverName().ifPresent(n -> add.accept("tls.handshake.extensions_server_name", n));
                ch.supportedVersions().forEach(v -> add.accept("tls.handshake.extensions.supported_version", hex(v)));
                ch.supportedGroups().forEach(g -> add.accept("tls.handshake.extensions_supported_group", hex(g)));
                ch.keyShareGroups().forEach(g -> add.accept("tls.handshake.extensions_key_share_group", g));
                ch.signatureAlgorithms().forEach(s -> add.accept("tls.handshake.sig_hash_alg", hex(s)));
                ch.signatureAlgorithmsCert().forEach(s -> add.accept("tls.handshake.sig_hash_alg", hex(s)));
                ch.alpnProtocols().forEach(a -> add.accept("tls.handshake.extensions_alpn_str", a));
                ch.compressionMethods().forEach(c -> add.accept("tls.handshake.comp_method", c));
            } else if (m.message() instanceof ServerHello sh) {
                add.accept("tls.handshake.version", hex(sh.legacyVersion()));
                add.accept("tls.handshake.random", sh.random());
                if (!sh.sessionId().isEmpty()) {
                    add.accept("tls.handshake.session_id", sh.sessionId());
                }
                add.accept("tls.handshake.ciphersuite", hex(sh.cipherSuite()));
                sh.extensions().forEach(e -> add.accept("tls.handshake.extension.type", e.type()));
                if (sh.selectedVersion() != sh.legacyVersion()) {
                    add.accept("tls.handshake.extensions.supported_version", hex(sh.selectedVersion()));
                }
                if (!sh.helloRetryRequest()) {
                    sh.keyShareGroup().ifPresent(g -> add.accept("tls.handshake.extensions_key_share_group", g));
                }
                sh.alpnProtocol().ifPresent(a -> add.accept("tls.handshake.extensions_alpn_str", a));
                add.accept("tls.handshake.comp_method", sh.compressionMethod());
            } else if (m.message() instanceof ServerKeyExchange ske) {
                if (ske.signatureScheme() >= 0) {
                    add.accept("tls.handshake.sig_hash_alg", hex(ske.signatureScheme()));
                }
                if (ske.namedGroup() >= 0) {
                    add.accept("tls.handshake.server_named_curve", hex(ske.namedGroup()));
                    add.accept("tls.handshake.server_point", ske.publicKey());
                }
            } else if (m.message() instanceof CertificateRequest cr) {
                cr.signatureAlgorithms().forEach(s -> add.accept("tls.handshake.sig_hash_alg", hex(s)));
            } else if (m.message() instanceof ClientKeyExchange cke) {
                row.computeIfAbsent("tls.handshake.client_point", k -> new ArrayList<>());
                if (!TlsCipherSuite.nameOf(cipherSuite[0]).startsWith("TLS_RSA")) {
                    add.accept("tls.handshake.client_point", cke.exchangeKeys());
                }
            }
            if (m.message() instanceof ServerHello sh) {
                cipherSuite[0] = sh.cipherSuite();
            }
        }
        Map<Integer, String> actual = new TreeMap<>();
        ours.forEach((frame, row) -> {
            if (!row.isEmpty()) {
                List<String> cells = new ArrayList<>();
                FIELDS.forEach(f -> cells.add(String.join(",", row.getOrDefault(f, List.of()))));
                actual.put(frame, String.join("\t", cells));
            }
        });
        assertEquals(expected, actual, name);
    }

    private static String hex(int value) {
        return String.format("0x%04x", value);
    }
}
