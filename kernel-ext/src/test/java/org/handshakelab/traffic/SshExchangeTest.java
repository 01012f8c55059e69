package org.handshakelab.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SshExchangeTest {

    @Test
    void echoHelloReturnsHelloWithExitStatusZero() {
        SshExchange exchange = SshExchange.run(SshOptions.builder().password("pw").build());
        System.out.println(exchange);
        exchange.keyLog().lines().forEach(System.out::println);
        assertEquals("hello\n", exchange.output());
        assertEquals(0, exchange.exitStatus());
    }
}
