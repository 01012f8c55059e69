package org.handshakelab.dissect.ssh;

/**
 * The ten name-lists of SSH_MSG_KEXINIT, in wire order (RFC 4253 §7.1), like Apache MINA SSHD's
 * {@code KexProposalOption}.
 */
public enum SshKexProposal {
    KEX_ALGORITHMS("kex_algorithms"),
    SERVER_HOST_KEY_ALGORITHMS("server_host_key_algorithms"),
    ENCRYPTION_CLIENT_TO_SERVER("encryption_algorithms_client_to_server"),
    ENCRYPTION_SERVER_TO_CLIENT("encryption_algorithms_server_to_client"),
    MAC_CLIENT_TO_SERVER("mac_algorithms_client_to_server"),
    MAC_SERVER_TO_CLIENT("mac_algorithms_server_to_client"),
    COMPRESSION_CLIENT_TO_SERVER("compression_algorithms_client_to_server"),
    COMPRESSION_SERVER_TO_CLIENT("compression_algorithms_server_to_client"),
    LANGUAGES_CLIENT_TO_SERVER("languages_client_to_server"),
    LANGUAGES_SERVER_TO_CLIENT("languages_server_to_client");

    /** All ten, in wire order. */
    public static final int COUNT = 10;

    private final String rfcName;

    SshKexProposal(String rfcName) {
        this.rfcName = rfcName;
    }

    /** The field name in RFC 4253 §7.1, e.g. {@code kex_algorithms}. */
    public String rfcName() {
        return rfcName;
    }

    /** Every list is defined in the same place. */
    public String rfc() {
        return "RFC 4253 §7.1";
    }

    /** The position in the KEXINIT message, 0-9. */
    public int index() {
        return ordinal();
    }
}
