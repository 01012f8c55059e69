package org.handshakelab.dissect.tls;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The record protection of one TLS connection, undone with a key log: which keys each direction uses and
 * its sequence number. TLS 1.2: keys from the master secret (CLIENT_RANDOM line) by the PRF's key expansion,
 * in force after each side's ChangeCipherSpec (RFC 5246 §6.3, §7.1). TLS 1.3: handshake keys from the
 * handshake traffic secrets from ServerHello on, application keys after each side's Finished, the next
 * generation after a KeyUpdate (RFC 8446 §7.1-7.3, §4.6.3).
 *
 * <p>Mutable, privately: the dissector tells it what the handshake did, and asks it to decrypt records.
 * A direction whose record fails authentication stops being decrypted: its sequence numbers can no longer
 * be trusted.
 */
final class TlsDecryptor {

    /** How a decryption attempt went. */
    enum Status {
        /** Not protected (yet) in this direction: the record is plaintext. */
        CLEAR,
        /** Decrypted and authenticated. */
        DECRYPTED,
        /** Protected, but the lab has no keys for it (no key log line, unsupported suite or version). */
        NO_KEYS,
        /** The authentication tag (or CBC MAC/padding) did not verify: not decrypted. */
        BAD_TAG
    }

    /** The outcome; {@code plaintext} and {@code record} only when DECRYPTED. */
    record Result(Status status, int innerType, byte[] plaintext, TlsDecryptedRecord record) {
        static final Result CLEAR = new Result(Status.CLEAR, -1, null, null);
        static final Result NO_KEYS = new Result(Status.NO_KEYS, -1, null, null);
        static final Result BAD_TAG = new Result(Status.BAD_TAG, -1, null, null);
    }

    private static final class Direction {
        boolean protectedNow;
        boolean failed;
        byte[] key;
        byte[] iv;
        byte[] macKey;
        byte[] secret;
        String label;
        int generation;
        long seq;
    }

    private final TlsKeyLog keys;
    private final Direction[] dirs = {new Direction(), new Direction()};
    private String clientRandom;
    private String serverRandom = "";
    private int suite = -1;
    private boolean tls13;
    private TlsCipherSpec spec;
    /** RFC 7366 encrypt_then_mac was negotiated (CBC suites only). */
    private boolean encryptThenMac;
    /** Per direction, why its records cannot be decrypted; null while nothing is missing. Reported once. */
    private final String[] missing = new String[2];
    private boolean missingReported;

    TlsDecryptor(TlsKeyLog keys) {
        this.keys = keys;
    }

    void clientHello(String random) {
        clientRandom = random;
    }

    /** ServerHello: TLS 1.3 protects everything after it with the handshake traffic keys. */
    void serverHello(String random, int cipherSuite, boolean isTls13, boolean helloRetryRequest,
                     boolean etm) {
        if (helloRetryRequest) {
            return;
        }
        encryptThenMac = etm;
        serverRandom = random;
        suite = cipherSuite;
        tls13 = isTls13;
        spec = TlsCipherSpec.of(cipherSuite).orElse(null);
        if (tls13) {
            activate(0, TlsKeyLog.CLIENT_HANDSHAKE_TRAFFIC_SECRET);
            activate(1, TlsKeyLog.SERVER_HANDSHAKE_TRAFFIC_SECRET);
        }
    }

    /** TLS 1.2 ChangeCipherSpec: this direction's next record is protected with the new keys. */
    void changeCipherSpec(int direction, int version) {
        if (tls13) {
            return; // the middlebox-compatibility CCS changes nothing (RFC 8446 §D.4)
        }
        Direction d = dirs[direction];
        d.protectedNow = true;
        d.seq = 0;
        d.key = null;
        if (version != TlsVersion.TLS_1_2.code()) {
            miss(direction, "the lab decrypts TLS 1.2 and 1.3 only, this session is " + TlsVersion.nameOf(version));
            return;
        }
        if (!usable(direction)) {
            return;
        }
        Optional<byte[]> master = lookup(direction, TlsKeyLog.CLIENT_RANDOM);
        if (master.isEmpty()) {
            return;
        }
        byte[] block = keyBlock(master.get());
        int mac = spec.macKeyLength();
        int key = spec.keyLength();
        int iv = spec.ivLength();
        int at = direction == 0 ? 0 : mac;
        d.macKey = TlsCrypto.slice(block, at, mac);
        at = 2 * mac + (direction == 0 ? 0 : key);
        d.key = TlsCrypto.slice(block, at, key);
        at = 2 * mac + 2 * key + (direction == 0 ? 0 : iv);
        d.iv = TlsCrypto.slice(block, at, iv);
        d.secret = master.get();
        d.label = TlsKeyLog.CLIENT_RANDOM;
    }

