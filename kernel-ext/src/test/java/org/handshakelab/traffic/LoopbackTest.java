package org.handshakelab.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoopbackTest {

    @Test
    void listenBindsLoopbackOnAFreePort() throws IOException {
        try (ServerSocket s = Loopback.listen(Duration.ofSeconds(1))) {
            assertEquals(Loopback.ADDRESS, s.getInetAddress());
            assertTrue(s.getLocalPort() > 0);
        }
    }

    @Test
    void nothingListensOnAFreePort() throws IOException {
        int port = Loopback.freePort();
        try (Socket s = Loopback.unconnected(Duration.ofSeconds(1))) {
            assertThrows(ConnectException.class, () -> Loopback.connect(s, port, Duration.ofSeconds(1)));
        }
    }

    @Test
    void waitsMustBeBounded() {
        assertEquals("timeout must be 1 ms..10 min: PT0S", assertThrows(IllegalArgumentException.class,
                () -> Loopback.listen(Duration.ZERO)).getMessage());
        assertEquals("port must be 1..65535: 0",
                assertThrows(IllegalArgumentException.class, () -> Loopback.hostPort(0)).getMessage());
    }
}
