package org.handshakelab.traffic;

import java.util.Objects;

import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;

/**
 * The algorithms an SSH session negotiated from the two SSH_MSG_KEXINIT lists (RFC 4253 §7.1): for each slot the
 * first name on the client's list that the server also lists.
 *
 * <p>With an authenticated cipher (chacha20-poly1305, AES-GCM) the negotiated MAC is not used: the cipher's own tag
 * protects each packet, which is why Wireshark shows the MAC as {@code <implicit>}.
 *
 * @param kex                       key exchange method ({@code ssh.kex_algorithms})
 * @param hostKey                   server host key algorithm ({@code ssh.server_host_key_algorithms})
 * @param cipherClientToServer      cipher client to server
 * @param cipherServerToClient      cipher server to client
 * @param macClientToServer         MAC client to server (unused with an authenticated cipher)
 * @param macServerToClient         MAC server to client (unused with an authenticated cipher)
 * @param compressionClientToServer compression client to server
 * @param compressionServerToClient compression server to client
 */
public record SshAlgorithms(String kex, String hostKey, String cipherClientToServer, String cipherServerToClient,
        String macClientToServer, String macServerToClient, String compressionClientToServer,
        String compressionServerToClient) {

    /** Checks that no slot is null. */
    public SshAlgorithms {
        Objects.requireNonNull(kex, "kex");
        Objects.requireNonNull(hostKey, "hostKey");
        Objects.requireNonNull(cipherClientToServer, "cipherClientToServer");
        Objects.requireNonNull(cipherServerToClient, "cipherServerToClient");
        Objects.requireNonNull(macClientToServer, "macClientToServer");
        Objects.requireNonNull(macServerToClient, "macServerToClient");
        Objects.requireNonNull(compressionClientToServer, "compressionClientToServer");
        Objects.requireNonNull(compressionServerToClient, "compressionServerToClient");
    }

    /** What the session negotiated, as MINA SSHD recorded it. */
    static SshAlgorithms of(Session session) {
        return new SshAlgorithms(
                negotiated(session, KexProposalOption.ALGORITHMS),
                negotiated(session, KexProposalOption.SERVERKEYS),
                negotiated(session, KexProposalOption.C2SENC),
                negotiated(session, KexProposalOption.S2CENC),
                negotiated(session, KexProposalOption.C2SMAC),
                negotiated(session, KexProposalOption.S2CMAC),
                negotiated(session, KexProposalOption.C2SCOMP),
                negotiated(session, KexProposalOption.S2CCOMP));
    }

    private static String negotiated(Session session, KexProposalOption option) {
        String value = session.getNegotiatedKexParameter(option);
        return value == null ? "" : value;
    }
}
