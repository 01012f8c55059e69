package org.handshakelab.dissect.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.handshakelab.dissect.AppProtocolsCorpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KEXINIT and key exchange fields compared with tshark's SSH dissector, frame by frame. */
class SshMessagesTsharkTest {

    private static final List<String> FIELDS = List.of("ssh.cookie", "ssh.kex_algorithms",
            "ssh.server_host_key_algorithms", "ssh.encryption_algorithms_client_to_server",
            "ssh.mac_algorithms_server_to_client", "ssh.compression_algorithms_client_to_server",
            "ssh.first_kex_packet_follows", "ssh.host_key.type", "ssh.host_sig.type", "ssh.ecdh.q_c",
            "ssh.ecdh.q_s", "ssh.dh.e", "ssh.dh.f", "ssh.dh_gex.min", "ssh.dh_gex.nbits", "ssh.dh_gex.max",
            "ssh.dh_gex.p", "ssh.dh_gex.g");

    @ParameterizedTest
    @CsvSource({
        "td-ssh.pcap, ''",
        "zk-ssh_kex_curve25519.pcap, ''",
        "zk-ssh-on-port-80.pcap, 'tcp.port==80,ssh'",
    })
    void kexFieldsMatchTshark(String name, String decodeAs) {
        Path file = AppProtocolsCorpus.file(name);
        List<String> args = new ArrayList<>();
        if (!decodeAs.isEmpty()) {
            args.addAll(List.of("-d", decodeAs));
        }
        args.addAll(List.of("-Y", "ssh.message_code", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|",
                "-e", "frame.number"));
        FIELDS.forEach(f -> args.addAll(List.of("-e", f)));
        Map<Integer, String> expected = new TreeMap<>();
        for (String line : AppProtocolsCorpus.tshark(file, args.toArray(String[]::new))) {
            int tab = line.indexOf('\t');
            expected.put(Integer.parseInt(line.substring(0, tab)), line.substring(tab + 1));
        }
        assertFalse(expected.isEmpty(), name);

        AppProtocolsCorpus.RecordingSink sink = AppProtocolsCorpus.dissect(file, SshDissector::create);
        Map<Integer, Map<String, List<String>>> ours = new TreeMap<>();
        for (AppProtocolsCorpus.RecordingSink.Framed m : sink.framed) {
            if (m.message() instanceof SshPacket) {
                ours.computeIfAbsent(m.frame(), f -> new LinkedHashMap<>());
            }
            Map<String, List<String>> row = ours.get(m.frame());
            if (row == null) {
                continue;
            }
            java.util.function.BiConsumer<String, Object> add = (field, value) ->
                    row.computeIfAbsent(field, k -> new ArrayList<>()).add(String.valueOf(value));
            if (m.message() instanceof KexInit k) {
                add.accept("ssh.cookie", k.cookie());
                add.accept("ssh.kex_algorithms", String.join(",", k.kexAlgorithms()));
                add.accept("ssh.server_host_key_algorithms", String.join(",", k.serverHostKeyAlgorithms()));
                add.accept("ssh.encryption_algorithms_client_to_server",
                        String.join(",", k.names(SshKexProposal.ENCRYPTION_CLIENT_TO_SERVER)));
                add.accept("ssh.mac_algorithms_server_to_client",
                        String.join(",", k.names(SshKexProposal.MAC_SERVER_TO_CLIENT)));
                add.accept("ssh.compression_algorithms_client_to_server",
                        String.join(",", k.names(SshKexProposal.COMPRESSION_CLIENT_TO_SERVER)));
                add.accept("ssh.first_kex_packet_follows", k.firstKexPacketFollows() ? 1 : 0);
            } else if (m.message() instanceof KexEcdhInit i) {
                add.accept("ssh.ecdh.q_c", i.clientPublicKey());
            } else if (m.message() instanceof KexEcdhReply r) {
                add.accept("ssh.host_key.type", r.hostKey().type());
                add.accept("ssh.host_sig.type", r.signature().type());
                add.accept("ssh.ecdh.q_s", r.serverPublicKey());
            } else if (m.message() instanceof KexDhInit i) {
                add.accept("ssh.dh.e", i.e());
            } else if (m.message() instanceof KexDhReply r) {
                add.accept("ssh.host_key.type", r.hostKey().type());
                add.accept("ssh.host_sig.type", r.signature().type());
                add.accept("ssh.dh.f", r.f());
            } else if (m.message() instanceof KexDhGexRequest g) {
                add.accept("ssh.dh_gex.min", g.min());
                add.accept("ssh.dh_gex.nbits", g.preferred());
                add.accept("ssh.dh_gex.max", g.max());
            } else if (m.message() instanceof KexDhGexGroup g) {
                add.accept("ssh.dh_gex.p", g.p());
                add.accept("ssh.dh_gex.g", g.g());
            }
        }
        Map<Integer, String> actual = new TreeMap<>();
        ours.forEach((frame, row) -> {
            List<String> cells = new ArrayList<>();
            FIELDS.forEach(f -> cells.add(String.join("|", row.getOrDefault(f, List.of()))));
            actual.put(frame, String.join("\t", cells));
        });
        assertEquals(expected, actual, name);
    }
}
