package org.handshakelab.dissect.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.handshakelab.dissect.AppProtocolsCorpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ground truth from outside: tls.record.content_type and tls.handshake.type per frame, as tshark 4.0 has them. */
class TlsDissectorTsharkTest {

    /**
     * zk-hrr.pcap has the server's second flight out of order; the flow stage puts it in order, so tshark is
     * asked to do the same (its default leaves the ServerHello undissected).
     */
    @ParameterizedTest
    @CsvSource({
        "zk-tls1.2.pcap, ''",
        "it12-capture.pcap, ''",
        "it13-capture.pcap, ''",
        "zk-hrr.pcap, tcp.reassemble_out_of_order:TRUE",
        "zk-tls13_psk_succesfull.pcap, ''",
        "zk-openjdk-25.0.2-zeek.org.pcap, ''",
        "zk-certificate-request-failed.pcap, ''",
    })
    void recordAndHandshakeTypesMatchTsharkFrameByFrame(String name, String option) {
        Path file = AppProtocolsCorpus.file(name);
        Map<Integer, String> expected = option.isEmpty() ? AppProtocolsCorpus.tsharkFields(file)
                : AppProtocolsCorpus.tsharkFields(file, "-o", option);
        AppProtocolsCorpus.RecordingSink sink = AppProtocolsCorpus.dissect(file, TlsDissector::create);
        assertEquals(expected, sink.rows(), name);
    }
}
