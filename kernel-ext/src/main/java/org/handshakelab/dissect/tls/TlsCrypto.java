package org.handshakelab.dissect.tls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TLS key derivations and record ciphers, all through the JDK's {@code javax.crypto}: HMAC, HKDF
 * (RFC 5869) with TLS 1.3's HKDF-Expand-Label (RFC 8446 §7.1), the TLS 1.2 PRF (RFC 5246 §5), and
 * AES-GCM, ChaCha20-Poly1305 and AES-CBC decryption. Nothing here is a hand-written cipher.
 */
final class TlsCrypto {

    private TlsCrypto() {
    }

    /** HMAC with {@code algorithm} ("HmacSHA256", "HmacSHA384", "HmacSHA1"). */
    static byte[] hmac(String algorithm, byte[] key, byte[]... data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            // HMAC accepts an empty key (HKDF-Extract with an empty salt uses HashLen zeros instead, RFC 5869 §2.2)
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[mac.getMacLength()] : key, algorithm));
            for (byte[] d : data) {
                mac.update(d);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    /** The output length of the HMAC (the hash length). */
    static int hashLength(String hmacAlgorithm) {
        return switch (hmacAlgorithm) {
            case "HmacSHA384" -> 48;
            case "HmacSHA1" -> 20;
            default -> 32;
        };
    }

    /** HKDF-Extract(salt, IKM) (RFC 5869 §2.2). */
    static byte[] hkdfExtract(String hmac, byte[] salt, byte[] ikm) {
        return hmac(hmac, salt.length == 0 ? new byte[hashLength(hmac)] : salt, ikm);
    }

    /** HKDF-Expand(PRK, info, L) (RFC 5869 §2.3). */
    static byte[] hkdfExpand(String hmac, byte[] prk, byte[] info, int length) {
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int done = 0;
        for (int i = 1; done < length; i++) {
            t = hmac(hmac, prk, t, info, new byte[] {(byte) i});
            int n = Math.min(t.length, length - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        return out;
    }

    /** The HkdfLabel structure of RFC 8446 §7.1: length, "tls13 " + label, context. */
    static byte[] hkdfLabel(String label, byte[] context, int length) {
        byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(length >> 8);
        b.write(length);
        b.write(full.length);
        b.writeBytes(full);
        b.write(context.length);
        b.writeBytes(context);
        return b.toByteArray();
    }

    /** HKDF-Expand-Label(Secret, Label, Context, Length) (RFC 8446 §7.1). */
    static byte[] hkdfExpandLabel(String hmac, byte[] secret, String label, byte[] context, int length) {
        return hkdfExpand(hmac, secret, hkdfLabel(label, context, length), length);
    }

    /** The TLS 1.2 PRF: P_hash(secret, label + seed) (RFC 5246 §5). */
    static byte[] prf12(String hmac, byte[] secret, String label, byte[] seed, int length) {
        byte[] labelSeed = concat(label.getBytes(StandardCharsets.US_ASCII), seed);
        byte[] out = new byte[length];
        byte[] a = labelSeed;
        int done = 0;
        while (done < length) {
            a = hmac(hmac, secret, a);
            byte[] p = hmac(hmac, secret, a, labelSeed);
            int n = Math.min(p.length, length - done);
            System.arraycopy(p, 0, out, done, n);
            done += n;
        }
        return out;
    }

    /** The AEAD algorithms the lab decrypts. */
    enum Aead {
        AES_GCM("AES/GCM/NoPadding", "AES"),
        CHACHA20_POLY1305("ChaCha20-Poly1305", "ChaCha20");

        final String transformation;
        final String keyAlgorithm;

        Aead(String transformation, String keyAlgorithm) {
            this.transformation = transformation;
            this.keyAlgorithm = keyAlgorithm;
        }
    }

    /**
     * AEAD-Decrypt (RFC 5116): the plaintext, or null when the 16-byte authentication tag does not verify
     * (wrong key, wrong sequence number, or altered bytes).
     */
    static byte[] aeadDecrypt(Aead aead, byte[] key, byte[] nonce, byte[] aad, byte[] ciphertextAndTag) {
        if (ciphertextAndTag.length < 16) {
            return null;
        }
        try {
            Cipher c = Cipher.getInstance(aead.transformation);
            SecretKeySpec k = new SecretKeySpec(key, aead.keyAlgorithm);
            if (aead == Aead.AES_GCM) {
                c.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(128, nonce));
            } else {
                c.init(Cipher.DECRYPT_MODE, k, new IvParameterSpec(nonce));
            }
            c.updateAAD(aad);
            return c.doFinal(ciphertextAndTag);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot run " + aead.transformation, e);
        }
    }

    /** AES-CBC without padding removal: the raw decrypted blocks. */
    static byte[] cbcDecrypt(byte[] key, byte[] iv, byte[] ciphertext) {
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return c.doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot run AES/CBC/NoPadding", e);
        }
    }

    /** {@code iv} XOR the 64-bit sequence number, left-padded to the IV's length (RFC 8446 §5.3). */
    static byte[] nonce(byte[] iv, long seq) {
        byte[] n = iv.clone();
        for (int i = 0; i < 8; i++) {
            n[n.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        }
        return n;
    }

    /** The 8-byte big-endian sequence number. */
    static byte[] seq(long seq) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[7 - i] = (byte) (seq >>> (8 * i));
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static byte[] slice(byte[] b, int from, int length) {
        return Arrays.copyOfRange(b, from, from + length);
    }
}
