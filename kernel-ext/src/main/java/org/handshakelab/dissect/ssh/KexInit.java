package org.handshakelab.dissect.ssh;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * SSH_MSG_KEXINIT (RFC 4253 §7.1): what one side supports, most preferred first.
 *
 * @param cookie                the 16 random bytes in hex ({@code ssh.cookie})
 * @param nameLists             the ten name-lists in wire order (see {@link SshKexProposal})
 * @param firstKexPacketFollows whether a guessed key exchange packet follows
 * @param reserved              the reserved uint32 (0)
 */
public record KexInit(String cookie, List<List<String>> nameLists, boolean firstKexPacketFollows, long reserved)
        implements SshMessage {

    /** Checks the cookie and copies the ten lists. */
    public KexInit {
        if (HexFormat.of().parseHex(cookie).length != 16) {
            throw new IllegalArgumentException("cookie must be 16 bytes of hex: " + cookie);
        }
        if (nameLists.size() != SshKexProposal.COUNT) {
            throw new IllegalArgumentException("nameLists must have 10 lists: " + nameLists.size());
        }
        List<List<String>> copy = new ArrayList<>();
        for (List<String> names : nameLists) {
            copy.add(List.copyOf(names));
        }
        nameLists = List.copyOf(copy);
    }

    /** One of the ten lists. */
    public List<String> names(SshKexProposal proposal) {
        return nameLists.get(proposal.index());
    }

    /** {@code kex_algorithms}. */
    public List<String> kexAlgorithms() {
        return names(SshKexProposal.KEX_ALGORITHMS);
    }

    /** {@code server_host_key_algorithms}. */
    public List<String> serverHostKeyAlgorithms() {
        return names(SshKexProposal.SERVER_HOST_KEY_ALGORITHMS);
    }
}
