package org.handshakelab.dissect.ssh;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Opens the encrypted binary packets of one direction (RFC 4253 §6 after NEWKEYS). The packet length comes
 * first, so the dissector asks {@link #packetLength} once {@link #lengthBytes()} bytes are there, waits for
 * {@code 4 + packet_length + tagLength()} bytes, then calls {@link #open}. A packet whose tag or MAC does not
 * verify gives empty: its bytes are never shown as plaintext.
 *
 * <p>Ciphers: chacha20-poly1305@openssh.com (OpenSSH PROTOCOL.chacha20poly1305), aes128/256-gcm@openssh.com
 * (RFC 5647 §7, OpenSSH PROTOCOL §1.6: the length is additional authenticated data) and aes128/192/256-ctr
 * (RFC 4344 §4) with hmac-sha1, hmac-sha2-256 or hmac-sha2-512 (RFC 6668), also in their
 * encrypt-then-MAC form (-etm@openssh.com, PROTOCOL §1.5: the length is in clear, the MAC covers the
 * ciphertext).
 */
abstract class SshPacketCipher {

    /** What a cipher and MAC pair needs from the key schedule. */
    record Spec(String cipher, String mac, int keyLength, int ivLength, int macKeyLength) {
    }

    /** The key, IV and MAC lengths for a negotiated cipher and MAC; empty when this class cannot open it. */
    static Optional<Spec> spec(String cipher, String mac) {
        switch (cipher) {
            case "chacha20-poly1305@openssh.com":
                return Optional.of(new Spec(cipher, mac, 64, 0, 0));
            case "aes128-gcm@openssh.com":
                return Optional.of(new Spec(cipher, mac, 16, 12, 0));
            case "aes256-gcm@openssh.com":
                return Optional.of(new Spec(cipher, mac, 32, 12, 0));
            case "aes128-ctr", "aes192-ctr", "aes256-ctr":
                int key = Integer.parseInt(cipher.substring(3, 6)) / 8;
                int macKey = macLength(mac);
                return macKey < 0 ? Optional.empty() : Optional.of(new Spec(cipher, mac, key, 16, macKey));
            default:
                return Optional.empty();
        }
    }

    /** A cipher for one direction with its keys from {@link SshKeySchedule#directionKeys}. */
    static SshPacketCipher create(Spec spec, SshKeySchedule.DirectionKeys keys) {
        if (spec.cipher.startsWith("chacha20")) {
            return new ChaCha(keys.key());
        }
        if (spec.cipher.endsWith("-gcm@openssh.com")) {
            return new Gcm(keys.key(), keys.iv());
        }
        return new Ctr(keys.key(), keys.iv(), spec.mac, keys.macKey());
    }

    /** Bytes of the packet needed before its length is known. */
    abstract int lengthBytes();

    /** The packet_length, from the first {@link #lengthBytes()} bytes of the packet. */
    abstract long packetLength(byte[] head, long seq);

    /** Bytes after the packet: the Poly1305 or GCM tag, or the MAC. */
    abstract int tagLength();

    /**
     * The packet's plaintext after the length field (padding_length, payload, padding), or empty when the tag
     * or MAC fails. {@code packet} is the whole packet: length, ciphertext and tag.
     */
    abstract Optional<byte[]> open(byte[] packet, long seq);

    private static int macLength(String mac) {
        return switch (mac) {
            case "hmac-sha1", "hmac-sha1-etm@openssh.com" -> 20;
            case "hmac-sha2-256", "hmac-sha2-256-etm@openssh.com" -> 32;
            case "hmac-sha2-512", "hmac-sha2-512-etm@openssh.com" -> 64;
            default -> -1;
        };
    }

    static long u32(byte[] b, int at) {
        return (long) (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    static byte[] u32Bytes(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /**
     * PROTOCOL.chacha20poly1305: K_2 (the first 32 bytes) encrypts the payload from block counter 1 and makes
     * the Poly1305 key (block 0), K_1 (the last 32) encrypts the length; the nonce is the sequence number.
     */
    private static final class ChaCha extends SshPacketCipher {
        private final byte[] mainKey;
        private final byte[] headerKey;

        ChaCha(byte[] key) {
            mainKey = Arrays.copyOfRange(key, 0, 32);
            headerKey = Arrays.copyOfRange(key, 32, 64);
        }

        @Override
        int lengthBytes() {
            return 4;
        }

        @Override
        long packetLength(byte[] head, long seq) {
            byte[] plain = new byte[4];
            engine(headerKey, seq).processBytes(head, 0, 4, plain, 0);
            return u32(plain, 0);
        }

        @Override
        int tagLength() {
            return 16;
        }

        @Override
        Optional<byte[]> open(byte[] packet, long seq) {
            int body = packet.length - 4 - 16;
            ChaChaEngine engine = engine(mainKey, seq);
            byte[] block0 = new byte[64];
            engine.processBytes(new byte[64], 0, 64, block0, 0);
            Poly1305 poly = new Poly1305();
            poly.init(new KeyParameter(block0, 0, 32));
            poly.update(packet, 0, 4 + body);
            byte[] tag = new byte[16];
            poly.doFinal(tag, 0);
            if (!MessageDigest.isEqual(tag, Arrays.copyOfRange(packet, 4 + body, packet.length))) {
                return Optional.empty();
            }
            byte[] plain = new byte[body];
            engine.processBytes(packet, 4, body, plain, 0); // the engine is now at block counter 1
            return Optional.of(plain);
        }

        private static ChaChaEngine engine(byte[] key, long seq) {
            ChaChaEngine engine = new ChaChaEngine(20);
            byte[] nonce = new byte[8];
            System.arraycopy(u32Bytes(seq), 0, nonce, 4, 4);
            engine.init(false, new ParametersWithIV(new KeyParameter(key), nonce));
            return engine;
        }
    }

    /**
     * RFC 5647 §7.1 with OpenSSH's packet format: the length in clear as AAD, a 12-byte nonce whose last 8
     * bytes (the invocation counter) go up by one per packet, a 16-byte tag.
     */
    private static final class Gcm extends SshPacketCipher {
        private final SecretKeySpec key;
        private final byte[] iv;
        /** Made once: only {@code init} is per packet. */
        private final Cipher cipher;

        Gcm(byte[] key, byte[] iv) {
            this.key = new SecretKeySpec(key, "AES");
            this.iv = iv.clone();
            try {
                this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM must be available on every Java platform", e);
            }
        }

        @Override
        int lengthBytes() {
            return 4;
        }

        @Override
        long packetLength(byte[] head, long seq) {
            return u32(head, 0);
        }

        @Override
        int tagLength() {
            return 16;
        }

        @Override
        Optional<byte[]> open(byte[] packet, long seq) {
            byte[] nonce = iv.clone();
            increment(); // the counter moves on whether or not this packet verifies
            try {
                Cipher c = cipher;
                c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                c.updateAAD(packet, 0, 4);
                return Optional.of(c.doFinal(packet, 4, packet.length - 4));
            } catch (AEADBadTagException e) {
                return Optional.empty();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM must be available on every Java platform", e);
            }
        }

        private void increment() {
            for (int i = iv.length - 1; i >= 4; i--) {
                if (++iv[i] != 0) {
                    return;
                }
            }
        }
    }

    /**
     * AES-CTR (RFC 4344 §4: one counter stream per direction across packets) with an HMAC over the sequence
     * number and the packet (RFC 4253 §6.4), or over the sequence number, the clear length and the ciphertext
     * for -etm@openssh.com.
     */
    private static final class Ctr extends SshPacketCipher {
        private final Cipher cipher;
        private final Mac mac;
        private final int macLength;
        private final boolean etm;
        /** The first block, already decrypted to read the length (not etm). */
        private byte[] firstBlock;

        Ctr(byte[] key, byte[] iv, String macName, byte[] macKey) {
            etm = macName.endsWith("-etm@openssh.com");
            String base = etm ? macName.substring(0, macName.length() - "-etm@openssh.com".length()) : macName;
            String jca = switch (base) {
                case "hmac-sha1" -> "HmacSHA1";
                case "hmac-sha2-256" -> "HmacSHA256";
                default -> "HmacSHA512";
            };
            try {
                cipher = Cipher.getInstance("AES/CTR/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
                mac = Mac.getInstance(jca);
                mac.init(new SecretKeySpec(macKey, jca));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-CTR and " + jca + " must be available on every Java platform", e);
            }
            macLength = mac.getMacLength();
        }

        @Override
        int lengthBytes() {
            return etm ? 4 : 16;
        }

        @Override
        long packetLength(byte[] head, long seq) {
            if (etm) {
                return u32(head, 0);
            }
            if (firstBlock == null) {
                firstBlock = cipher.update(head, 0, 16);
            }
            return u32(firstBlock, 0);
        }

        @Override
        int tagLength() {
            return macLength;
        }

        @Override
        Optional<byte[]> open(byte[] packet, long seq) {
            int end = packet.length - macLength;
            byte[] received = Arrays.copyOfRange(packet, end, packet.length);
            mac.update(u32Bytes(seq));
            byte[] plain;
            if (etm) {
                mac.update(packet, 0, end);
                plain = update(packet, 4, end - 4);
            } else {
                byte[] whole = new byte[end];
                System.arraycopy(firstBlock, 0, whole, 0, 16);
                System.arraycopy(update(packet, 16, end - 16), 0, whole, 16, end - 16);
                firstBlock = null;
                mac.update(whole);
                plain = Arrays.copyOfRange(whole, 4, end);
            }
            // the stream has moved on either way, so the next packet still decrypts
            return MessageDigest.isEqual(mac.doFinal(), received) ? Optional.of(plain) : Optional.empty();
        }

        private byte[] update(byte[] b, int from, int length) {
            byte[] out = cipher.update(b, from, length);
            return out == null ? new byte[0] : out;
        }
    }
}
