package org.handshakelab.traffic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.handshakelab.LabException;

/**
 * One complete SSH session on loopback, client side, and what it showed.
 *
 * <p>The client (Apache MINA SSHD) connects to a {@link SshLabServer}, negotiates the restricted algorithms, checks
 * the server's host key against a known fingerprint (the step {@code ssh} does with {@code known_hosts}), logs in
 * with a password, runs one command over an exec channel (RFC 4254 §6.5), reads its output and exit status, then
 * sends SSH_MSG_DISCONNECT (RFC 4253 §11.1) and closes the TCP connection. The key log holds both endpoints'
 * secrets of this very session, so a capture of it can be decrypted in Wireshark.
 *
 * @param serverPort         the server's TCP port
 * @param clientPort         the client's TCP port
 * @param clientVersion      the client's identification string (RFC 4253 §4.2)
 * @param serverVersion      the server's identification string
 * @param algorithms         what the key exchange negotiated
 * @param hostKeyFingerprint the fingerprint of the host key the server presented and the client accepted
 * @param command            the command sent in the exec request
 * @param output             what the command wrote to stdout (SSH_MSG_CHANNEL_DATA)
 * @param errorOutput        what the command wrote to stderr (SSH_MSG_CHANNEL_EXTENDED_DATA)
 * @param exitStatus         the status of the "exit-status" channel request (RFC 4254 §6.10)
 * @param keyLog             the session's secrets, in Wireshark's SSH key log format
 */
