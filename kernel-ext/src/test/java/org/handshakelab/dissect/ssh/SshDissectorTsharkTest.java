package org.handshakelab.dissect.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.handshakelab.dissect.AppProtocolsCorpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ground truth from outside: ssh.protocol and ssh.message_code per frame, as tshark 4.0 has them. */
class SshDissectorTsharkTest {

    /** zk-ssh-on-port-80.pcap needs tshark's decode-as; this dissector is not told the port. */
    @ParameterizedTest
    @CsvSource({
        "td-ssh.pcap, ''",
        "zk-ssh_kex_curve25519.pcap, ''",
        "zk-ssh-on-port-80.pcap, 'tcp.port==80,ssh'",
    })
    void protocolAndMessageCodesMatchTsharkFrameByFrame(String name, String decodeAs) {
        Path file = AppProtocolsCorpus.file(name);
        Map<Integer, String> expected = decodeAs.isEmpty() ? AppProtocolsCorpus.tsharkFields(file)
                : AppProtocolsCorpus.tsharkFields(file, "-d", decodeAs);
        AppProtocolsCorpus.RecordingSink sink = AppProtocolsCorpus.dissect(file, SshDissector::create);
        System.out.println(name + " " + sink.phases + "\n" + sink.anomalies);
        assertEquals(expected, sink.rows(), name);
    }
}
