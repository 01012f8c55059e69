package org.handshakelab.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.XECPrivateKey;
import java.util.Arrays;
import java.util.List;

import org.handshakelab.LabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshKeyLogTest {

    private static byte[] bytes(int length, int first) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }

    private static final SshKeyLog.Entry CLIENT = new SshKeyLog.Entry(SshKeyLog.Role.CLIENT, bytes(16, 0),
            bytes(32, 0xe0));
    private static final SshKeyLog.Entry SERVER = new SshKeyLog.Entry(SshKeyLog.Role.SERVER, bytes(16, 0x10),
            bytes(32, 0x40));

    @Test
    void lineIsCookieHexSpacePrivateKeyHex() {
        assertEquals("000102030405060708090a0b0c0d0e0f "
                + "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", CLIENT.line());
    }

    @Test
    void writeProducesOneLinePerEntryInOrder(@TempDir Path dir) throws IOException {
        SshKeyLog log = new SshKeyLog(List.of(CLIENT, SERVER));

        Path file = log.write(dir.resolve("ssh.keys"));

        assertEquals(List.of(CLIENT.line(), SERVER.line()), Files.readAllLines(file));
        assertTrue(Files.readString(file).endsWith("\n"));
    }

    @Test
    void writeToMissingFolderIsALabException(@TempDir Path dir) {
        SshKeyLog log = new SshKeyLog(List.of(CLIENT));

        LabException e = assertThrows(LabException.class, () -> log.write(dir.resolve("no/such/dir/ssh.keys")));

        assertTrue(e.getMessage().contains("cannot write the SSH key log"), e.getMessage());
    }

    @Test
    void onlyKeepsOneEndpoint() {
        SshKeyLog log = new SshKeyLog(List.of(CLIENT, SERVER));

        assertEquals(List.of(SERVER), log.only(SshKeyLog.Role.SERVER).entries());
        assertEquals(List.of(CLIENT.line()), log.only(SshKeyLog.Role.CLIENT).lines());
    }

    @Test
    void entryRejectsWrongLengthsNamingTheParameter() {
        IllegalArgumentException cookie = assertThrows(IllegalArgumentException.class,
                () -> new SshKeyLog.Entry(SshKeyLog.Role.CLIENT, new byte[15], new byte[32]));
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> new SshKeyLog.Entry(SshKeyLog.Role.CLIENT, new byte[16], new byte[31]));

        assertEquals("cookie must be 16 bytes: 15", cookie.getMessage());
        assertEquals("privateKey must be 32 bytes: 31", key.getMessage());
    }

    @Test
    void entryHandsOutCopies() {
        byte[] cookie = bytes(16, 0);
        SshKeyLog.Entry entry = new SshKeyLog.Entry(SshKeyLog.Role.CLIENT, cookie, bytes(32, 0));
        cookie[0] = 99;
        entry.privateKey()[0] = 99;

        assertArrayEquals(bytes(16, 0), entry.cookie());
        assertArrayEquals(bytes(32, 0), entry.privateKey());
    }

    @Test
    void toStringDoesNotRevealThePrivateKey() {
        String shown = CLIENT.toString() + new SshKeyLog(List.of(CLIENT)).toString();

        assertTrue(shown.contains(CLIENT.cookieHex()), shown);
        assertFalse(shown.contains("e0e1e2e3"), shown);
    }

    @Test
    void scalarFromPkcs8EqualsTheXecScalar() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("X25519", "SunEC").generateKeyPair();
        byte[] xec = ((XECPrivateKey) pair.getPrivate()).getScalar().orElseThrow();
        PrivateKey pkcs8Only = new PrivateKey() { // a provider key that is no XECPrivateKey
            @Override
            public String getAlgorithm() {
                return "X25519";
            }

            @Override
            public String getFormat() {
                return "PKCS#8";
            }

            @Override
            public byte[] getEncoded() {
                return pair.getPrivate().getEncoded();
            }
        };

        assertArrayEquals(xec, SshKeyCapture.x25519Scalar(pair.getPrivate()));
        assertArrayEquals(xec, SshKeyCapture.x25519Scalar(pkcs8Only));
    }

    @Test
    void cookieIsTakenAfterTheMessageCode() {
        byte[] kexInit = bytes(40, 20);

        assertArrayEquals(Arrays.copyOfRange(kexInit, 1, 17), SshKeyCapture.cookieOf(kexInit));
    }
}
