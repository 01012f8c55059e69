package org.handshakelab.dissect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.handshakelab.dissect.AppProtocolsCorpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ground truth from outside: http.request.method, .uri and http.response.code per frame, as tshark 4.0 has them. */
class HttpDissectorTsharkTest {

    /** zk-http-single-conn-22.pcap is HTTP on port 22: tshark needs decode-as, this dissector does not. */
    @ParameterizedTest
    @CsvSource({
        "zk-get.pcap, ''",
        "zk-pipelined-requests.pcap, ''",
        "td-print-flags.pcap, ''",
        "zk-http-single-conn-22.pcap, 'tcp.port==22,http'",
    })
    void requestAndResponseFieldsMatchTsharkFrameByFrame(String name, String decodeAs) {
        Path file = AppProtocolsCorpus.file(name);
        Map<Integer, String> expected = decodeAs.isEmpty() ? AppProtocolsCorpus.tsharkFields(file)
                : AppProtocolsCorpus.tsharkFields(file, "-d", decodeAs);
        AppProtocolsCorpus.RecordingSink sink = AppProtocolsCorpus.dissect(file, HttpDissector::create);
        System.out.println(name + " " + sink.phases + "\n" + sink.anomalies);
        assertEquals(expected, sink.rows(), name);
    }
}
