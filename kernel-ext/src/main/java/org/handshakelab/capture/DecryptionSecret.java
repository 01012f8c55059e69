package org.handshakelab.capture;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The contents of a pcapng Decryption Secrets Block (draft-ietf-opsawg-pcapng §4.7), e.g. a TLS key log.
 *
 * @param type       the 32-bit secrets type ({@link SecretsType#TLS_KEY_LOG} is {@code 0x544c534b})
 * @param secret     the secret bytes (copied in and out)
 * @param offset     the byte offset of the block in the file, -1 when not from a file
 * @param firstFrame the number of the first frame after the block: the secrets apply from there on
 */
public record DecryptionSecret(int type, byte[] secret, long offset, long firstFrame) {

    /** Copies the secret and checks the components. */
    public DecryptionSecret {
        if (secret == null) {
            throw new IllegalArgumentException("secret must not be null");
        }
        secret = secret.clone();
        if (offset < -1) {
            throw new IllegalArgumentException("offset must be >= -1: " + offset);
        }
        if (firstFrame < 1) {
            throw new IllegalArgumentException("firstFrame must be >= 1: " + firstFrame);
        }
    }

    /** A secret not read from a file, applying from frame 1. */
    public static DecryptionSecret of(SecretsType type, byte[] secret) {
        return new DecryptionSecret(type.code(), secret, -1, 1);
    }

    /** A copy of the secret bytes. */
    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** A read-only view of the secret bytes. */
    public ByteBuffer secretBuffer() {
        return ByteBuffer.wrap(secret).asReadOnlyBuffer();
    }

    /** The number of secret bytes. */
    public int length() {
        return secret.length;
    }

    /** The secret as UTF-8 text: key logs are text files. */
    public String text() {
        return new String(secret, StandardCharsets.UTF_8);
    }

    /** The secrets type, or empty when the code is not a known one. */
    public Optional<SecretsType> secretsType() {
        return SecretsType.of(type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecryptionSecret d && d.type == type && d.offset == offset
                && d.firstFrame == firstFrame && Arrays.equals(d.secret, secret);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Integer.hashCode(type) + Arrays.hashCode(secret)) + Long.hashCode(offset);
    }

    @Override
    public String toString() {
        String name = secretsType().map(SecretsType::displayName).orElse(String.format("0x%08x", type));
        return "DecryptionSecret[" + name + ", " + secret.length + " bytes, offset " + offset
                + ", from frame " + firstFrame + "]";
    }
}
