package org.handshakelab.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole application layer as the flow stage will use it: every connection of a corpus capture through
 * {@link AppProtocols#dissector(DissectionSink)}, recognised by content, compared with tshark field by field.
 */
class AppProtocolsTsharkTest {

    /**
     * Options tell tshark what this dissector finds by content (decode-as for non-standard ports) or does
     * anyway (out-of-order segments put in order by the flow stage).
     */
    @ParameterizedTest
    @CsvSource({
        "zk-get.pcap, '', ''",
        "zk-pipelined-requests.pcap, '', ''",
        "td-print-flags.pcap, '', ''",
        "zk-http-single-conn-22.pcap, -d, 'tcp.port==22,http'",
        "zk-connect-with-header.pcap, '', ''",
        "zk-tls1.2.pcap, '', ''",
        "it12-capture.pcap, '', ''",
        "it13-capture.pcap, '', ''",
        "zk-hrr.pcap, -o, tcp.reassemble_out_of_order:TRUE",
        "zk-tls13_psk_succesfull.pcap, '', ''",
        "zk-openjdk-25.0.2-zeek.org.pcap, '', ''",
        "zk-certificate-request-failed.pcap, '', ''",
        "td-ssh.pcap, '', ''",
        "zk-ssh_kex_curve25519.pcap, '', ''",
        "zk-ssh-on-port-80.pcap, -d, 'tcp.port==80,ssh'",
    })
    void everyFieldMatchesTsharkFrameByFrame(String name, String flag, String option) {
        Path file = AppProtocolsCorpus.file(name);
        Map<Integer, String> expected = flag.isEmpty() ? AppProtocolsCorpus.tsharkFields(file)
                : AppProtocolsCorpus.tsharkFields(file, flag, option);
        AppProtocolsCorpus.RecordingSink sink = AppProtocolsCorpus.dissect(file, AppProtocols::dissector);
        assertEquals(expected, sink.rows(), name);
    }

    /**
     * An HTTP GET sent to an SSH server: tshark decides by port 22 that the connection is SSH and shows the
     * request as an "Encrypted packet"; dissected by content, the request is an HTTP request. Everything
     * else is the same.
     */
    @org.junit.jupiter.api.Test
    void httpRequestToAnSshServerIsDissectedAsWhatItIs() {
        Path file = AppProtocolsCorpus.file("zk-get-to-ssh-server.pcap");
        Map<Integer, String> expected = new java.util.TreeMap<>(AppProtocolsCorpus.tsharkFields(file));
        assertEquals(null, expected.get(4), "tshark shows no HTTP for frame 4");
        expected.put(4, "\t\t\t\tGET\t/\t");
        AppProtocolsCorpus.RecordingSink sink = AppProtocolsCorpus.dissect(file, AppProtocols::dissector);
        assertEquals(expected, sink.rows());
    }
}
