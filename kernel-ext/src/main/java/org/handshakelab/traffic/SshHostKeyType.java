package org.handshakelab.traffic;

import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.signature.BuiltinSignatures;

/** The host key the lab's SSH server generates (in memory, never written to disk) and signs the exchange hash with. */
public enum SshHostKeyType {

    /** Ed25519 (RFC 8709), what OpenSSH generates by default. */
    ED25519(KeyPairProvider.SSH_ED25519, 256, "RFC 8709 §4", BuiltinSignatures.ed25519),
    /** ECDSA on NIST P-256 (RFC 5656 §3). */
    ECDSA_P256(KeyPairProvider.ECDSA_SHA2_NISTP256, 256, "RFC 5656 §3", BuiltinSignatures.nistp256);

    private final String wireName;
    private final int bits;
    private final String reference;
    private final BuiltinSignatures signature;

    SshHostKeyType(String wireName, int bits, String reference, BuiltinSignatures signature) {
        this.wireName = wireName;
        this.bits = bits;
        this.reference = reference;
        this.signature = signature;
    }

    /** The name in SSH_MSG_KEXINIT, as Wireshark shows it in {@code ssh.server_host_key_algorithms}. */
    public String wireName() {
        return wireName;
    }

    /** Where the key format and signature are specified. */
    public String reference() {
        return reference;
    }

    int bits() {
        return bits;
    }

    BuiltinSignatures signature() {
        return signature;
    }
}
