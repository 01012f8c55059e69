package org.handshakelab.flow;

import java.nio.ByteBuffer;
import java.util.Objects;

import org.handshakelab.dissect.AppProtocols;
import org.handshakelab.dissect.DissectionSink;
import org.handshakelab.dissect.StreamDissector;
import org.handshakelab.dissect.ssh.SshSecrets;

/**
 * The lab's application dissectors (HTTP/1.x, TLS, SSH) as a {@link StreamDissectorFactory}: the
 * protocol is recognised from the stream's first payload bytes, whatever the ports.
 */
public final class AppStreamDissectors implements StreamDissectorFactory {

    /** The one instance without secrets; it keeps no state. */
    public static final AppStreamDissectors INSTANCE = new AppStreamDissectors(SshSecrets.none());

    private final SshSecrets sshSecrets;

    private AppStreamDissectors(SshSecrets sshSecrets) {
        this.sshSecrets = sshSecrets;
    }

    /**
     * The same dissectors, decrypting the SSH sessions {@code sshSecrets} hold a secret for (a key log file,
     * the capture's Decryption Secrets Blocks via {@link SshSecrets#of(java.util.List)}, or both with
     * {@link SshSecrets#and}).
     */
    public static AppStreamDissectors withSshSecrets(SshSecrets sshSecrets) {
        Objects.requireNonNull(sshSecrets, "sshSecrets");
        return sshSecrets.isEmpty() && sshSecrets.problems().isEmpty() ? INSTANCE
                : new AppStreamDissectors(sshSecrets);
    }

    @Override
    public StreamDissector open(TcpStreamInfo stream, int direction, ByteBuffer firstPayload, DissectionSink sink) {
        // One dissector for both directions that recognises each direction by its own first bytes, so an
        // HTTP request answered by an SSH banner shows both for what they are.
        return AppProtocols.detect(firstPayload, direction).isPresent() ? AppProtocols.dissector(sink, sshSecrets)
                : null;
    }
}