    /** key_block = PRF(master_secret, "key expansion", server_random + client_random) (RFC 5246 §6.3). */
    byte[] keyBlock(byte[] master) {
        int length = 2 * (spec.macKeyLength() + spec.keyLength() + spec.ivLength());
        byte[] seed = TlsCrypto.concat(HexFormat.of().parseHex(serverRandom), HexFormat.of().parseHex(clientRandom));
        return TlsCrypto.prf12(spec.prfHmac(), master, "key expansion", seed, length);
    }

    /** TLS 1.3 Finished sent in {@code direction}: its next records use the application traffic keys. */
    void finished(int direction) {
        if (tls13 && dirs[direction].protectedNow && dirs[direction].label != null
                && dirs[direction].label.contains("HANDSHAKE")) {
            activate(direction, direction == 0 ? TlsKeyLog.CLIENT_TRAFFIC_SECRET_0 : TlsKeyLog.SERVER_TRAFFIC_SECRET_0);
        }
    }

    /** TLS 1.3 KeyUpdate sent in {@code direction}: the next generation of its traffic secret (RFC 8446 §7.2). */
    void keyUpdate(int direction) {
        Direction d = dirs[direction];
        if (!tls13 || d.secret == null || spec == null) {
            return;
        }
        byte[] next = TlsCrypto.hkdfExpandLabel(spec.prfHmac(), d.secret, "traffic upd", new byte[0],
                d.secret.length);
        d.generation++;
        String base = direction == 0 ? "CLIENT_TRAFFIC_SECRET_" : "SERVER_TRAFFIC_SECRET_";
        install(d, base + d.generation, next);
    }

    private void activate(int direction, String label) {
        Direction d = dirs[direction];
        d.protectedNow = true;
        d.key = null;
        d.seq = 0;
        d.label = label;
        if (!usable(direction)) {
            return;
        }
        lookup(direction, label).ifPresent(secret -> install(d, label, secret));
    }

    private void install(Direction d, String label, byte[] secret) {
        d.label = label;
        d.secret = secret;
        d.key = TlsCrypto.hkdfExpandLabel(spec.prfHmac(), secret, "key", new byte[0], spec.keyLength());
        d.iv = TlsCrypto.hkdfExpandLabel(spec.prfHmac(), secret, "iv", new byte[0], 12);
        d.seq = 0;
    }

    private boolean usable(int direction) {
        if (clientRandom == null) {
            miss(direction, "the ClientHello was not captured, so its random (the key log's key) is unknown");
            return false;
        }
        if (spec == null || spec.tls13() != tls13) {
            miss(direction, "cipher suite " + TlsCipherSuite.nameOf(suite) + " is not one the lab decrypts"
                    + " (AES-GCM, ChaCha20-Poly1305, TLS 1.2 AES-CBC)");
            return false;
        }
        return true;
    }

    private Optional<byte[]> lookup(int direction, String label) {
        Optional<byte[]> s = keys.secret(label, clientRandom);
        if (s.isEmpty()) {
            miss(direction, "no " + label + " line for client random " + clientRandom
                    + (keys.knows(clientRandom) ? " (the key log has other secrets of this session)"
                    : " (the key log has no secret of this session)"));
        }
        return s;
    }

    private void miss(int direction, String why) {
        if (missing[direction] == null) {
            missing[direction] = why;
        }
    }

    /**
     * Why this session's records stay encrypted, the first time it is asked after a record could not be
     * decrypted; empty afterwards, and empty when the key log is empty (the student gave no keys).
     */
    Optional<String> takeMissing(int direction) {
        if (missing[direction] == null || missingReported || keys.isEmpty()) {
            return Optional.empty();
        }
        missingReported = true;
        return Optional.of(missing[direction]);
    }

    /** Whether a record of {@code type} in {@code direction} is protected. */
    boolean isProtected(int direction, int type) {
        if (!dirs[direction].protectedNow) {
            return false;
        }
        return tls13 ? type == TlsContentType.APPLICATION_DATA.code() : type >= 21 && type <= 23;
    }

