package org.handshakelab.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.handshakelab.LabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SshExchangeTest {

    private static final String WRONG_FINGERPRINT = "SHA256:" + "A".repeat(43);

    @Test
    void echoHelloReturnsHelloWithExitStatusZero() {
        SshExchange exchange = SshExchange.run(SshOptions.builder().password("s3cret").build());

        assertEquals("echo hello", exchange.command());
        assertEquals("hello\n", exchange.output());
        assertEquals("", exchange.errorOutput());
        assertEquals(0, exchange.exitStatus());
    }

    @Test
    void reportsBothPortsAndBothIdentificationStrings() {
        SshExchange exchange = SshExchange.run(SshOptions.defaults());

        assertTrue(exchange.serverPort() > 0 && exchange.serverPort() < 65536, "server port " + exchange.serverPort());
        assertTrue(exchange.clientPort() > 0 && exchange.clientPort() < 65536, "client port " + exchange.clientPort());
        assertNotEquals(exchange.serverPort(), exchange.clientPort());
        assertTrue(exchange.clientVersion().startsWith("SSH-2.0-"), exchange.clientVersion());
        assertTrue(exchange.serverVersion().startsWith("SSH-2.0-"), exchange.serverVersion());
    }

    @ParameterizedTest
    @EnumSource(SshCipher.class)
    void negotiatesOnlyTheRestrictedAlgorithms(SshCipher cipher) {
        SshExchange exchange = SshExchange.run(SshOptions.builder().cipher(cipher).build());

        assertEquals(new SshAlgorithms("curve25519-sha256", "ssh-ed25519", cipher.wireName(), cipher.wireName(),
                "hmac-sha2-256", "hmac-sha2-256", "none", "none"), exchange.algorithms());
        assertEquals("hello\n", exchange.output());
    }

    @Test
    void ecdsaHostKeyIsUsedWhenChosen() {
        SshExchange exchange = SshExchange.run(SshOptions.builder().hostKeyType(SshHostKeyType.ECDSA_P256).build());

        assertEquals("ecdsa-sha2-nistp256", exchange.algorithms().hostKey());
        assertEquals(0, exchange.exitStatus());
    }

    @Test
    void acceptedHostKeyIsTheServersOwn() {
        SshOptions options = SshOptions.defaults();
        try (SshLabServer server = SshLabServer.start(options)) {
            SshExchange exchange = SshExchange.run(server, options.toBuilder()
                    .expectedHostKey(server.hostKeyFingerprint()).build());

            assertEquals(server.hostKeyFingerprint(), exchange.hostKeyFingerprint());
            assertTrue(exchange.hostKeyFingerprint().matches("SHA256:[A-Za-z0-9+/]{43}"),
                    exchange.hostKeyFingerprint());
        }
    }

    @Test
    void wrongHostKeyFingerprintFailsWithClearMessage() {
        SshOptions options = SshOptions.defaults();
        try (SshLabServer server = SshLabServer.start(options)) {
            SshOptions wrong = options.toBuilder().expectedHostKey(WRONG_FINGERPRINT).build();

            LabException e = assertThrows(LabException.class, () -> SshExchange.run(server, wrong));

            assertTrue(e.getMessage().contains("host key " + server.hostKeyFingerprint()
                    + " does not match the expected fingerprint " + WRONG_FINGERPRINT), e.getMessage());
            assertTrue(e.getMessage().contains("do not trust this server"), e.getMessage());
            assertTrue(e.getMessage().startsWith("ssh student@127.0.0.1:" + server.port() + ": "), e.getMessage());
        }
    }

    @Test
    void wrongPasswordFailsAuthentication() {
        try (SshLabServer server = SshLabServer.start(SshOptions.builder().password("right").build())) {
            SshOptions wrong = SshOptions.builder().password("wrong").timeout(Duration.ofSeconds(10)).build();

            LabException e = assertThrows(LabException.class, () -> SshExchange.run(server, wrong));

            assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
        }
    }

    @Test
    void unknownCommandExitsWith127AndSaysSoOnStderr() {
        SshExchange exchange = SshExchange.run(SshOptions.builder().command("ls -l /").build());

        assertEquals(127, exchange.exitStatus());
        assertEquals("", exchange.output());
        assertTrue(exchange.errorOutput().startsWith("ls: command not found"), exchange.errorOutput());
    }

    @Test
    void echoRepeatsItsArguments() {
        SshExchange exchange = SshExchange.run(SshOptions.builder().command("echo TLS and SSH").build());

        assertEquals("TLS and SSH\n", exchange.output());
    }

    @Test
    void keyLogHasOneWiresharkLinePerEndpoint() {
        SshKeyLog keyLog = SshExchange.run(SshOptions.defaults()).keyLog();

        assertEquals(List.of(SshKeyLog.Role.CLIENT, SshKeyLog.Role.SERVER),
                keyLog.entries().stream().map(SshKeyLog.Entry::role).collect(Collectors.toList()));
        for (String line : keyLog.lines()) {
            assertTrue(line.matches("[0-9a-f]{32} [0-9a-f]{64}"), line);
        }
        assertNotEquals(keyLog.entries().get(0).cookieHex(), keyLog.entries().get(1).cookieHex());
    }

    @Test
    void twoSessionsOnOneServerGetTheirOwnSecrets() {
        SshOptions options = SshOptions.defaults();
        try (SshLabServer server = SshLabServer.start(options)) {
            SshExchange first = SshExchange.run(server, options);
            SshExchange second = SshExchange.run(server, options);

            assertEquals(2, first.keyLog().entries().size());
            assertEquals(2, second.keyLog().entries().size());
            Set<String> firstLines = Set.copyOf(first.keyLog().lines());
            assertTrue(second.keyLog().lines().stream().noneMatch(firstLines::contains));
        }
    }

    @Test
    void fingerprintIsWhatSshKeygenPrints(@TempDir Path dir) throws IOException {
        assumeTrue(SshTshark.commandExists("ssh-keygen"), "ssh-keygen not installed (apt-get install openssh-client)");
        try (SshLabServer server = SshLabServer.start(SshOptions.defaults())) {
            Path pub = Files.writeString(dir.resolve("host.pub"), PublicKeyEntry.toString(server.hostKey()) + "\n");

            String out = SshTshark.run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", pub.toString()),
                    Duration.ofSeconds(20));

            assertEquals(server.hostKeyFingerprint(), out.split(" ")[1], out);
        }
    }

    @Test
    void leavesNoFilesBehind() throws IOException {
        Set<Path> before = listing(Path.of("").toAbsolutePath());

        SshExchange.run(SshOptions.defaults());

        assertEquals(before, listing(Path.of("").toAbsolutePath()));
    }

    private static Set<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.toSet());
        }
    }
}
