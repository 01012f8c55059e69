package org.handshakelab.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.LiveAvailability;
import org.handshakelab.capture.LiveCapture;
import org.handshakelab.capture.SecretsType;
import org.handshakelab.dissect.AppProtocolsCorpus;
import org.handshakelab.dissect.AppProtocolsCorpus.RecordingSink;
import org.handshakelab.dissect.ssh.ChannelData;
import org.handshakelab.dissect.ssh.SshDissector;
import org.handshakelab.dissect.ssh.SshSecrets;
import org.handshakelab.dissect.ssh.UserauthSuccess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * AES-CTR with HMAC (RFC 4344, RFC 6668, OpenSSH's -etm@openssh.com), which the lab's SshOptions do not offer
 * but other SSH software negotiates: a MINA session set up here with that pair, recorded live with its key log,
 * decrypted by the lab. Every MAC must verify (a MAC only verifies with the right keys, sequence numbers and
 * counter stream); where tshark decrypts the pair too, its message codes must be the lab's.
 */
@Tag("live")
class SshCtrDecryptionLiveTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "aes128-ctr, hmac-sha2-256",
        "aes256-ctr, hmac-sha2-256-etm@openssh.com",
        "aes192-ctr, hmac-sha2-512",
        "aes128-ctr, hmac-sha1-etm@openssh.com",
    })
    void ctrWithHmacDecryptsAndEveryMacVerifies(String cipher, String mac) {
        LiveAvailability live = LiveCapture.available();
        assumeTrue(live.available(), () -> "live capture not possible here: " + live.reason());
        assumeTrue(SshTshark.available(), "tshark not installed: apt-get install tshark");

        RecordResult r = Recorder.record("ssh-" + cipher + "-" + mac.replace('@', '.'), dir,
                recording -> session(recording, cipher, mac, false));
        Path pcap = r.capture();
        SshSecrets secrets = SshSecrets.of(CaptureFile.open(pcap).secrets());
        RecordingSink ours = AppProtocolsCorpus.dissect(pcap, sink -> SshDissector.create(sink, secrets));

        assertEquals(List.of(), ours.anomalies, cipher + " " + mac);
        assertEquals(1, ours.messages(UserauthSuccess.class).size());
        assertTrue(ours.messages(ChannelData.class).stream().anyMatch(d -> d.preview().equals("hello\\n")),
                ours.messages(ChannelData.class).toString());
        int port = Integer.parseInt(AppProtocolsCorpus.tshark(pcap, "-c", "1", "-T", "fields", "-e", "tcp.dstport")
                .get(0).strip());
        Map<Integer, String> tshark = AppProtocolsCorpus.tsharkFields(pcap, "-d", "tcp.port==" + port + ",ssh");
        boolean tsharkDecrypts = AppProtocolsCorpus.tshark(pcap, "-d", "tcp.port==" + port + ",ssh", "-T", "fields",
                "-e", "ssh.mac.status").stream().anyMatch(line -> line.contains("1"));
        System.out.println(cipher + " " + mac + ": tshark " + SshTshark.version() + (tsharkDecrypts
                ? " decrypts it too; message codes compared" : " does not decrypt it; the lab's MACs are the check"));
        if (tsharkDecrypts) {
            assertEquals(tshark, ours.rows(), cipher + " " + mac);
        }
    }

    /**
     * A second key exchange inside the encrypted session (RFC 4253 §9): its KEXINITs, ECDH messages and NEWKEYS
     * travel encrypted with the first keys, and the key log has a second pair of lines for the new cookies;
     * the session id stays the first exchange hash.
     */
    @org.junit.jupiter.api.Test
    void rekeyedSessionDecryptsAcrossTheSecondKeyExchange() {
        LiveAvailability live = LiveCapture.available();
        assumeTrue(live.available(), () -> "live capture not possible here: " + live.reason());
        assumeTrue(SshTshark.available(), "tshark not installed: apt-get install tshark");

        RecordResult r = Recorder.record("ssh-rekey", dir,
                recording -> session(recording, "chacha20-poly1305@openssh.com", "hmac-sha2-256", true));
        SshSecrets secrets = SshSecrets.of(CaptureFile.open(r.capture()).secrets());
        RecordingSink ours = AppProtocolsCorpus.dissect(r.capture(), sink -> SshDissector.create(sink, secrets));

        assertEquals(List.of(), ours.anomalies);
        assertEquals(4, ours.messages(org.handshakelab.dissect.ssh.KexInit.class).size(), "two exchanges");
        assertEquals(4, ours.messages(org.handshakelab.dissect.ssh.NewKeys.class).size());
        assertTrue(ours.messages(ChannelData.class).stream().anyMatch(d -> d.preview().equals("hello\\n")),
                "the command output after the second exchange: " + ours.messages(ChannelData.class));
        int port = Integer.parseInt(AppProtocolsCorpus.tshark(r.capture(), "-c", "1", "-T", "fields", "-e",
                "tcp.dstport").get(0).strip());
        Map<Integer, String> tshark = AppProtocolsCorpus.tsharkFields(r.capture(), "-d", "tcp.port==" + port + ",ssh");
        // Wireshark 4.0 stops decrypting at the second KEXINIT; every frame it does show must be the lab's, and
        // the lab's rows up to tshark's last one must be exactly tshark's (nothing tshark shows is missing)
        assertTrue(tshark.values().stream().filter(v -> List.of(v.split("[\t,]")).contains("21")).count() >= 2,
                "tshark follows the first exchange up to both NEWKEYS: " + tshark);
        int last = java.util.Collections.max(tshark.keySet());
        Map<Integer, String> oursUpToLast = new java.util.TreeMap<>(ours.rows()).headMap(last, true);
        assertEquals(tshark, oursUpToLast, "the lab's rows where tshark decrypts");
        assertTrue(ours.rows().keySet().stream().anyMatch(f -> f > last), "the lab goes on after the rekey");
    }

    private static List<org.handshakelab.capture.DecryptionSecret> session(Recording recording,
                                                                           String cipher, String mac, boolean rekey)
            throws Exception {
        SshKeyCapture keys = new SshKeyCapture();
        BuiltinCiphers c = BuiltinCiphers.fromFactoryName(cipher);
        BuiltinMacs m = BuiltinMacs.fromFactoryName(mac);
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(KeyUtils.generateKeyPair("ssh-ed25519", 256)));
        server.setKeyExchangeFactories(keys.serverKeyExchanges());
        server.setCipherFactories(List.of(c));
        server.setMacFactories(List.of(m));
        server.setCompressionFactories(List.of(BuiltinCompressions.none));
        server.setUserAuthFactories(List.of(UserAuthPasswordFactory.INSTANCE));
        server.setPasswordAuthenticator((u, p, s) -> u.equals("student") && p.equals("ctr-test"));
        server.setCommandFactory(SshEchoCommand.FACTORY);
        server.start();
        SshClient client = SshClient.setUpDefaultClient();
        try {
            recording.start(server.getPort());
            client.setKeyExchangeFactories(keys.clientKeyExchanges());
            client.setCipherFactories(List.of(c));
            client.setMacFactories(List.of(m));
            client.setCompressionFactories(List.of(BuiltinCompressions.none));
            client.setUserAuthFactories(List.of(org.apache.sshd.client.auth.password.UserAuthPasswordFactory.INSTANCE));
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
            client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
            client.setSessionFactory(SshStrictKex.withoutStrictKex(client));
            client.start();
            int clientPort;
            try (ClientSession session = client.connect("student", "127.0.0.1", server.getPort()).verify(TIMEOUT)
                    .getSession()) {
                session.addPasswordIdentity("ctr-test");
                session.auth().verify(TIMEOUT);
                if (rekey) {
                    session.reExchangeKeys().verify(TIMEOUT);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (ChannelExec exec = session.createExecChannel("echo hello")) {
                    exec.setOut(out);
                    exec.open().verify(TIMEOUT);
                    exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
                }
                assertEquals("hello\n", out.toString());
                clientPort = ((java.net.InetSocketAddress) session.getIoSession().getLocalAddress()).getPort();
                session.disconnect(SshConstants.SSH2_DISCONNECT_BY_APPLICATION, "done");
                session.waitFor(EnumSet.of(ClientSession.ClientSessionEvent.CLOSED), TIMEOUT);
            }
            List<SshKeyLog.Entry> entries = new ArrayList<>(keys.entries(clientPort));
            String text = entries.stream().map(e -> e.line() + "\n").collect(Collectors.joining());
            return List.of(Recorder.keyLog(SecretsType.SSH_KEY_LOG, text));
        } finally {
            client.stop();
            server.stop(true);
        }
    }
}
