package org.handshakelab.dissect.ssh;

import java.util.List;

/**
 * SSH_MSG_EXT_INFO (RFC 8308 §2.3): the extensions a side announces right after NEWKEYS, e.g.
 * {@code server-sig-algs}.
 *
 * @param names the extension names, in wire order
 */
public record ExtInfo(List<String> names) implements SshMessage {

    /** Copies the list. */
    public ExtInfo {
        names = List.copyOf(names);
    }
}
