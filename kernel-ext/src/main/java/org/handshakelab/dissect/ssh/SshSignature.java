package org.handshakelab.dissect.ssh;

import java.util.HexFormat;

/**
 * The exchange-hash signature in the key exchange reply (RFC 4253 §6.6).
 *
 * @param type      the signature format, e.g. {@code rsa-sha2-512} or {@code ssh-ed25519}
 * @param signature the signature bytes in hex
 */
public record SshSignature(String type, String signature) {

    /** Checks the hex. */
    public SshSignature {
        HexFormat.of().parseHex(signature);
    }
}
