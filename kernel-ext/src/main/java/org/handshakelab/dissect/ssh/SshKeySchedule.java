package org.handshakelab.dissect.ssh;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * From a key log secret to the session keys: the shared secret K (X25519, RFC 8731 §3), the exchange hash H
 * (RFC 5656 §4 for ECDH and curve25519, RFC 4253 §8 for plain DH) and the six keys of RFC 4253 §7.2.
 * Stateless; the dissector keeps the session id (the first H) itself.
 */
final class SshKeySchedule {

    private SshKeySchedule() {
    }

    /** What the exchange hash covers, as the dissector saw it on the wire. */
    record Exchange(byte[] clientBanner, byte[] serverBanner, byte[] clientKexInit, byte[] serverKexInit,
                    byte[] hostKey, byte[] clientPublic, byte[] serverPublic) {
    }

    /** The keys of one direction (RFC 4253 §7.2: IV "A"/"B", encryption "C"/"D", integrity "E"/"F"). */
    record DirectionKeys(byte[] iv, byte[] key, byte[] macKey) {
    }

    /** The hash of a key exchange method, e.g. "SHA-256" for curve25519-sha256; empty when unknown. */
    static Optional<String> hashOf(String kex) {
        if (kex.endsWith("-sha1")) {
            return Optional.of("SHA-1");
        }
        if (kex.startsWith("curve25519-sha256") || kex.equals("ecdh-sha2-nistp256") || kex.endsWith("-sha256")) {
            return Optional.of("SHA-256");
        }
        if (kex.equals("ecdh-sha2-nistp384")) {
            return Optional.of("SHA-384");
        }
        if (kex.equals("ecdh-sha2-nistp521") || kex.endsWith("-sha512")) {
            return Optional.of("SHA-512");
        }
        return Optional.empty();
    }

    /** Whether K can be computed from a logged ephemeral private key (only X25519 key logs exist). */
    static boolean privateKeyUsable(String kex) {
        return kex.equals("curve25519-sha256") || kex.equals("curve25519-sha256@libssh.org");
    }

    /** The X25519 public key of a private scalar (RFC 7748 §6.1), to check a logged key against Q_C / Q_S. */
    static byte[] x25519Public(byte[] privateKey) {
        return new X25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
    }

    /** X25519(private, peer public) as 32 bytes; empty for an all-zero result (RFC 7748 §6.1: abort). */
    static Optional<byte[]> x25519(byte[] privateKey, byte[] peerPublic) {
        if (peerPublic.length != X25519PublicKeyParameters.KEY_SIZE) {
            return Optional.empty();
        }
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(new X25519PrivateKeyParameters(privateKey, 0));
        byte[] k = new byte[agreement.getAgreementSize()];
        try {
            agreement.calculateAgreement(new X25519PublicKeyParameters(peerPublic, 0), k, 0);
        } catch (IllegalStateException e) {
            return Optional.empty(); // a low-order peer key gives zero
        }
        return Optional.of(k);
    }

    /** K as an mpint (RFC 4251 §5): the bytes taken as an unsigned big-endian integer (RFC 8731 §3). */
    static byte[] mpint(byte[] unsigned) {
        byte[] twos = new BigInteger(1, unsigned).toByteArray();
        if (twos.length == 1 && twos[0] == 0) {
            twos = new byte[0];
        }
        return string(twos);
    }

    /** H (RFC 5656 §4 / RFC 4253 §8): HASH(V_C || V_S || I_C || I_S || K_S || Q_C/e || Q_S/f || K). */
    static byte[] exchangeHash(String hash, Exchange x, byte[] kMpint) {
        MessageDigest d = digest(hash);
        for (byte[] part : new byte[][] {x.clientBanner, x.serverBanner, x.clientKexInit, x.serverKexInit,
            x.hostKey, x.clientPublic, x.serverPublic}) {
            d.update(string(part)); // e and f are on the wire as mpints: their bytes go in again as mpints
        }
        d.update(kMpint);
        return d.digest();
    }

    /**
     * One key (RFC 4253 §7.2): HASH(K || H || letter || session_id), extended with HASH(K || H || K1 || ...)
     * until {@code length} bytes are there.
     */
    static byte[] key(String hash, byte[] kMpint, byte[] h, char letter, byte[] sessionId, int length) {
        MessageDigest d = digest(hash);
        d.update(kMpint);
        d.update(h);
        d.update((byte) letter);
        d.update(sessionId);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(d.digest());
        while (out.size() < length) {
            d.update(kMpint);
            d.update(h);
            d.update(out.toByteArray());
            out.writeBytes(d.digest());
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }

    /** The IV, cipher key and MAC key of one direction, sized for its cipher and MAC. */
    static DirectionKeys directionKeys(String hash, byte[] kMpint, byte[] h, byte[] sessionId, boolean clientToServer,
                                       SshPacketCipher.Spec spec) {
        char iv = clientToServer ? 'A' : 'B';
        char enc = clientToServer ? 'C' : 'D';
        char mac = clientToServer ? 'E' : 'F';
        return new DirectionKeys(key(hash, kMpint, h, iv, sessionId, spec.ivLength()),
                key(hash, kMpint, h, enc, sessionId, spec.keyLength()),
                key(hash, kMpint, h, mac, sessionId, spec.macKeyLength()));
    }

    private static byte[] string(byte[] b) {
        byte[] out = new byte[4 + b.length];
        out[0] = (byte) (b.length >>> 24);
        out[1] = (byte) (b.length >>> 16);
        out[2] = (byte) (b.length >>> 8);
        out[3] = (byte) b.length;
        System.arraycopy(b, 0, out, 4, b.length);
        return out;
    }

    private static MessageDigest digest(String hash) {
        try {
            return MessageDigest.getInstance(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + hash, e);
        }
    }
}
