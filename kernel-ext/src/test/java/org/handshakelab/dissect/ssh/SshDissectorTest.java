package org.handshakelab.dissect.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.handshakelab.dissect.AppProtocolsCorpus;
import org.handshakelab.dissect.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SshDissectorTest {

    @ParameterizedTest
    @CsvSource({"td-ssh.pcap", "zk-ssh_kex_curve25519.pcap", "zk-ssh-on-port-80.pcap"})
    void hostKeyFingerprintIsTheOneApacheMinaSshdComputes(String name) throws Exception {
        AppProtocolsCorpus.RecordingSink sink = AppProtocolsCorpus.dissect(AppProtocolsCorpus.file(name),
                SshDissector::create);
        List<SshHostKey> keys = sink.messages.stream().map(m -> m instanceof KexEcdhReply r ? r.hostKey()
                : m instanceof KexDhReply d ? d.hostKey() : null).filter(k -> k != null).toList();
        assertEquals(1, keys.size());
        SshHostKey key = keys.get(0);
        String mina = KeyUtils.getFingerPrint(new ByteArrayBuffer(HexFormat.of().parseHex(key.blob())).getRawPublicKey());
        assertEquals(mina, key.fingerprint());
        assertTrue(key.fingerprint().matches("SHA256:[A-Za-z0-9+/]{43}"), key.fingerprint());
    }

    @Test
    void negotiationOfTheCorpusCapturesMatchesTheKeyExchangeMessagesSeen() {
        Map<String, String> expectedKex = Map.of("td-ssh.pcap", "curve25519-sha256",
                "zk-ssh_kex_curve25519.pcap", "curve25519-sha256", "zk-ssh-on-port-80.pcap",
                "diffie-hellman-group-exchange-sha256");
        expectedKex.forEach((name, kex) -> {
            AppProtocolsCorpus.RecordingSink sink = AppProtocolsCorpus.dissect(AppProtocolsCorpus.file(name),
                    SshDissector::create);
            NegotiatedAlgorithms agreed = sink.messages(NegotiatedAlgorithms.class).get(0);
            assertTrue(agreed.kex().startsWith(kex), name + ": " + agreed);
            assertFalse(agreed.hostKey().isEmpty(), name);
            assertFalse(agreed.encryptionClientToServer().isEmpty(), name);
        });
    }

    @Test
    void phasesNameEachStepOfTheKeyExchange() {
        AppProtocolsCorpus.RecordingSink sink = AppProtocolsCorpus.dissect(AppProtocolsCorpus.file("td-ssh.pcap"),
                SshDissector::create);
        assertEquals(List.of("4 SSH version (client)", "6 SSH version (server)", "8 SSH KEXINIT (client)",
                "9 SSH KEXINIT (server)", "12 SSH KEX ECDH init", "14 SSH KEX ECDH reply", "14 SSH NEWKEYS (server)",
                "14 SSH encrypted", "16 SSH NEWKEYS (client)", "18 SSH encrypted"), sink.phases.subList(0, 10));
        assertEquals(List.of(), sink.anomalies);
    }

    @Test
    void serverLinesBeforeTheIdentificationStringAreSkipped() {
        AppProtocolsCorpus.RecordingSink sink = new AppProtocolsCorpus.RecordingSink();
        SshDissector ssh = SshDissector.create(sink);
        ssh.accept(1, ascii("Welcome to the lab\r\nno SSH here\nSSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"), 7);
        assertEquals(Map.of(Field.SSH_PROTOCOL, List.of("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3")),
                sink.fields.get(7));
        SshBanner banner = sink.messages(SshBanner.class).get(0);
        assertEquals("2.0", banner.protocolVersion());
        assertEquals("OpenSSH_9.2p1", banner.softwareVersion());
        assertEquals("Debian-2+deb12u3", banner.comments());
        assertEquals(List.of(), sink.anomalies);
    }

    @Test
    void paddingBelowFourBytesIsAnAnomalyAndTheMessageIsStillRead() {
        AppProtocolsCorpus.RecordingSink sink = new AppProtocolsCorpus.RecordingSink();
        SshDissector ssh = SshDissector.create(sink);
        ssh.accept(0, ascii("SSH-2.0-lab\r\n"), 1);
        // packet_length 5 = padding_length byte + 1-byte payload (code 2, SSH_MSG_IGNORE) + 3 bytes of padding
        byte[] packet = {0, 0, 0, 5, 3, 2, 0, 0, 0};
        ssh.accept(0, java.nio.ByteBuffer.wrap(packet).asReadOnlyBuffer(), 2);
        assertEquals(List.of("2 SSH client: padding_length 3 is below 4 (RFC 4253 §6)"), sink.anomalies);
        assertEquals(List.of("2"), sink.fields.get(2).get(Field.SSH_MESSAGE_CODE));
    }

    @Test
    void sshOneIsReportedAndNotDissected() {
        AppProtocolsCorpus.RecordingSink sink = new AppProtocolsCorpus.RecordingSink();
        SshDissector ssh = SshDissector.create(sink);
        ssh.accept(0, ascii("SSH-1.5-old\n\0\0\0\5whatever"), 3);
        assertEquals(List.of("SSH-1.5-old"), sink.fields.get(3).get(Field.SSH_PROTOCOL));
        assertEquals(1, sink.anomalies.size());
        assertTrue(sink.anomalies.get(0).contains("not SSH-2"), sink.anomalies.toString());
    }

    @Test
    void anImplausiblePacketLengthStopsTheDirectionWithAnAnomaly() {
        AppProtocolsCorpus.RecordingSink sink = new AppProtocolsCorpus.RecordingSink();
        SshDissector ssh = SshDissector.create(sink);
        ssh.accept(0, ascii("SSH-2.0-x\r\n"), 1);
        ssh.accept(0, ByteBuffer.wrap(new byte[] {0x7f, 0, 0, 0, 1, 2, 3}), 2);
        ssh.accept(0, ByteBuffer.wrap(new byte[] {0, 0, 0, 12, 4, 20}), 3);
        assertEquals(1, sink.anomalies.size());
        assertTrue(sink.anomalies.get(0).startsWith("2 SSH client: packet_length 2130706432"), sink.anomalies.get(0));
        assertEquals(null, sink.fields.get(3));
    }

    @Test
    void bytesAfterNewKeysAreEncryptedAndHaveNoMessageCode() {
        AppProtocolsCorpus.RecordingSink sink = new AppProtocolsCorpus.RecordingSink();
        SshDissector ssh = SshDissector.create(sink);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("SSH-2.0-x\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {0, 0, 0, 12, 10, 21, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        out.writeBytes(new byte[] {0, 0, 0, 12, 10, 21, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        ssh.accept(0, ByteBuffer.wrap(out.toByteArray()), 5);
        ssh.end(0, 6);
        assertEquals(List.of("21"), sink.fields.get(5).get(Field.SSH_MESSAGE_CODE));
        assertEquals(new SshEncrypted(16, true), sink.messages(SshEncrypted.class).get(0));
        assertEquals(List.of("5 SSH version (client)", "5 SSH NEWKEYS (client)", "5 SSH encrypted"), sink.phases);
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
