package org.handshakelab.dissect.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The key schedule as data, step by step, recomputed (not copied) from a capture's own bytes and secrets.
 *
 * <ul>
 * <li>{@link #recordSteps(TlsDecryptedRecord)}: from the secret a key log gives (a TLS 1.3 traffic secret or
 * the TLS 1.2 master secret) to one record decrypted: HKDF-Expand-Label to key and IV (or the PRF's key block),
 * nonce = IV XOR sequence number, additional data = record header, AEAD-Decrypt, inner content type.</li>
 * <li>{@link #handshakeChain}: TLS 1.3 from the (EC)DHE shared secret to the traffic secrets (RFC 8446 §7.1):
 * early secret, handshake secret, master secret. A key log does not hold the shared secret; it needs a source
 * that does (the lab's own server, or RFC 8448's published traces).</li>
 * </ul>
 */
public final class TlsKeySchedule {

    private static final HexFormat HEX = HexFormat.of();
    private static final String FROM_KEY_LOG = "key log";
    private static final String FROM_CAPTURE = "capture";
    private static final String COMPUTED = "computed";

    private TlsKeySchedule() {
    }

    /**
     * TLS 1.3 from the shared secret to the four traffic secrets (RFC 8446 §7.1), without a PSK.
     *
     * @param cipherSuite     a TLS 1.3 suite (its hash is HKDF's)
     * @param sharedSecret    the (EC)DHE shared secret
     * @param helloHash       Transcript-Hash(ClientHello..ServerHello)
     * @param finishedHash    Transcript-Hash(ClientHello..server Finished)
     * @param source          where the shared secret and the hashes came from, e.g. "RFC 8448" or "lab server"
     */
    public static List<KeyScheduleStep> handshakeChain(int cipherSuite, byte[] sharedSecret, byte[] helloHash,
                                                       byte[] finishedHash, String source) {
        TlsCipherSpec spec = spec13(cipherSuite);
        String h = spec.prfHmac();
        int n = TlsCrypto.hashLength(h);
        byte[] zeros = new byte[n];
        byte[] emptyHash = digest(h, new byte[0]);
        List<KeyScheduleStep> steps = new ArrayList<>();
        byte[] early = TlsCrypto.hkdfExtract(h, new byte[0], zeros);
        steps.add(step("early secret", "HKDF-Extract(salt = 0, IKM = PSK or " + n + " zero bytes)",
                List.of("PSK = none (" + n + " zero bytes)"), early, COMPUTED));
        byte[] derived = TlsCrypto.hkdfExpandLabel(h, early, "derived", emptyHash, n);
        steps.add(step("derived (for handshake)", "Derive-Secret(early secret, \"derived\", \"\")",
                List.of("Hash(\"\") = " + HEX.formatHex(emptyHash)), derived, COMPUTED));
        steps.add(step("shared secret", "(EC)DHE(client key share, server key share)",
                List.of("private key of one side, public key share of the other"), sharedSecret, source));
        byte[] handshake = TlsCrypto.hkdfExtract(h, derived, sharedSecret);
        steps.add(step("handshake secret", "HKDF-Extract(salt = derived, IKM = shared secret)",
                List.of("derived = " + HEX.formatHex(derived), "shared secret = " + HEX.formatHex(sharedSecret)),
                handshake, COMPUTED));
        steps.add(step("transcript hash CH..SH", "Hash(ClientHello || ServerHello)", List.of(), helloHash, source));
        byte[] chs = TlsCrypto.hkdfExpandLabel(h, handshake, "c hs traffic", helloHash, n);
        steps.add(step("CLIENT_HANDSHAKE_TRAFFIC_SECRET", "Derive-Secret(handshake secret, \"c hs traffic\", CH..SH)",
                List.of("handshake secret = " + HEX.formatHex(handshake)), chs, COMPUTED));
        byte[] shs = TlsCrypto.hkdfExpandLabel(h, handshake, "s hs traffic", helloHash, n);
        steps.add(step("SERVER_HANDSHAKE_TRAFFIC_SECRET", "Derive-Secret(handshake secret, \"s hs traffic\", CH..SH)",
                List.of("handshake secret = " + HEX.formatHex(handshake)), shs, COMPUTED));
        byte[] derived2 = TlsCrypto.hkdfExpandLabel(h, handshake, "derived", emptyHash, n);
        steps.add(step("derived (for master)", "Derive-Secret(handshake secret, \"derived\", \"\")", List.of(),
                derived2, COMPUTED));
        byte[] master = TlsCrypto.hkdfExtract(h, derived2, zeros);
        steps.add(step("master secret", "HKDF-Extract(salt = derived, IKM = " + n + " zero bytes)", List.of(),
                master, COMPUTED));
        steps.add(step("transcript hash CH..SF", "Hash(ClientHello .. server Finished)", List.of(), finishedHash,
                source));
        byte[] cap = TlsCrypto.hkdfExpandLabel(h, master, "c ap traffic", finishedHash, n);
        steps.add(step("CLIENT_TRAFFIC_SECRET_0", "Derive-Secret(master secret, \"c ap traffic\", CH..SF)",
                List.of("master secret = " + HEX.formatHex(master)), cap, COMPUTED));
        byte[] sap = TlsCrypto.hkdfExpandLabel(h, master, "s ap traffic", finishedHash, n);
        steps.add(step("SERVER_TRAFFIC_SECRET_0", "Derive-Secret(master secret, \"s ap traffic\", CH..SF)",
                List.of("master secret = " + HEX.formatHex(master)), sap, COMPUTED));
        return steps;
    }

    /** The traffic keys of a TLS 1.3 secret: HKDF-Expand-Label(secret, "key"/"iv", "", length). */
    public static List<KeyScheduleStep> trafficKeys(int cipherSuite, String label, byte[] secret, String source) {
        TlsCipherSpec spec = spec13(cipherSuite);
        List<KeyScheduleStep> steps = new ArrayList<>();
        steps.add(step(label, "traffic secret", List.of(), secret, source));
        keyAndIv(spec, label, secret, steps);
        return steps;
    }

    private static byte[][] keyAndIv(TlsCipherSpec spec, String label, byte[] secret, List<KeyScheduleStep> steps) {
        String h = spec.prfHmac();
        byte[] keyInfo = TlsCrypto.hkdfLabel("key", new byte[0], spec.keyLength());
        byte[] key = TlsCrypto.hkdfExpand(h, secret, keyInfo, spec.keyLength());
        steps.add(step("write key", "HKDF-Expand-Label(" + label + ", \"key\", \"\", " + spec.keyLength() + ")",
                List.of("HkdfLabel = " + HEX.formatHex(keyInfo) + " (length " + spec.keyLength()
                        + ", \"tls13 key\", empty context)"), key, COMPUTED));
        byte[] ivInfo = TlsCrypto.hkdfLabel("iv", new byte[0], 12);
        byte[] iv = TlsCrypto.hkdfExpand(h, secret, ivInfo, 12);
        steps.add(step("write iv", "HKDF-Expand-Label(" + label + ", \"iv\", \"\", 12)",
                List.of("HkdfLabel = " + HEX.formatHex(ivInfo) + " (length 12, \"tls13 iv\", empty context)"), iv,
                COMPUTED));
        return new byte[][] {key, iv};
    }

    /**
     * One decrypted record, redone step by step from the secret the key log gave: the keys, the nonce, the
     * additional data, AEAD-Decrypt and what the plaintext holds. Every value is recomputed here.
     */
    public static List<KeyScheduleStep> recordSteps(TlsDecryptedRecord r) {
        Objects.requireNonNull(r, "r");
        TlsCipherSpec spec = TlsCipherSpec.of(r.cipherSuite()).orElseThrow(() -> new IllegalArgumentException(
                "cipherSuite must be one the lab decrypts: " + r.cipherSuiteName()));
        List<KeyScheduleStep> steps = new ArrayList<>();
        byte[] secret = HEX.parseHex(r.secret());
        byte[] header = HEX.parseHex(r.header());
        byte[] fragment = HEX.parseHex(r.fragment());
        String who = r.direction() == 0 ? "client" : "server";
        steps.add(step("client random", "ClientHello.random: the key log's lookup key", List.of(),
                HEX.parseHex(r.clientRandom()), FROM_CAPTURE));
        steps.add(new KeyScheduleStep("cipher suite", "ServerHello.cipher_suite", List.of(),
                r.cipherSuiteName() + " (hash " + spec.prfHmac().substring(4) + ", key " + spec.keyLength()
                        + " bytes)", FROM_CAPTURE));
        boolean generated = r.tls13() && r.secretLabel().matches(".*_TRAFFIC_SECRET_[1-9][0-9]*");
        steps.add(step(r.secretLabel(), r.tls13() ? "traffic secret of the " + who + "'s records"
                        : "master secret (CLIENT_RANDOM line)", List.of("client random = " + r.clientRandom()),
                secret, generated ? "computed (KeyUpdate: HKDF-Expand-Label(previous, \"traffic upd\", \"\", Hash.length))"
                        : FROM_KEY_LOG));
        byte[] key;
        byte[] nonce;
        byte[] aad;
        byte[] sealed;
        if (r.tls13()) {
            byte[][] kv = keyAndIv(spec, r.secretLabel(), secret, steps);
            key = kv[0];
            steps.add(step("sequence number", "records sent by the " + who + " with this key before this one",
                    List.of(), TlsCrypto.seq(r.seq()), COMPUTED));
            nonce = TlsCrypto.nonce(kv[1], r.seq());
            steps.add(step("nonce", "write iv XOR sequence number (left-padded to 12 bytes)",
                    List.of("write iv = " + HEX.formatHex(kv[1]), "seq = " + r.seq()), nonce, COMPUTED));
            aad = header;
            steps.add(step("additional data", "the record header: opaque_type 23, legacy version 0x0303, length",
                    List.of(), aad, FROM_CAPTURE));
            sealed = fragment;
        } else {
            int mac = spec.macKeyLength();
            int kl = spec.keyLength();
            int ivl = spec.ivLength();
            byte[] seed = TlsCrypto.concat(HEX.parseHex(r.serverRandom()), HEX.parseHex(r.clientRandom()));
            byte[] block = TlsCrypto.prf12(spec.prfHmac(), secret, "key expansion", seed, 2 * (mac + kl + ivl));
            steps.add(step("key block", "PRF(master secret, \"key expansion\", server_random + client_random)",
                    List.of("server random = " + r.serverRandom(), "client random = " + r.clientRandom(),
                            "length = " + block.length + " (2 MAC keys of " + mac + ", 2 keys of " + kl
                                    + ", 2 IVs of " + ivl + ")"), block, COMPUTED));
            int d = r.direction();
            key = TlsCrypto.slice(block, 2 * mac + d * kl, kl);
            steps.add(step(who + "_write_key", "key block bytes " + (2 * mac + d * kl) + ".." + (2 * mac + d * kl + kl - 1),
                    List.of(), key, COMPUTED));
            byte[] iv = TlsCrypto.slice(block, 2 * mac + 2 * kl + d * ivl, ivl);
            steps.add(step(who + "_write_IV", "key block bytes " + (2 * mac + 2 * kl + d * ivl) + ".."
                    + (2 * mac + 2 * kl + d * ivl + ivl - 1), List.of(), iv, COMPUTED));
            steps.add(step("sequence number", "records sent by the " + who + " since its ChangeCipherSpec",
                    List.of(), TlsCrypto.seq(r.seq()), COMPUTED));
            if (spec.aead() == null) {
                steps.add(new KeyScheduleStep("plaintext", "AES-CBC-Decrypt(write key, explicit IV, ciphertext),"
                        + " then padding and HMAC checked", List.of(), r.plaintext(), COMPUTED));
                return steps;
            }
            int explicit = spec.explicitNonceLength();
            nonce = explicit > 0 ? TlsCrypto.concat(iv, TlsCrypto.slice(fragment, 0, explicit))
                    : TlsCrypto.nonce(iv, r.seq());
            steps.add(step("nonce", explicit > 0 ? "write IV (4 bytes) || explicit nonce (first 8 bytes of the record)"
                    : "write IV XOR sequence number", List.of(), nonce, explicit > 0 ? FROM_CAPTURE : COMPUTED));
            sealed = Arrays.copyOfRange(fragment, explicit, fragment.length);
            aad = TlsDecryptor.aad12(r.seq(), header[0] & 0xFF, (header[1] & 0xFF) << 8 | header[2] & 0xFF,
                    sealed.length - 16);
            steps.add(step("additional data", "seq_num || type || version || plaintext length", List.of(), aad,
                    COMPUTED));
        }
        steps.add(step("ciphertext", "the record's fragment without the 16-byte tag", List.of(),
                Arrays.copyOf(sealed, sealed.length - 16), FROM_CAPTURE));
        steps.add(step("authentication tag", "the fragment's last 16 bytes", List.of(),
                Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length), FROM_CAPTURE));
        byte[] plain = TlsCrypto.aeadDecrypt(spec.aead(), key, nonce, aad, sealed);
        if (plain == null) {
            steps.add(new KeyScheduleStep("decrypted", spec.aead() + "-Decrypt(key, nonce, additional data, "
                    + "ciphertext || tag)", List.of(), "authentication failed", COMPUTED));
            return steps;
        }
        steps.add(step("decrypted", (spec.aead() == TlsCrypto.Aead.AES_GCM ? "AES-GCM" : "ChaCha20-Poly1305")
                + "-Decrypt(key, nonce, additional data, ciphertext || tag): the tag verifies", List.of(), plain,
                COMPUTED));
        if (r.tls13()) {
            steps.add(new KeyScheduleStep("inner content type", "last non-zero byte of the decrypted bytes "
                    + "(zeros after it are padding)", List.of(), r.innerType() + " ("
                    + TlsContentType.nameOf(r.innerType()) + ")", COMPUTED));
        }
        steps.add(step("plaintext", "what the record carries", List.of(), HEX.parseHex(r.plaintext()), COMPUTED));
        return steps;
    }

    private static TlsCipherSpec spec13(int cipherSuite) {
        return TlsCipherSpec.of(cipherSuite).filter(TlsCipherSpec::tls13).orElseThrow(() ->
                new IllegalArgumentException("cipherSuite must be a TLS 1.3 suite the lab decrypts: "
                        + TlsCipherSuite.nameOf(cipherSuite)));
    }

    private static KeyScheduleStep step(String name, String formula, List<String> inputs, byte[] output,
                                        String source) {
        return new KeyScheduleStep(name, formula, inputs, HEX.formatHex(output), source);
    }

    private static byte[] digest(String hmac, byte[] data) {
        try {
            return MessageDigest.getInstance(hmac.equals("HmacSHA384") ? "SHA-384" : "SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
