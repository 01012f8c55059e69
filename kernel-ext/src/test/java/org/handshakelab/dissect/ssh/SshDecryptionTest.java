package org.handshakelab.dissect.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.handshakelab.dissect.AppProtocolsCorpus;
import org.handshakelab.dissect.AppProtocolsCorpus.Connection;
import org.handshakelab.dissect.AppProtocolsCorpus.Event;
import org.handshakelab.dissect.AppProtocolsCorpus.RecordingSink;
import org.junit.jupiter.api.Test;

/** Decryption of the bundled SSH capture with good, bad and partial key logs, and damaged packets. */
class SshDecryptionTest {

    private static final Path PCAP = SshDecryptionTsharkTest.CAPTURES.resolve("ssh-exec.pcapng");
    private static final Path KEYS = SshDecryptionTsharkTest.CAPTURES.resolve("ssh-exec.keylog");
    /** The password the bundled capture was recorded with (SshOptions.DEFAULT_PASSWORD). */
    private static final String PASSWORD = "handshake-lab";

    private static Connection connection() {
        List<Connection> all = AppProtocolsCorpus.connections(PCAP);
        assertEquals(1, all.size());
        return all.get(0);
    }

    private static RecordingSink run(Connection c, SshSecrets secrets) {
        RecordingSink sink = new RecordingSink();
        c.replay(SshDissector.create(sink, secrets));
        return sink;
    }

    private static SshSecrets goodKeys() {
        return SshSecrets.read(KEYS);
    }

    @Test
    void decryptsUserauthExecAndDisconnectWithTheBundledKeyLog() {
        RecordingSink sink = run(connection(), goodKeys());

        assertEquals(List.of(new ServiceRequest("ssh-userauth")), sink.messages(ServiceRequest.class));
        assertEquals(List.of("none", "password"), sink.messages(UserauthRequest.class).stream()
                .map(UserauthRequest::method).toList());
        assertEquals(1, sink.messages(UserauthSuccess.class).size());
        assertEquals(List.of("session"), sink.messages(ChannelOpen.class).stream().map(ChannelOpen::type).toList());
        ChannelRequest exec = sink.messages(ChannelRequest.class).get(0);
        assertEquals("exec", exec.type());
        assertEquals("echo hello", exec.command());
        assertTrue(sink.messages(ChannelData.class).stream().anyMatch(d -> d.preview().equals("hello\\n")),
                sink.messages(ChannelData.class).toString());
        assertEquals(2, sink.messages(ChannelClose.class).size());
        assertEquals(11, sink.messages(Disconnect.class).get(0).reasonCode(), "SSH_DISCONNECT_BY_APPLICATION");
        assertTrue(sink.phases.stream().anyMatch(p -> p.endsWith("SSH USERAUTH_REQUEST password (client)")),
                sink.phases.toString());
    }

    @Test
    void passwordIsNeverKeptOnlyItsLength() {
        RecordingSink sink = run(connection(), goodKeys());

        UserauthRequest password = sink.messages(UserauthRequest.class).stream()
                .filter(u -> u.method().equals("password")).findFirst().orElseThrow();
        assertEquals(PASSWORD.length(), password.passwordLength());
        assertEquals("*".repeat(PASSWORD.length()), password.maskedPassword());
        for (Object m : sink.messages) {
            assertFalse(m.toString().contains(PASSWORD), m.toString());
        }
        sink.phases.forEach(p -> assertFalse(p.contains(PASSWORD), p));
    }

    @Test
    void keyLogToStringShowsNoSecret() throws Exception {
        SshSecrets secrets = goodKeys();
        String text = Files.readString(KEYS);
        for (String line : text.strip().split("\n")) {
            String key = line.split(" ")[1];
            assertFalse(secrets.toString().contains(key));
            secrets.secrets().forEach(s -> assertFalse(s.toString().contains(key), s.toString()));
        }
    }

    @Test
    void eitherSidesLineAloneDecrypts() throws Exception {
        List<String> lines = Files.readAllLines(KEYS);
        Map<Integer, String> both = run(connection(), goodKeys()).rows();
        for (String line : lines) {
            RecordingSink sink = run(connection(), SshSecrets.parse(line));
            assertEquals(both, sink.rows(), line.substring(0, 32));
            assertEquals(List.of(), sink.anomalies);
        }
    }

    @Test
    void withoutKeysTheOutputIsExactlyAsBefore() {
        RecordingSink none = run(connection(), SshSecrets.none());
        RecordingSink plain = new RecordingSink();
        connection().replay(SshDissector.create(plain));

        assertEquals(plain.transcript(), none.transcript());
        assertEquals(List.of(), none.anomalies);
    }

