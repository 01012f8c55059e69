package org.handshakelab.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.LiveAvailability;
import org.handshakelab.capture.LiveCapture;
import org.handshakelab.dissect.AppProtocolsCorpus;
import org.handshakelab.dissect.AppProtocolsCorpus.RecordingSink;
import org.handshakelab.dissect.ssh.ChannelRequest;
import org.handshakelab.dissect.ssh.SshDissector;
import org.handshakelab.dissect.ssh.SshSecrets;
import org.handshakelab.dissect.ssh.UserauthRequest;
import org.handshakelab.dissect.ssh.UserauthSuccess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fresh recordings, one per cipher the lab can choose, decrypted by the lab with the key log the recording
 * embeds, compared frame by frame with tshark's ssh.message_code (tshark takes the same keys from the capture's
 * Decryption Secrets Block). Needs root (or CAP_NET_RAW) and tshark.
 */
@Tag("live")
class SshDecryptionLiveTest {

    /** Codes only ever sent encrypted in a lab session (RFC 4253 §10, §11.1, RFC 4252 §5, RFC 4254). */
    private static final Set<Integer> AFTER_NEWKEYS = Set.of(5, 6, 50, 52, 90, 91, 98, 94, 96, 97, 1);

    @TempDir
    Path dir;

    @BeforeEach
    void needsLiveCaptureAndTshark() {
        LiveAvailability live = LiveCapture.available();
        assumeTrue(live.available(), () -> "live capture not possible here: " + live.reason());
        assumeTrue(SshTshark.available(), "tshark not installed: apt-get install tshark");
    }

    @ParameterizedTest
    @EnumSource(SshCipher.class)
    void eachCipherDecryptsToTsharksMessageCodes(SshCipher cipher) {
        SshOptions options = SshOptions.builder().cipher(cipher).password("pw-" + cipher.name()).build();
        Path pcap = record("ssh-" + cipher.name().toLowerCase().replace('_', '-'), options);

        Map<Integer, String> expected = AppProtocolsCorpus.tsharkFields(pcap, "-d", "tcp.port==" + serverPort(pcap)
                + ",ssh");
        RecordingSink ours = dissect(pcap);

        assertEquals(expected, ours.rows(), cipher.wireName());
        assertEquals(List.of(), ours.anomalies, cipher.wireName());
        assertTrue(codes(ours).containsAll(AFTER_NEWKEYS), cipher + ": " + codes(ours));
        assertEquals(options.command(), ours.messages(ChannelRequest.class).get(0).command());
        assertEquals(options.password().length(), ours.messages(UserauthRequest.class).stream()
                .mapToInt(UserauthRequest::passwordLength).max().orElse(-1));
        ours.messages.forEach(m -> assertFalse(m.toString().contains(options.password()), m.toString()));
    }

    /**
     * With strict KEX (OpenSSH PROTOCOL §1.9) the sequence numbers restart at 0 after NEWKEYS. The lab follows
     * that; Wireshark 4.0 does not, so there tshark is no oracle, only the lab's own decryption is checked.
     */
    @Test
    void strictKexSessionDecryptsWithSequenceNumbersReset() {
        SshOptions options = SshOptions.builder().strictKex(true).build();
        Path pcap = record("ssh-strict", options);

        RecordingSink ours = dissect(pcap);

        assertEquals(List.of(), ours.anomalies);
        assertTrue(codes(ours).containsAll(AFTER_NEWKEYS), codes(ours).toString());
        assertEquals(1, ours.messages(UserauthSuccess.class).size());
        Map<Integer, String> tshark = AppProtocolsCorpus.tsharkFields(pcap, "-d", "tcp.port==" + serverPort(pcap)
                + ",ssh");
        if (SshTshark.version().contains(" 4.0.")) {
            assertFalse(tshark.equals(ours.rows()), "Wireshark 4.0 cannot follow strict KEX");
        }
    }

    private Path record(String name, SshOptions options) {
        RecordResult r = Recorder.record(name, dir, RecordScenario.ssh(options));
        return r.capture();
    }

    private static RecordingSink dissect(Path pcap) {
        SshSecrets secrets = SshSecrets.of(CaptureFile.open(pcap).secrets());
        assertFalse(secrets.isEmpty(), "the recording embeds its SSH key log");
        return AppProtocolsCorpus.dissect(pcap, sink -> SshDissector.create(sink, secrets));
    }

    private static int serverPort(Path pcap) {
        return Integer.parseInt(AppProtocolsCorpus.tshark(pcap, "-c", "1", "-T", "fields", "-e", "tcp.dstport")
                .get(0).strip());
    }

    private static Set<Integer> codes(RecordingSink sink) {
        Set<Integer> codes = new TreeSet<>();
        sink.rows().values().forEach(row -> {
            String ssh = row.split("\t", -1)[3];
            if (!ssh.isEmpty()) {
                for (String c : ssh.split(",")) {
                    codes.add(Integer.parseInt(c));
                }
            }
        });
        return codes;
    }
}
