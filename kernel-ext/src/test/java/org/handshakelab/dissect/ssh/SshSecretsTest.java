package org.handshakelab.dissect.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.handshakelab.LabException;
import org.handshakelab.capture.DecryptionSecret;
import org.handshakelab.capture.SecretsType;
import org.handshakelab.dissect.AppProtocolsCorpus;
import org.handshakelab.dissect.AppProtocolsCorpus.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH key log formats Wireshark reads, and what a bad line becomes. */
class SshSecretsTest {

    private static final String COOKIE = "72e44d8e4b7f8a715e11a102cf0ff18e";
    private static final String KEY = "c01e07688250a4a27945c05307d0546e40048a5f73a6d506889bd53502c5ad4b";

    @TempDir
    Path dir;

    @Test
    void readsWireshark40LinesAndTheNewerTypedOnes() {
        SshSecrets s = SshSecrets.parse(COOKIE + " " + KEY + "\r\n"
                + COOKIE.toUpperCase() + " PRIVATE_KEY " + KEY.toUpperCase() + "\n"
                + COOKIE + " SHARED_SECRET 00ff\n");

        assertEquals(List.of(), s.problems());
        assertEquals(3, s.secrets().size());
        assertArrayEquals(HexFormat.of().parseHex(KEY), s.find(COOKIE, SshSecrets.Kind.PRIVATE_KEY).orElseThrow());
        assertArrayEquals(new byte[] {0, (byte) 0xff}, s.find(COOKIE.toUpperCase(), SshSecrets.Kind.SHARED_SECRET)
                .orElseThrow());
    }

    @Test
    void badLinesAreProblemsWithTheirLineNumberAndNeverEchoTheKey() {
        SshSecrets s = SshSecrets.parse(COOKIE + " " + KEY.substring(2) + "\n"
                + COOKIE + " SESSION_KEY " + KEY + "\n"
                + COOKIE + "\n"
                + COOKIE + " " + KEY + "x\n");

        assertTrue(s.isEmpty());
        assertEquals(List.of(1, 2, 3, 4), s.problems().stream().map(SshSecrets.Problem::line).toList());
        s.problems().forEach(p -> assertFalse(p.toString().contains(KEY.substring(2, 20)), p.toString()));
    }

    @Test
    void decryptionSecretsBlocksOfOtherTypesAreSkipped() {
        SshSecrets s = SshSecrets.of(List.of(
                DecryptionSecret.of(SecretsType.TLS_KEY_LOG, "CLIENT_RANDOM 00 11\n".getBytes(StandardCharsets.UTF_8)),
                DecryptionSecret.of(SecretsType.SSH_KEY_LOG, (COOKIE + " " + KEY + "\n").getBytes(StandardCharsets.UTF_8))));

        assertEquals(1, s.secrets().size());
        assertEquals(List.of(), s.problems());
    }

    @Test
    void aFileThatIsNotTextGivesBadLinesNotAnUnreadableFile() throws java.io.IOException {
        // bytes that are not UTF-8 around one good line: the good line is read, the others are problems
        byte[] junk = {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3};
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.write(junk);
        b.write(("\n" + COOKIE + " " + KEY + "\n").getBytes(StandardCharsets.US_ASCII));
        b.write(junk);
        SshSecrets s = SshSecrets.read(java.nio.file.Files.write(dir.resolve("binary.keylog"), b.toByteArray()));
        assertEquals(1, s.secrets().size());
        assertEquals(2, s.problems().size(), s.problems().toString());
    }

    @Test
    void aMissingFileIsALabExceptionSayingWhatToPass() {
        LabException e = assertThrows(LabException.class, () -> SshSecrets.read(dir.resolve("missing.keylog")));
        assertTrue(e.getMessage().contains("SSH key log"), e.getMessage());
    }

    @Test
    void misuseNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SshSecrets.Secret("abc", SshSecrets.Kind.PRIVATE_KEY, new byte[32]));
        assertTrue(e.getMessage().startsWith("cookie"), e.getMessage());
    }

    /** The newer {@code SHARED_SECRET} line: K itself, as the big-endian bytes of the X25519 result. */
    @Test
    void sharedSecretLineDecryptsLikeThePrivateKey() throws Exception {
        Path pcap = SshDecryptionTsharkTest.CAPTURES.resolve("ssh-exec.pcapng");
        SshSecrets keyLog = SshSecrets.read(SshDecryptionTsharkTest.CAPTURES.resolve("ssh-exec.keylog"));
        RecordingSink withKey = AppProtocolsCorpus.dissect(pcap, sink -> SshDissector.create(sink, keyLog));
        KexInit client = withKey.messages(KexInit.class).get(0);
        KexEcdhReply reply = withKey.messages(KexEcdhReply.class).get(0);
        byte[] x = keyLog.find(client.cookie(), SshSecrets.Kind.PRIVATE_KEY).orElseThrow();
        byte[] k = SshKeySchedule.x25519(x, HexFormat.of().parseHex(reply.serverPublicKey())).orElseThrow();
        Path file = Files.writeString(dir.resolve("shared.keylog"),
                client.cookie() + " SHARED_SECRET " + HexFormat.of().formatHex(k) + "\n");

        RecordingSink withK = AppProtocolsCorpus.dissect(pcap, sink -> SshDissector.create(sink, SshSecrets.read(file)));

        assertEquals(withKey.transcript(), withK.transcript());
    }
}
