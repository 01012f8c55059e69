package org.handshakelab.dissect.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.DecryptionSecret;
import org.handshakelab.dissect.AppProtocolsCorpus;
import org.junit.jupiter.api.Test;

/**
 * Ground truth from outside: the bundled SSH capture decrypted with its key log, ssh.message_code frame by frame
 * as tshark 4.0 shows it with {@code -o ssh.keylog_file:...}.
 */
class SshDecryptionTsharkTest {

    static final Path CAPTURES = Path.of("..", "captures");

    @Test
    void bundledCaptureDecryptsToTsharksMessageCodesWithTheKeyLogFile() {
        Path pcap = CAPTURES.resolve("ssh-exec.pcapng");
        Path keys = CAPTURES.resolve("ssh-exec.keylog");
        Map<Integer, String> expected = AppProtocolsCorpus.tsharkFields(pcap, "-d", "tcp.port==" + serverPort(pcap)
                + ",ssh", "-o", "ssh.keylog_file:" + keys.toAbsolutePath());

        AppProtocolsCorpus.RecordingSink sink = AppProtocolsCorpus.dissect(pcap,
                s -> SshDissector.create(s, SshSecrets.read(keys)));

        assertEquals(expected, sink.rows());
        assertEquals(List.of(), sink.anomalies);
        assertTrue(sink.messages(ChannelRequest.class).stream().anyMatch(r -> r.type().equals("exec")),
                sink.messages.toString());
        assertTrue(sink.messages(SshEncrypted.class).isEmpty(), "nothing stays encrypted");
    }

    @Test
    void keysEmbeddedInTheCaptureDecryptItAlone() {
        Path pcap = CAPTURES.resolve("ssh-exec.pcapng");
        List<DecryptionSecret> blocks = CaptureFile.open(pcap).secrets();
        SshSecrets secrets = SshSecrets.of(blocks);
        assertFalse(secrets.isEmpty(), "the capture has an SSHK block: " + blocks);

        AppProtocolsCorpus.RecordingSink fromBlock = AppProtocolsCorpus.dissect(pcap,
                s -> SshDissector.create(s, secrets));
        AppProtocolsCorpus.RecordingSink fromFile = AppProtocolsCorpus.dissect(pcap,
                s -> SshDissector.create(s, SshSecrets.read(CAPTURES.resolve("ssh-exec.keylog"))));

        assertEquals(fromFile.transcript(), fromBlock.transcript());
    }

    /** The port the capture's SSH server listens on: the destination of the first SYN. */
    static int serverPort(Path pcap) {
        List<String> lines = AppProtocolsCorpus.tshark(pcap, "-c", "1", "-T", "fields", "-e", "tcp.dstport");
        return Integer.parseInt(lines.get(0).strip());
    }
}
