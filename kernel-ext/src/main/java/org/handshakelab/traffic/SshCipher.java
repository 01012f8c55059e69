package org.handshakelab.traffic;

import org.apache.sshd.common.cipher.BuiltinCiphers;

/**
 * The ciphers the lab lets an SSH session negotiate: authenticated ciphers that Wireshark 4.0 can decrypt from a
 * key log (its SSH dissector decrypts chacha20-poly1305 and AES-GCM after a curve25519-sha256 key exchange).
 */
public enum SshCipher {

    /** ChaCha20 with Poly1305, OpenSSH's default (PROTOCOL.chacha20poly1305; draft-josefsson-ssh-chacha20). */
    CHACHA20_POLY1305("chacha20-poly1305@openssh.com", "PROTOCOL.chacha20poly1305", BuiltinCiphers.cc20p1305_openssh),
    /** AES-128 in Galois/Counter Mode, OpenSSH's variant of RFC 5647 (PROTOCOL §1.6). */
    AES128_GCM("aes128-gcm@openssh.com", "RFC 5647 §7.1", BuiltinCiphers.aes128gcm),
    /** AES-256 in Galois/Counter Mode, OpenSSH's variant of RFC 5647 (PROTOCOL §1.6). */
    AES256_GCM("aes256-gcm@openssh.com", "RFC 5647 §7.2", BuiltinCiphers.aes256gcm);

    private final String wireName;
    private final String reference;
    private final BuiltinCiphers mina;

    SshCipher(String wireName, String reference, BuiltinCiphers mina) {
        this.wireName = wireName;
        this.reference = reference;
        this.mina = mina;
    }

    /** The name in SSH_MSG_KEXINIT, as Wireshark shows it in {@code ssh.encryption_algorithms_client_to_server}. */
    public String wireName() {
        return wireName;
    }

    /** Where the cipher is specified. */
    public String reference() {
        return reference;
    }

    BuiltinCiphers mina() {
        return mina;
    }
}
