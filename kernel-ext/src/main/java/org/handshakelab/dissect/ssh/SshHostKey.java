package org.handshakelab.dissect.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A server host key as sent in the key exchange reply (RFC 4253 §6.6): its type and the whole blob.
 *
 * @param type the key type from the blob, e.g. {@code ssh-ed25519}
 * @param blob the key blob in hex ({@code ssh.host_key}...)
 */
public record SshHostKey(String type, String blob) {

    /** Checks the hex. */
    public SshHostKey {
        HexFormat.of().parseHex(blob);
    }

    /** The fingerprint as {@code ssh-keygen -l} and the OpenSSH client print it: "SHA256:" and unpadded base64. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(blob));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
