package org.handshakelab.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;
import org.handshakelab.dissect.http.HttpDissector;
import org.handshakelab.dissect.ssh.SshDissector;
import org.handshakelab.dissect.tls.TlsDissector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stream parsers must not care where TCP cut the bytes (Netty's testDecodeWholeRequestInMultipleSteps):
 * every segment cut in two at every offset, or fed one byte at a time, gives exactly what the whole
 * segments give: the same fields on the same frames, phases, anomalies and records.
 */
class AppProtocolsSplitTest {

    private static Function<DissectionSink, StreamDissector> factory(String protocol) {
        return switch (protocol) {
            case "tls" -> TlsDissector::create;
            case "ssh" -> SshDissector::create;
            case "http" -> HttpDissector::create;
            default -> AppProtocols::dissector;
        };
    }

    @ParameterizedTest
    @CsvSource({
        "it12-capture.pcap, tls", "it13-capture.pcap, tls", "zk-hrr.pcap, tls", "zk-tls1.2.pcap, tls",
        "zk-ssh_kex_curve25519.pcap, ssh", "td-ssh.pcap, ssh",
        "zk-get.pcap, http", "td-print-flags.pcap, http", "zk-pipelined-requests.pcap, http",
        "zk-connect-with-header.pcap, any", "zk-get-to-ssh-server.pcap, any",
    })
    void everySegmentCutAtEveryOffsetGivesTheSameResult(String name, String protocol) {
        List<AppProtocolsCorpus.Connection> connections = AppProtocolsCorpus.connections(AppProtocolsCorpus.file(name));
        for (AppProtocolsCorpus.Connection c : connections) {
            AppProtocolsCorpus.RecordingSink whole = new AppProtocolsCorpus.RecordingSink();
            c.replay(factory(protocol).apply(whole));
            for (int at = 1; at < c.longestSegment(); at++) {
                AppProtocolsCorpus.RecordingSink split = new AppProtocolsCorpus.RecordingSink();
                c.replaySplit(factory(protocol).apply(split), at);
                assertEquals(whole.transcript(), split.transcript(), name + " cut at " + at);
            }
            AppProtocolsCorpus.RecordingSink bytes = new AppProtocolsCorpus.RecordingSink();
            c.replayByteByByte(factory(protocol).apply(bytes));
            assertEquals(whole.transcript(), bytes.transcript(), name + " byte by byte");
        }
    }
}