public record SshExchange(int serverPort, int clientPort, String clientVersion, String serverVersion,
        SshAlgorithms algorithms, String hostKeyFingerprint, String command, String output, String errorOutput,
        int exitStatus, SshKeyLog keyLog) {

    /** Checks the values. */
    public SshExchange {
        Objects.requireNonNull(clientVersion, "clientVersion");
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(algorithms, "algorithms");
        Objects.requireNonNull(hostKeyFingerprint, "hostKeyFingerprint");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(errorOutput, "errorOutput");
        Objects.requireNonNull(keyLog, "keyLog");
    }

    /**
     * Starts a {@link SshLabServer} with {@code options}, runs one session against it and stops it again.
     *
     * @throws LabException if any step fails: the message says which and what to do
     */
    public static SshExchange run(SshOptions options) {
        Objects.requireNonNull(options, "options");
        try (SshLabServer server = SshLabServer.start(options)) {
            return run(server, options);
        }
    }

    /**
     * Runs one session against a running {@code server} (e.g. one whose port a capture already listens on). The
     * client uses the user, password, command, cipher, host key type and timeout of {@code options}; it expects
     * {@code options.expectedHostKey()} or, if that is empty, the server's own fingerprint.
     *
     * @throws LabException if any step fails, e.g. the host key does not match the expected fingerprint
     */
    public static SshExchange run(SshLabServer server, SshOptions options) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(options, "options");
        String expected = options.expectedHostKey().orElse(server.hostKeyFingerprint());
        String where = "ssh " + options.user() + "@" + SshLabServer.HOST + ":" + server.port();
        SshKeyCapture keys = new SshKeyCapture();
        HostKeyCheck check = new HostKeyCheck(expected);
        SshClient client = newClient(options, keys, check);
        client.start();
        try {
            return session(client, server, options, keys, check, where);
        } finally {
            stopQuietly(client);
        }
    }

    private static SshExchange session(SshClient client, SshLabServer server, SshOptions options, SshKeyCapture keys,
            HostKeyCheck check, String where) {
        Duration timeout = options.timeout();
        ClientSession session = null;
        String step = "connect";
        try {
            session = client.connect(options.user(), SshLabServer.HOST, server.port()).verify(timeout).getSession();
            session.addPasswordIdentity(options.password());
            step = "key exchange and authentication";
            session.auth().verify(timeout); // waits for KEX (host key check included) and SSH_MSG_USERAUTH_SUCCESS

            step = "command";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Integer status;
            try (ChannelExec channel = session.createExecChannel(options.command())) {
                channel.setOut(out);
                channel.setErr(err);
                channel.open().verify(timeout);
                Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
                if (!events.contains(ClientChannelEvent.CLOSED)) {
                    throw new IOException("channel not closed after " + timeout.toMillis() + " ms: " + events);
                }
                status = channel.getExitStatus();
            }
            if (status == null) {
                throw new IOException("the server sent no exit-status");
            }

            int clientPort = port(session.getIoSession().getLocalAddress());
            SshAlgorithms algorithms = SshAlgorithms.of(session);
            String clientVersion = session.getClientVersion();
            String serverVersion = session.getServerVersion();

            step = "disconnect";
            session.disconnect(SshConstants.SSH2_DISCONNECT_BY_APPLICATION, "exchange done");
            session.waitFor(EnumSet.of(ClientSession.ClientSessionEvent.CLOSED), timeout);

            List<SshKeyLog.Entry> entries = new ArrayList<>(keys.entries(clientPort));
            entries.addAll(server.keyLogEntries(clientPort));
            return new SshExchange(server.port(), clientPort, clientVersion, serverVersion, algorithms,
                    check.seen(), options.command(), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8), status, new SshKeyLog(entries));
        } catch (IOException | RuntimeException e) {
            throw failure(where, step, check, e);
        } finally {
            if (session != null) {
                session.close(true);
            }
        }
    }

    private static LabException failure(String where, String step, HostKeyCheck check, Exception e) {
        if (e instanceof LabException) {
            return (LabException) e;
        }
        if (check.rejected()) {
            return LabException.of(where, "host key " + check.seen() + " does not match the expected fingerprint "
                    + check.expected(), "do not trust this server: compare the fingerprint with the one the server "
                    + "owner published (SshLabServer.hostKeyFingerprint()) and expect only that one", e);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (step.startsWith("key exchange") && !check.seen().isEmpty()) { // the host key was accepted: KEX is done
            return LabException.of(where, "authentication failed (" + message + ")",
                    "use the user and password the server was started with", e);
        }
        return LabException.of(where, step + " failed (" + message + ")",
                "run it again; if it keeps failing, raise SshOptions.timeout or restart the kernel", e);
    }

    private static SshClient newClient(SshOptions options, SshKeyCapture keys, HostKeyCheck check) {
        SshClient client = SshClient.setUpDefaultClient();
        client.setKeyExchangeFactories(keys.clientKeyExchanges());
        client.setSignatureFactories(List.of(options.hostKeyType().signature()));
        client.setCipherFactories(List.of(options.cipher().mina()));
        client.setMacFactories(List.of(BuiltinMacs.hmacsha256));
        client.setCompressionFactories(List.of(BuiltinCompressions.none));
        client.setUserAuthFactories(List.of(UserAuthPasswordFactory.INSTANCE));
        client.setServerKeyVerifier(check);
        // nothing from ~/.ssh: no config file, no identities; the lab is self-contained
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        if (!options.strictKex()) {
            client.setSessionFactory(SshStrictKex.withoutStrictKex(client));
        }
        return client;
    }

    private static void stopQuietly(SshClient client) {
        try {
            client.stop();
        } catch (RuntimeException e) {
            // the exchange result (or its failure) matters more than a failed thread-pool shutdown
        }
    }

    private static int port(SocketAddress address) {
        return address instanceof InetSocketAddress ? ((InetSocketAddress) address).getPort() : -1;
    }

    /** The client's host key check: accept only the expected fingerprint, remember what the server presented. */
    private static final class HostKeyCheck implements ServerKeyVerifier {
        private final String expected;
        private volatile String seen = "";
        private volatile boolean rejected;

        HostKeyCheck(String expected) {
            this.expected = expected;
        }

        @Override
        public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey serverKey) {
            seen = SshLabServer.fingerprintOf(serverKey);
            rejected = !expected.equals(seen);
            return !rejected;
        }

        String expected() {
            return expected;
        }

        String seen() {
            return seen;
        }

        boolean rejected() {
            return rejected;
        }
    }
}
