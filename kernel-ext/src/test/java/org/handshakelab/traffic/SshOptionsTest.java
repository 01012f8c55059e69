package org.handshakelab.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SshOptionsTest {

    @Test
    void defaultsAreStudentEchoHelloChachaEd25519WithoutStrictKex() {
        SshOptions options = SshOptions.defaults();

        assertEquals("student", options.user());
        assertEquals("echo hello", options.command());
        assertEquals(SshCipher.CHACHA20_POLY1305, options.cipher());
        assertEquals(SshHostKeyType.ED25519, options.hostKeyType());
        assertEquals(Optional.empty(), options.expectedHostKey());
        assertFalse(options.strictKex());
    }

    @Test
    void toBuilderKeepsEverything() {
        SshOptions options = SshOptions.builder().user("alice").password("pw").command("echo x")
                .cipher(SshCipher.AES256_GCM).hostKeyType(SshHostKeyType.ECDSA_P256)
                .expectedHostKey("SHA256:" + "b".repeat(43)).timeout(Duration.ofSeconds(3)).strictKex(true).build();

        assertEquals(options.toString(), options.toBuilder().build().toString());
        assertEquals("pw", options.toBuilder().build().password());
    }

    @Test
    void toStringHidesThePassword() {
        assertFalse(SshOptions.builder().password("hunter2").build().toString().contains("hunter2"));
    }

    @Test
    void badValuesAreRejectedNamingParameterAndValue() {
        assertEquals("timeout must be 1ms..PT2M: PT0S", assertThrows(IllegalArgumentException.class,
                () -> SshOptions.builder().timeout(Duration.ZERO)).getMessage());
        assertEquals("user must not contain whitespace: \"a b\"", assertThrows(IllegalArgumentException.class,
                () -> SshOptions.builder().user("a b")).getMessage());
        assertEquals("password must be 1..1024 characters: 0", assertThrows(IllegalArgumentException.class,
                () -> SshOptions.builder().password("")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SshOptions.builder().expectedHostKey("MD5:aa:bb")).getMessage()
                .startsWith("expectedHostKey must be SHA256: followed by 43 base64 characters"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SshOptions.builder().command(" ")).getMessage().startsWith("command must be 1..1024"));
    }
}
