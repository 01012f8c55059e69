package org.handshakelab.traffic;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.sshd.client.ClientFactoryManager;
import org.apache.sshd.client.session.ClientSessionImpl;
import org.apache.sshd.client.session.SessionFactory;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.kex.extension.KexExtensions;

/**
 * Client sessions that do not ask for OpenSSH's "strict key exchange" (PROTOCOL §1.9, the CVE-2023-48795
 * "Terrapin" countermeasure).
 *
 * <p>Why: with strict KEX both sides reset their packet sequence numbers to 0 after SSH_MSG_NEWKEYS. The sequence
 * number is part of the chacha20-poly1305 nonce and of the AES-GCM invocation counter bookkeeping, and Wireshark
 * 4.0 (Debian 12) predates strict KEX: it keeps counting from the handshake, so with strict KEX it decrypts every
 * packet with the wrong nonce and shows nothing, although the key log is correct. Strict KEX needs both sides, so
 * leaving it out of the client's KEXINIT is enough; the lab's traffic never leaves loopback, where there is no
 * man in the middle to defend against.
 */
final class SshStrictKex {

    private SshStrictKex() {
    }

    /** A session factory whose sessions leave {@code kex-strict-c-v00@openssh.com} out of their KEXINIT. */
    static SessionFactory withoutStrictKex(ClientFactoryManager client) {
        return new SessionFactory(client) {
            @Override
            protected ClientSessionImpl doCreateSession(IoSession ioSession) throws Exception {
                return new ClientSessionImpl(getClient(), ioSession) {
                    @Override
                    protected Map<KexProposalOption, String> doStrictKexProposal(
                            Map<KexProposalOption, String> proposal) {
                        Map<KexProposalOption, String> result = super.doStrictKexProposal(proposal);
                        result.computeIfPresent(KexProposalOption.ALGORITHMS, (option, names) -> without(names));
                        return result;
                    }
                };
            }
        };
    }

    private static String without(String names) {
        return Arrays.stream(names.split(","))
                .filter(name -> !name.equals(KexExtensions.STRICT_KEX_CLIENT_EXTENSION))
                .collect(Collectors.joining(","));
    }
}
