package org.handshakelab.dissect.tls;

import java.util.HexFormat;

/**
 * One record the dissector decrypted with a key log, with everything needed to redo the decryption by hand
 * (see {@link TlsKeySchedule}): reported to {@code DissectionSink.message} after the record's {@link TlsRecord}.
 *
 * @param direction    0 client to server, 1 server to client
 * @param seq          the record's sequence number in its direction and key epoch (RFC 8446 §5.3, RFC 5246 §6.1)
 * @param tls13        TLS 1.3 (HKDF from a traffic secret) or TLS 1.2 (PRF from the master secret)
 * @param cipherSuite  the negotiated suite
 * @param clientRandom ClientHello.random in hex: the key log's lookup key
 * @param serverRandom ServerHello.random in hex (an input of the TLS 1.2 key expansion)
 * @param secretLabel  the key log label of {@code secret}, e.g. {@code SERVER_HANDSHAKE_TRAFFIC_SECRET};
 *                     a TLS 1.3 secret after a KeyUpdate is named e.g. {@code SERVER_TRAFFIC_SECRET_1}
 * @param secret       the secret the keys came from, in hex
 * @param header       the 5-byte record header in hex
 * @param fragment     the encrypted fragment in hex (explicit nonce, ciphertext, tag)
 * @param innerType    the content type of the plaintext (the TLS 1.3 inner type, or the record's type)
 * @param plaintext    the decrypted content in hex, without the TLS 1.3 inner type and padding
 */
public record TlsDecryptedRecord(int direction, long seq, boolean tls13, int cipherSuite, String clientRandom,
                                 String serverRandom, String secretLabel, String secret, String header,
                                 String fragment, int innerType, String plaintext) {

    /** Checks the hex components. */
    public TlsDecryptedRecord {
        if (direction != 0 && direction != 1) {
            throw new IllegalArgumentException("direction must be 0 or 1: " + direction);
        }
        for (String hex : new String[] {clientRandom, serverRandom, secret, header, fragment, plaintext}) {
            HexFormat.of().parseHex(hex);
        }
    }

    /** The suite's IANA name. */
    public String cipherSuiteName() {
        return TlsCipherSuite.nameOf(cipherSuite);
    }

    /** The plaintext's length in bytes. */
    public int plaintextLength() {
        return plaintext.length() / 2;
    }
}
