package org.handshakelab.traffic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;

import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.handshakelab.LabException;

/**
 * A real SSH server (Apache MINA SSHD) on 127.0.0.1 and a free port, for one lab exercise.
 *
 * <p>It is deliberately small: a host key generated in memory (never written anywhere), password authentication
 * for one user, exec requests answered by a built-in {@code echo} (no shell), and exactly one choice per algorithm
 * slot so that the negotiation is predictable and Wireshark 4.0 can decrypt the session from the key log:
 * curve25519-sha256, the chosen host key type, the chosen authenticated cipher, hmac-sha2-256, no compression.
 * Close it (try-with-resources) to free the port and the threads.
 */
public final class SshLabServer implements AutoCloseable {

    /** The loopback address the server binds; all lab traffic stays on it. */
    public static final String HOST = "127.0.0.1";

    private final SshOptions options;
    private final SshServer sshd;
    private final PublicKey hostKey;
    private final String fingerprint;
    private final SshKeyCapture keys = new SshKeyCapture();

    private SshLabServer(SshOptions options) {
        this.options = options;
        KeyPair hostKeyPair = generateHostKey(options.hostKeyType());
        this.hostKey = hostKeyPair.getPublic();
        this.fingerprint = fingerprintOf(hostKey);
        this.sshd = SshServer.setUpDefaultServer();
        configure(sshd, hostKeyPair);
    }

    /**
     * Starts a server with the user, password, cipher and host key type of {@code options}.
     *
     * @throws LabException if the server cannot be started
     */
    public static SshLabServer start(SshOptions options) {
        Objects.requireNonNull(options, "options");
        SshLabServer server = new SshLabServer(options);
        try {
            server.sshd.start();
        } catch (IOException e) {
            server.close();
            throw LabException.of("ssh server " + HOST, "cannot listen (" + e.getMessage() + ")",
                    "check that loopback networking is available", e);
        }
        return server;
    }

    private void configure(SshServer server, KeyPair hostKeyPair) {
        server.setHost(HOST);
        server.setPort(0); // the kernel picks a free port; port() reports it
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKeyPair));
        server.setKeyExchangeFactories(keys.serverKeyExchanges());
        server.setSignatureFactories(List.of(options.hostKeyType().signature()));
        server.setCipherFactories(List.of(options.cipher().mina()));
        server.setMacFactories(List.of(BuiltinMacs.hmacsha256));
        server.setCompressionFactories(List.of(BuiltinCompressions.none));
        server.setUserAuthFactories(List.of(UserAuthPasswordFactory.INSTANCE));
        byte[] user = options.user().getBytes(StandardCharsets.UTF_8);
        byte[] password = options.password().getBytes(StandardCharsets.UTF_8);
        server.setPasswordAuthenticator((u, p, session) -> // constant time: the comparison leaks nothing
                MessageDigest.isEqual(user, u.getBytes(StandardCharsets.UTF_8))
                        & MessageDigest.isEqual(password, p.getBytes(StandardCharsets.UTF_8)));
        server.setPublickeyAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setCommandFactory(SshEchoCommand.FACTORY);
        server.setShellFactory(null);
        server.setSubsystemFactories(List.of());
    }

    private static KeyPair generateHostKey(SshHostKeyType type) {
        try {
            return KeyUtils.generateKeyPair(type.wireName(), type.bits());
        } catch (GeneralSecurityException e) {
            throw LabException.of("ssh server", "cannot generate a " + type.wireName() + " host key ("
                    + e.getMessage() + ")", "choose another SshHostKeyType, e.g. ECDSA_P256", e);
        }
    }

    /** {@code SHA256:} and the unpadded base64 of the SHA-256 of the public key blob, as OpenSSH prints it. */
    static String fingerprintOf(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    /** The TCP port the server listens on. */
    public int port() {
        return sshd.getPort();
    }

    /** The options the server was started with. */
    public SshOptions options() {
        return options;
    }

    /** The host key's fingerprint, e.g. {@code SHA256:Ab3...}, as {@code ssh-keygen -lf} prints it. */
    public String hostKeyFingerprint() {
        return fingerprint;
    }

    /** The host key's public half. */
    public PublicKey hostKey() {
        return hostKey;
    }

    /** The server's key log entries of the session whose client used {@code clientPort}. */
    List<SshKeyLog.Entry> keyLogEntries(int clientPort) {
        return keys.entries(clientPort);
    }

    /** Stops listening, closes open sessions and ends MINA's threads. */
    @Override
    public void close() {
        try {
            sshd.stop(true);
        } catch (IOException e) {
            throw LabException.of("ssh server " + HOST + ":" + sshd.getPort(), "cannot stop (" + e.getMessage() + ")",
                    "restart the kernel to free the port", e);
        }
    }

    @Override
    public String toString() {
        return "SshLabServer[" + HOST + ":" + port() + ", " + options.hostKeyType().wireName() + " " + fingerprint + "]";
    }
}