    /** Decrypts one record of {@code direction}: header fields and fragment as on the wire. */
    Result decrypt(int direction, int type, int version, byte[] fragment) {
        if (!isProtected(direction, type)) {
            return Result.CLEAR;
        }
        Direction d = dirs[direction];
        if (d.key == null || d.failed) {
            d.seq++;
            return Result.NO_KEYS;
        }
        long seq = d.seq++;
        byte[] header = {(byte) type, (byte) (version >> 8), (byte) version, (byte) (fragment.length >> 8),
                (byte) fragment.length};
        byte[] plain = spec.aead() == null ? cbc(d, seq, type, version, fragment)
                : aead(d, seq, type, version, header, fragment);
        if (plain == null) {
            d.failed = true;
            return Result.BAD_TAG;
        }
        int inner = type;
        byte[] content = plain;
        if (tls13) {
            int end = plain.length;
            while (end > 0 && plain[end - 1] == 0) {
                end--; // zero padding (RFC 8446 §5.4)
            }
            if (end == 0) {
                d.failed = true;
                return Result.BAD_TAG; // no inner content type: RFC 8446 §5.4 says unexpected_message
            }
            inner = plain[end - 1] & 0xFF;
            content = Arrays.copyOf(plain, end - 1);
        }
        HexFormat hex = HexFormat.of();
        TlsDecryptedRecord record = new TlsDecryptedRecord(direction, seq, tls13, suite, clientRandom, serverRandom,
                d.label, hex.formatHex(d.secret), hex.formatHex(header), hex.formatHex(fragment), inner,
                hex.formatHex(content));
        return new Result(Status.DECRYPTED, inner, content, record);
    }

    private byte[] aead(Direction d, long seq, int type, int version, byte[] header, byte[] fragment) {
        byte[] nonce;
        byte[] aad;
        byte[] sealed;
        if (tls13) {
            nonce = TlsCrypto.nonce(d.iv, seq);
            aad = header;
            sealed = fragment;
        } else {
            int explicit = spec.explicitNonceLength();
            if (fragment.length < explicit + 16) {
                return null;
            }
            nonce = explicit > 0 ? TlsCrypto.concat(d.iv, TlsCrypto.slice(fragment, 0, explicit))
                    : TlsCrypto.nonce(d.iv, seq);
            sealed = Arrays.copyOfRange(fragment, explicit, fragment.length);
            aad = aad12(seq, type, version, sealed.length - 16);
        }
        return TlsCrypto.aeadDecrypt(spec.aead(), d.key, nonce, aad, sealed);
    }

    /** additional_data = seq_num + type + version + length of the plaintext (RFC 5246 §6.2.3.3). */
    static byte[] aad12(long seq, int type, int version, int length) {
        return TlsCrypto.concat(TlsCrypto.seq(seq), new byte[] {(byte) type, (byte) (version >> 8), (byte) version,
                (byte) (length >> 8), (byte) length});
    }

    /**
     * TLS 1.2 AES-CBC with an explicit IV: MAC-then-encrypt (RFC 5246 §6.2.3.2), or encrypt-then-MAC when the
     * ServerHello echoed encrypt_then_mac (RFC 7366 §3), as OpenSSL negotiates by default.
     */
    private byte[] cbc(Direction d, long seq, int type, int version, byte[] fragment) {
        int macLength = spec.macKeyLength();
        if (encryptThenMac) {
            int sealed = fragment.length - macLength;
            if (sealed < 32 || sealed % 16 != 0) {
                return null;
            }
            byte[] mac = TlsCrypto.hmac(spec.macHmac(), d.macKey, aad12(seq, type, version, sealed),
                    Arrays.copyOf(fragment, sealed));
            if (!java.security.MessageDigest.isEqual(mac, TlsCrypto.slice(fragment, sealed, macLength))) {
                return null;
            }
            byte[] blocks = TlsCrypto.cbcDecrypt(d.key, TlsCrypto.slice(fragment, 0, 16),
                    Arrays.copyOfRange(fragment, 16, sealed));
            int pad = blocks[blocks.length - 1] & 0xFF;
            if (pad + 1 > blocks.length) {
                return null;
            }
            return Arrays.copyOf(blocks, blocks.length - 1 - pad);
        }
        if (fragment.length < 32 || fragment.length % 16 != 0) {
            return null;
        }
        byte[] blocks = TlsCrypto.cbcDecrypt(d.key, TlsCrypto.slice(fragment, 0, 16),
                Arrays.copyOfRange(fragment, 16, fragment.length));
        int pad = blocks[blocks.length - 1] & 0xFF;
        int contentLength = blocks.length - 1 - pad - macLength;
        if (contentLength < 0) {
            return null;
        }
        for (int i = blocks.length - 1 - pad; i < blocks.length; i++) {
            if ((blocks[i] & 0xFF) != pad) {
                return null;
            }
        }
        byte[] content = Arrays.copyOf(blocks, contentLength);
        byte[] mac = TlsCrypto.hmac(spec.macHmac(), d.macKey, aad12(seq, type, version, contentLength), content);
        return java.security.MessageDigest.isEqual(mac, TlsCrypto.slice(blocks, contentLength, macLength))
                ? content : null;
    }
}
