package org.handshakelab.dissect.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NegotiatedAlgorithmsTest {

    private static KexInit kexInit(List<String> kex, List<String> hostKeys, List<String> ciphers, List<String> macs) {
        List<List<String>> lists = new ArrayList<>();
        lists.add(kex);
        lists.add(hostKeys);
        lists.add(ciphers);
        lists.add(ciphers);
        lists.add(macs);
        lists.add(macs);
        lists.add(List.of("none", "zlib@openssh.com"));
        lists.add(List.of("none"));
        lists.add(List.of());
        lists.add(List.of());
        return new KexInit("00112233445566778899aabbccddeeff", lists, false, 0);
    }

    @Test
    void eachListTakesTheClientsFirstAlgorithmTheServerAlsoSupports() {
        KexInit client = kexInit(List.of("sntrup761x25519-sha512", "curve25519-sha256", "ext-info-c"),
                List.of("ssh-ed25519", "rsa-sha2-512"), List.of("aes256-ctr", "aes128-ctr"),
                List.of("hmac-sha2-512", "hmac-sha2-256"));
        KexInit server = kexInit(List.of("ecdh-sha2-nistp256", "curve25519-sha256"),
                List.of("rsa-sha2-512", "ssh-ed25519"), List.of("aes128-ctr", "aes256-ctr"),
                List.of("hmac-sha2-256", "hmac-sha2-512"));
        NegotiatedAlgorithms agreed = NegotiatedAlgorithms.of(client, server);
        assertEquals(new NegotiatedAlgorithms("curve25519-sha256", "ssh-ed25519", "aes256-ctr", "aes256-ctr",
                "hmac-sha2-512", "hmac-sha2-512", "none", "none", "", ""), agreed);
        assertEquals("ssh-ed25519", agreed.algorithm(SshKexProposal.SERVER_HOST_KEY_ALGORITHMS));
    }

    @Test
    void aeadCiphersHaveAnImplicitMac() {
        KexInit both = kexInit(List.of("curve25519-sha256"), List.of("ssh-ed25519"),
                List.of("chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com"), List.of("hmac-sha2-256"));
        NegotiatedAlgorithms agreed = NegotiatedAlgorithms.of(both, both);
        assertEquals("chacha20-poly1305@openssh.com", agreed.encryptionClientToServer());
        assertEquals(NegotiatedAlgorithms.IMPLICIT_MAC, agreed.macClientToServer());
        assertEquals(NegotiatedAlgorithms.IMPLICIT_MAC, agreed.macServerToClient());
    }

    @Test
    void noCommonAlgorithmIsAnEmptyName() {
        KexInit client = kexInit(List.of("curve25519-sha256"), List.of("ssh-ed25519"), List.of("aes128-ctr"),
                List.of("hmac-sha2-256"));
        KexInit server = kexInit(List.of("diffie-hellman-group14-sha256"), List.of("ssh-ed25519"),
                List.of("3des-cbc"), List.of("hmac-sha1"));
        NegotiatedAlgorithms agreed = NegotiatedAlgorithms.of(client, server);
        assertEquals("", agreed.kex());
        assertEquals("", agreed.encryptionClientToServer());
        assertEquals("", agreed.macClientToServer());
    }

    @Test
    void withoutACommonHostKeyAlgorithmNoKeyExchangeIsPossible() {
        KexInit client = kexInit(List.of("curve25519-sha256"), List.of("ssh-ed25519"), List.of("aes128-ctr"),
                List.of("hmac-sha2-256"));
        KexInit server = kexInit(List.of("curve25519-sha256"), List.of("rsa-sha2-512"), List.of("aes128-ctr"),
                List.of("hmac-sha2-256"));
        assertEquals("", NegotiatedAlgorithms.of(client, server).kex());
    }
}
