package org.handshakelab.dissect.ssh;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.handshakelab.dissect.DissectionSink;

/**
 * The key exchange as the decryption needs it: I_C and I_S, K_S, the two public values, the session id, strict
 * KEX, and the secrets to look the cookies up in. Makes the cipher for each direction at its NEWKEYS and says
 * once per key exchange, in one anomaly, why a session stays encrypted when it does.
 */
final class SshDecryption {

    private static final HexFormat HEX = HexFormat.of();
    private static final String STRICT_CLIENT = "kex-strict-c-v00@openssh.com";
    private static final String STRICT_SERVER = "kex-strict-s-v00@openssh.com";

    private final DissectionSink sink;
    private final SshSecrets secrets;
    private KexInit clientInit;
    private KexInit serverInit;
    private byte[] clientInitPayload;
    private byte[] serverInitPayload;
    private byte[] hostKey;
    private byte[] clientPublic;
    private byte[] serverPublic;
    private byte[] sessionId;
    private boolean firstExchange = true;
    private Boolean strictKex;
    /** K and H of the current key exchange, once computed. */
    private byte[] kMpint;
    private byte[] exchangeHash;
    private String hash;
    /** Whether this key exchange was already tried (and the outcome reported). */
    private boolean tried;

    SshDecryption(DissectionSink sink, SshSecrets secrets) {
        this.sink = sink;
        this.secrets = secrets;
    }

    /** Whether both sides asked for strict KEX in their first KEXINIT (OpenSSH PROTOCOL §1.9). */
    boolean strictKex() {
        return strictKex != null && strictKex;
    }

    /** A KEXINIT and its whole payload (message code included, as in the exchange hash). */
    void kexInit(boolean fromClient, KexInit init, byte[] payload) {
        if (fromClient) {
            clientInit = init;
            clientInitPayload = payload;
        } else {
            serverInit = init;
            serverInitPayload = payload;
        }
        if (clientInit != null && serverInit != null && strictKex == null) {
            strictKex = clientInit.kexAlgorithms().contains(STRICT_CLIENT)
                    && serverInit.kexAlgorithms().contains(STRICT_SERVER);
        }
        // a new key exchange (rekeying) starts: its keys are computed afresh
        kMpint = null;
        exchangeHash = null;
        tried = false;
    }

    /** A key exchange message 30-49: keeps K_S and the public values. */
    void exchangeMessage(SshMessage message) {
        if (message instanceof KexEcdhInit m) {
            clientPublic = HEX.parseHex(m.clientPublicKey());
        } else if (message instanceof KexEcdhReply m) {
            hostKey = HEX.parseHex(m.hostKey().blob());
            serverPublic = HEX.parseHex(m.serverPublicKey());
        } else if (message instanceof KexDhInit m && !m.groupExchange()) {
            clientPublic = HEX.parseHex(m.e());
        } else if (message instanceof KexDhReply m && !m.groupExchange()) {
            hostKey = HEX.parseHex(m.hostKey().blob());
            serverPublic = HEX.parseHex(m.f());
        }
    }

    /**
     * The cipher for the direction whose NEWKEYS was just read, or empty when it cannot be decrypted (with no
     * key log at all nothing is said: that is a capture without keys, dissected as before; a key log whose lines
     * are all unusable still gets its one anomaly).
     */
    Optional<SshPacketCipher> cipher(boolean clientToServer, NegotiatedAlgorithms agreed, byte[] clientBanner,
                                     byte[] serverBanner, int frame) {
        if (secrets.isEmpty() && secrets.problems().isEmpty() || agreed == null) {
            return Optional.empty();
        }
        if (!tried) {
            tried = true;
            if (!derive(agreed, clientBanner, serverBanner, frame)) {
                return Optional.empty();
            }
            if (firstExchange) {
                sessionId = exchangeHash;
                firstExchange = false;
            }
        }
        if (exchangeHash == null) {
            return Optional.empty();
        }
        String cipher = clientToServer ? agreed.encryptionClientToServer() : agreed.encryptionServerToClient();
        String mac = clientToServer ? agreed.macClientToServer() : agreed.macServerToClient();
        String compression = clientToServer ? agreed.compressionClientToServer() : agreed.compressionServerToClient();
        Optional<SshPacketCipher.Spec> spec = SshPacketCipher.spec(cipher, mac);
        String direction = clientToServer ? "client to server" : "server to client";
        if (spec.isEmpty()) {
            sink.anomaly(frame, "SSH: cipher " + cipher + " with MAC " + mac + " (" + direction + ") cannot be "
                    + "decrypted here (chacha20-poly1305, AES-GCM and AES-CTR with HMAC-SHA1/2 can); it stays encrypted");
            return Optional.empty();
        }
        if (!compression.equals("none")) {
            sink.anomaly(frame, "SSH: compression " + compression + " (" + direction + ") is not undone here; "
                    + "this direction stays encrypted");
            return Optional.empty();
        }
        return Optional.of(SshPacketCipher.create(spec.get(), SshKeySchedule.directionKeys(hash, kMpint,
                exchangeHash, sessionId, clientToServer, spec.get())));
    }

