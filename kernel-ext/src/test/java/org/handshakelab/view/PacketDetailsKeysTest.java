package org.handshakelab.view;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A packet's details decrypt with the secrets the capture carries, as Wireshark does. */
class PacketDetailsKeysTest {

    @Test
    void detailsOfAnEncryptedSshFrameShowTheDecryptedDisconnect() {
        PacketDetails d = Bundled.trace("ssh-exec").details(41);
        assertTrue(d.messages().stream().anyMatch(m -> m.contains("Disconnect[")), d.messages().toString());
    }

    @Test
    void detailsOfATls13RequestFrameShowTheDecryptedHttpRequest() {
        PacketDetails d = Bundled.trace("https-tls13").details(10);
        assertTrue(d.messages().stream().anyMatch(m -> m.contains("HttpRequest[")), d.messages().toString());
    }
}
