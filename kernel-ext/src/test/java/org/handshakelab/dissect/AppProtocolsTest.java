package org.handshakelab.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.handshakelab.dissect.AppProtocols.Protocol;
import org.handshakelab.dissect.http.HttpDissector;
import org.handshakelab.dissect.ssh.SshDissector;
import org.handshakelab.dissect.tls.TlsDissector;
import org.junit.jupiter.api.Test;

class AppProtocolsTest {

    private static Optional<Protocol> detect(String text, int direction) {
        return AppProtocols.detect(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)), direction);
    }

    private static Optional<Protocol> detect(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return AppProtocols.detect(ByteBuffer.wrap(b), 0);
    }

    @Test
    void sshIsRecognisedByItsIdentificationString() {
        assertEquals(Optional.of(Protocol.SSH), detect("SSH-2.0-OpenSSH_9.2p1\r\n", 1));
        assertEquals(Optional.of(Protocol.SSH), detect("SSH-", 0));
        assertEquals(Optional.empty(), detect("SSH", 0));
    }

    @Test
    void tlsIsRecognisedByAPlausibleRecordHeader() {
        assertEquals(Optional.of(Protocol.TLS), detect(0x16, 0x03, 0x01, 0x00, 0xf8, 0x01));
        assertEquals(Optional.of(Protocol.TLS), detect(0x17, 0x03, 0x03, 0x40, 0x11));
        assertEquals(Optional.empty(), detect(0x16, 0x03, 0x05, 0x00, 0x10), "minor version 5");
        assertEquals(Optional.empty(), detect(0x19, 0x03, 0x03, 0x00, 0x10), "content type 25");
        assertEquals(Optional.empty(), detect(0x16, 0x03, 0x01, 0x00, 0x00), "empty record");
        assertEquals(Optional.empty(), detect(0x16, 0x03, 0x01, 0x48, 0x01), "longer than 2^14 + 2048");
        assertEquals(Optional.empty(), detect(0x16, 0x03, 0x01), "too short to tell");
    }

    @Test
    void httpIsRecognisedByAMethodAndSpaceOrAStatusLine() {
        assertEquals(Optional.of(Protocol.HTTP), detect("GET / HTTP/1.1\r\n", 0));
        assertEquals(Optional.of(Protocol.HTTP), detect("OPTIONS * HTTP/1.1\r\n", 0));
        assertEquals(Optional.of(Protocol.HTTP), detect("HTTP/1.0 200 OK\r\n", 1));
        assertEquals(Optional.empty(), detect("GETTING / HTTP/1.1", 0));
        assertEquals(Optional.empty(), detect("get / HTTP/1.1", 0), "methods are case-sensitive");
        assertEquals(Optional.empty(), detect("HTTP/2.0 200", 1));
    }

    @Test
    void detectionLeavesTheBufferAsItWas() {
        ByteBuffer b = ByteBuffer.wrap("xxSSH-2.0-x".getBytes(StandardCharsets.US_ASCII));
        b.position(2);
        assertEquals(Optional.of(Protocol.SSH), AppProtocols.detect(b, 0));
        assertEquals(2, b.position());
    }

    @Test
    void aDirectionOtherThanZeroOrOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AppProtocols.detect(ByteBuffer.allocate(4), 2));
        assertEquals("direction must be 0 or 1: 2", e.getMessage());
    }

    @Test
    void eachProtocolCreatesItsDissector() {
        AppProtocolsCorpus.RecordingSink sink = new AppProtocolsCorpus.RecordingSink();
        assertEquals(HttpDissector.class, Protocol.HTTP.create(sink).getClass());
        assertEquals(TlsDissector.class, Protocol.TLS.create(sink).getClass());
        assertEquals(SshDissector.class, Protocol.SSH.create(sink).getClass());
    }

    @Test
    void aDirectionThatMatchesNothingJoinsTheOtherDirectionsProtocol() {
        AppProtocolsCorpus.RecordingSink sink = new AppProtocolsCorpus.RecordingSink();
        StreamDissector d = AppProtocols.dissector(sink);
        d.accept(1, ascii("Unauthorised access prohibited\r\nSSH-2.0-Server\r\n"), 4);
        d.accept(0, ascii("SSH-2."), 5);
        d.accept(0, ascii("0-Client\r\n"), 6);
        assertEquals(List.of("4 SSH version (server)", "6 SSH version (client)"), sink.phases);
        assertEquals(List.of(), sink.anomalies);
    }

    @Test
    void bytesOfNoKnownProtocolReportNothing() {
        AppProtocolsCorpus.RecordingSink sink = new AppProtocolsCorpus.RecordingSink();
        StreamDissector d = AppProtocols.dissector(sink);
        d.accept(0, ascii("EHLO mail.example\r\n"), 1);
        d.accept(1, ascii("220 mail.example ESMTP\r\n"), 2);
        d.end(0, 3);
        d.end(1, 3);
        assertEquals(List.of(), sink.phases);
        assertEquals(List.of(), sink.anomalies);
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