    @Test
    void keyLogOfAnotherSessionLeavesItEncryptedWithOneLineNamingTheSession() {
        String otherCookie = "00112233445566778899aabbccddeeff";
        SshSecrets other = SshSecrets.parse(otherCookie + " " + "11".repeat(32) + "\n");
        RecordingSink sink = run(connection(), other);
        RecordingSink plain = run(connection(), SshSecrets.none());

        assertEquals(plain.rows(), sink.rows(), "no message code after NEWKEYS");
        assertEquals(1, sink.anomalies.size(), sink.anomalies.toString());
        String note = sink.anomalies.get(0);
        assertTrue(note.contains("no secret") && note.contains(clientCookie()), note);
        assertFalse(sink.messages(SshEncrypted.class).isEmpty());
    }

    @Test
    void rightCookieWithWrongPrivateKeyIsCalledAMismatch() throws Exception {
        String cookie = clientCookie();
        RecordingSink sink = run(connection(), SshSecrets.parse(cookie + " " + "42".repeat(32)));

        assertEquals(run(connection(), SshSecrets.none()).rows(), sink.rows());
        assertEquals(1, sink.anomalies.size(), sink.anomalies.toString());
        assertTrue(sink.anomalies.get(0).contains("does not give its public key Q_C"), sink.anomalies.get(0));
    }

    @Test
    void unusableLinesAreReportedNotThrown() {
        SshSecrets bad = SshSecrets.parse("# comment\n\nnot a key log line\n" + clientCookie() + " 1234\n"
                + "zz" + clientCookie().substring(2) + " " + "00".repeat(32) + "\n");
        assertTrue(bad.isEmpty());
        assertEquals(List.of(3, 4, 5), bad.problems().stream().map(SshSecrets.Problem::line).toList());

        RecordingSink sink = run(connection(), bad);

        assertEquals(1, sink.anomalies.size(), sink.anomalies.toString());
        assertTrue(sink.anomalies.get(0).contains("3 key log lines were unusable"), sink.anomalies.get(0));
    }

    @Test
    void wrongSharedSecretGivesUpOnEachDirectionAndShowsNothing() {
        RecordingSink sink = run(connection(), SshSecrets.parse(clientCookie() + " SHARED_SECRET " + "07".repeat(32)));

        // with chacha20-poly1305 the wrong header key already gives an impossible length; had the length
        // looked plausible, the first packet's tag would have failed instead
        assertEquals(run(connection(), SshSecrets.none()).rows(), sink.rows());
        assertTrue(sink.messages(UserauthRequest.class).isEmpty());
        assertEquals(2, sink.anomalies.size(), sink.anomalies.toString());
        assertTrue(sink.anomalies.stream().allMatch(a -> a.contains("does not fit this session")),
                sink.anomalies.toString());
    }

    @Test
    void aFlippedByteFailsThatPacketsTagAndShowsNoPlaintext() {
        Connection good = connection();
        RecordingSink clean = run(good, goodKeys());
        int passwordFrame = clean.framed.stream().filter(f -> f.message() instanceof UserauthRequest u
                && u.method().equals("password")).findFirst().orElseThrow().frame();
        List<Event> events = new ArrayList<>();
        for (Event e : good.events()) {
            if (e.frame() == passwordFrame && !e.isEnd()) {
                byte[] b = e.bytes().clone();
                b[b.length / 2] ^= 0x01; // inside the ciphertext: the length and the tag stay intact
                events.add(new Event(e.direction(), e.frame(), b));
            } else {
                events.add(e);
            }
        }

        RecordingSink sink = run(new Connection("flipped", events), goodKeys());

        assertEquals(1, sink.messages(SshMacFailure.class).size(), sink.anomalies.toString());
        assertEquals(List.of("none"), sink.messages(UserauthRequest.class).stream()
                .map(UserauthRequest::method).toList(), "the damaged request is not shown");
        assertTrue(sink.anomalies.stream().anyMatch(a -> a.startsWith(passwordFrame + " ")
                && a.contains("fails its authentication tag")), sink.anomalies.toString());
        assertEquals(1, sink.messages(UserauthSuccess.class).size(), "the packets after it still decrypt");
        assertFalse(sink.rows().getOrDefault(passwordFrame, "").contains("50"), "no code for the damaged packet");
    }

    @Test
    void sameResultHoweverTcpCutTheBytes() {
        Connection c = connection();
        RecordingSink whole = run(c, goodKeys());
        for (int at = 1; at < c.longestSegment(); at += 7) {
            RecordingSink split = new RecordingSink();
            c.replaySplit(SshDissector.create(split, goodKeys()), at);
            assertEquals(whole.transcript(), split.transcript(), "split at " + at);
        }
        RecordingSink bytes = new RecordingSink();
        c.replayByteByByte(SshDissector.create(bytes, goodKeys()));
        assertEquals(whole.transcript(), bytes.transcript());
    }

    private static String clientCookie() {
        RecordingSink sink = run(connection(), SshSecrets.none());
        return sink.messages(KexInit.class).get(0).cookie();
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
