package org.handshakelab.dissect;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.handshakelab.dissect.http.HttpDissector;
import org.handshakelab.dissect.ssh.SshDissector;
import org.handshakelab.dissect.tls.TlsDissector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad bytes are data, not exceptions: seeded random damage to real conversations (flipped bytes, length
 * fields overwritten, segments cut, dropped, repeated or filled with noise) never makes a dissector throw.
 */
class AppProtocolsMutationTest {

    private static final List<Function<DissectionSink, StreamDissector>> DISSECTORS = List.of(
            AppProtocols::dissector, TlsDissector::create, SshDissector::create, HttpDissector::create);

    @ParameterizedTest
    @ValueSource(strings = {"it12-capture.pcap", "it13-capture.pcap", "zk-tls1.2.pcap", "zk-hrr.pcap",
            "zk-certificate-request-failed.pcap", "td-ssh.pcap", "zk-ssh-on-port-80.pcap", "zk-get.pcap",
            "zk-pipelined-requests.pcap", "zk-connect-with-header.pcap", "zk-http-single-conn-22.pcap"})
    void randomDamageNeverThrows(String name) {
        List<AppProtocolsCorpus.Connection> connections = AppProtocolsCorpus.connections(AppProtocolsCorpus.file(name));
        Random random = new Random(name.hashCode());
        for (int round = 0; round < 150; round++) {
            for (AppProtocolsCorpus.Connection c : connections) {
                List<AppProtocolsCorpus.Event> damaged = damage(c.events(), random);
                for (Function<DissectionSink, StreamDissector> factory : DISSECTORS) {
                    AppProtocolsCorpus.Connection mutant = new AppProtocolsCorpus.Connection(c.name(), damaged);
                    assertDoesNotThrow(() -> mutant.replay(factory.apply(new AppProtocolsCorpus.RecordingSink())),
                            name + " round " + round);
                }
            }
        }
    }

    @Test
    void noiseAfterAPlausibleStartNeverThrows() {
        Random random = new Random(42);
        String[] starts = {"SSH-2.0-x\r\n", "GET / HTTP/1.1\r\n", "HTTP/1.1 200 OK\r\n", "\u0016\u0003\u0001"};
        for (int round = 0; round < 2000; round++) {
            byte[] start = starts[round % starts.length].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            byte[] noise = new byte[random.nextInt(300)];
            random.nextBytes(noise);
            for (Function<DissectionSink, StreamDissector> factory : DISSECTORS) {
                StreamDissector d = factory.apply(new AppProtocolsCorpus.RecordingSink());
                int direction = random.nextInt(2);
                assertDoesNotThrow(() -> {
                    d.accept(direction, ByteBuffer.wrap(start), 1);
                    d.accept(direction, ByteBuffer.wrap(noise), 2);
                    d.accept(1 - direction, ByteBuffer.wrap(noise), 3);
                    d.end(direction, 4);
                    d.end(1 - direction, 4);
                });
            }
        }
    }

    private static List<AppProtocolsCorpus.Event> damage(List<AppProtocolsCorpus.Event> events, Random random) {
        List<AppProtocolsCorpus.Event> out = new ArrayList<>();
        for (AppProtocolsCorpus.Event e : events) {
            if (e.isEnd() || random.nextInt(4) != 0) {
                out.add(e);
                continue;
            }
            byte[] b = e.bytes().clone();
            switch (random.nextInt(6)) {
                case 0 -> {
                    for (int i = 0; i < 1 + random.nextInt(4); i++) {
                        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> {
                    int at = random.nextInt(b.length);
                    for (int i = at; i < Math.min(b.length, at + 1 + random.nextInt(4)); i++) {
                        b[i] = (byte) (random.nextBoolean() ? 0xFF : 0x00);
                    }
                }
                case 2 -> b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
                case 3 -> {
                    continue;
                }
                case 4 -> out.add(new AppProtocolsCorpus.Event(e.direction(), e.frame(), b.clone()));
                default -> random.nextBytes(b);
            }
            out.add(new AppProtocolsCorpus.Event(e.direction(), e.frame(), b));
        }
        return out;
    }
}