    /** K from the key log, then H; false (and one anomaly) when that is not possible. */
    private boolean derive(NegotiatedAlgorithms agreed, byte[] clientBanner, byte[] serverBanner, int frame) {
        String session = "the SSH session with KEXINIT cookies " + (clientInit == null ? "?" : clientInit.cookie())
                + " (client) and " + (serverInit == null ? "?" : serverInit.cookie()) + " (server)";
        Optional<String> h = SshKeySchedule.hashOf(agreed.kex());
        if (h.isEmpty() || agreed.kex().startsWith("diffie-hellman-group-exchange-")) {
            sink.anomaly(frame, "SSH: key exchange " + agreed.kex() + " of " + session + " cannot be followed here "
                    + "(curve25519, ECDH and fixed DH groups can); it stays encrypted");
            return false;
        }
        if (clientPublic == null || serverPublic == null || hostKey == null || clientBanner == null
                || serverBanner == null) {
            sink.anomaly(frame, "SSH: the capture lacks the banners or key exchange messages of " + session
                    + ", which the session keys are computed from; it stays encrypted");
            return false;
        }
        Optional<byte[]> k = sharedSecret(agreed.kex(), session, frame);
        if (k.isEmpty()) {
            return false;
        }
        hash = h.get();
        kMpint = SshKeySchedule.mpint(k.get());
        exchangeHash = SshKeySchedule.exchangeHash(hash, new SshKeySchedule.Exchange(clientBanner, serverBanner,
                clientInitPayload, serverInitPayload, hostKey, clientPublic, serverPublic), kMpint);
        return true;
    }

    private Optional<byte[]> sharedSecret(String kex, String session, int frame) {
        for (KexInit init : new KexInit[] {clientInit, serverInit}) {
            Optional<byte[]> k = secrets.find(init.cookie(), SshSecrets.Kind.SHARED_SECRET);
            if (k.isPresent()) {
                return k;
            }
        }
        boolean x25519 = SshKeySchedule.privateKeyUsable(kex);
        for (boolean client : new boolean[] {true, false}) {
            KexInit init = client ? clientInit : serverInit;
            Optional<byte[]> key = secrets.find(init.cookie(), SshSecrets.Kind.PRIVATE_KEY);
            if (key.isEmpty()) {
                continue;
            }
            if (!x25519) {
                sink.anomaly(frame, "SSH: the key log has a private key for " + session + ", but only curve25519 "
                        + "private keys can be used and the key exchange is " + kex + "; it stays encrypted");
                return Optional.empty();
            }
            byte[] own = client ? clientPublic : serverPublic;
            if (!Arrays.equals(SshKeySchedule.x25519Public(key.get()), own)) {
                sink.anomaly(frame, "SSH: the key log's private key for the " + (client ? "client" : "server")
                        + " cookie of " + session + " does not give its public key " + (client ? "Q_C" : "Q_S")
                        + " (a mismatched key log); it stays encrypted");
                return Optional.empty();
            }
            Optional<byte[]> k = SshKeySchedule.x25519(key.get(), client ? serverPublic : clientPublic);
            if (k.isEmpty()) {
                sink.anomaly(frame, "SSH: X25519 gives zero for " + session + " (a low-order public key, "
                        + "RFC 7748 §6.1); it stays encrypted");
            }
            return k;
        }
        String problems = secrets.problems().isEmpty() ? ""
                : " (" + secrets.problems().size() + " key log lines were unusable, first: " + secrets.problems().get(0)
                + ")";
        sink.anomaly(frame, "SSH: the key log has no secret for " + session + "; its packets after NEWKEYS stay "
                + "encrypted" + problems);
        return Optional.empty();
    }
}
