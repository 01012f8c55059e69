package org.handshakelab.dissect.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.handshakelab.dissect.AppProtocolsCorpus;
import org.handshakelab.dissect.Field;
import org.junit.jupiter.api.Test;

class TlsDissectorTest {

    private final AppProtocolsCorpus.RecordingSink sink = new AppProtocolsCorpus.RecordingSink();
    private final TlsDissector tls = TlsDissector.create(sink);

    private static byte[] record(int type, byte[] fragment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(3);
        out.write(3);
        out.write(fragment.length >> 8);
        out.write(fragment.length);
        out.writeBytes(fragment);
        return out.toByteArray();
    }

    private void send(int direction, int frame, byte[] bytes) {
        tls.accept(direction, ByteBuffer.wrap(bytes), frame);
    }

    /** The ClientHello handshake message of the Illustrated TLS 1.2 capture. */
    private static byte[] clientHello() {
        byte[] stream = AppProtocolsCorpus.connections(AppProtocolsCorpus.file("it12-capture.pcap")).get(0).stream(0);
        int length = (stream[3] & 0xFF) << 8 | stream[4] & 0xFF;
        return Arrays.copyOfRange(stream, 5, 5 + length);
    }

    @Test
    void handshakeMessageSpanningThreeRecordsIsReportedOnTheFrameCompletingIt() {
        byte[] hello = clientHello();
        int third = hello.length / 3;
        send(0, 1, record(22, Arrays.copyOfRange(hello, 0, 2)));
        send(0, 2, record(22, Arrays.copyOfRange(hello, 2, third)));
        send(0, 3, record(22, Arrays.copyOfRange(hello, third, hello.length)));
        assertEquals(Map.of(Field.TLS_RECORD_CONTENT_TYPE, List.of("22")), sink.fields.get(1));
        assertEquals(Map.of(Field.TLS_RECORD_CONTENT_TYPE, List.of("22")), sink.fields.get(2));
        assertEquals(List.of("1"), sink.fields.get(3).get(Field.TLS_HANDSHAKE_TYPE));
        ClientHello parsed = sink.messages(ClientHello.class).get(0);
        assertEquals(java.util.Optional.of("example.ulfheim.net"), parsed.serverName());
        assertEquals("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", parsed.cipherSuiteNames().get(0));
        assertEquals(List.of("3 TLS ClientHello"), sink.phases);
        assertEquals(List.of(), sink.anomalies);
    }

    @Test
    void severalHandshakeMessagesInOneRecordAreReportedInWireOrder() {
        byte[] done = {14, 0, 0, 0};
        byte[] fragment = new byte[8];
        System.arraycopy(done, 0, fragment, 0, 4);
        System.arraycopy(done, 0, fragment, 4, 4);
        send(1, 4, record(22, fragment));
        assertEquals(List.of("14", "14"), sink.fields.get(4).get(Field.TLS_HANDSHAKE_TYPE));
        assertEquals(2, sink.messages(ServerHelloDone.class).size());
    }

    @Test
    void bytesThatAreNoRecordAreSkippedUntilTheNextSegment() {
        send(0, 1, "GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        send(0, 2, new byte[] {1, 2, 3, 4, 5, 6, 7});
        send(0, 3, record(21, new byte[] {1, 0}));
        assertEquals(1, sink.anomalies.size(), sink.anomalies.toString());
        assertTrue(sink.anomalies.get(0).startsWith("1 TLS client: not a record header"), sink.anomalies.get(0));
        assertEquals(Map.of(Field.TLS_RECORD_CONTENT_TYPE, List.of("21")), sink.fields.get(3));
        assertEquals(List.of("3 TLS close_notify (client)"), sink.phases);
    }

    @Test
    void alertAfterChangeCipherSpecIsEncrypted() {
        send(1, 1, record(20, new byte[] {1}));
        send(1, 2, record(22, new byte[40]));
        send(1, 3, record(21, new byte[26]));
        assertEquals(List.of("1 TLS ChangeCipherSpec", "2 TLS encrypted handshake", "3 TLS encrypted alert (server)"),
                sink.phases);
        assertEquals(new TlsAlert(-1, -1, true), sink.messages(TlsAlert.class).get(0));
        assertEquals(new TlsEncryptedHandshake(40), sink.messages(TlsEncryptedHandshake.class).get(0));
        assertEquals(null, sink.fields.get(2).get(Field.TLS_HANDSHAKE_TYPE));
    }

    @Test
    void aHandshakeMessageTooLongToKeepIsSkippedWithAnAnomaly() {
        send(1, 1, record(22, new byte[] {11, 0x10, 0, 0, 1, 2, 3, 4}));
        send(1, 2, record(22, new byte[100]));
        assertEquals(List.of("1 TLS server: handshake message length 1048576 exceeds "
                + TlsDissector.MAX_HANDSHAKE_LENGTH + "; skipped"), sink.anomalies);
        assertEquals(null, sink.fields.get(2).get(Field.TLS_HANDSHAKE_TYPE));
    }

    @Test
    void streamEndingInsideARecordIsAnAnomaly() {
        send(0, 1, Arrays.copyOf(record(22, new byte[50]), 20));
        tls.end(0, 2);
        assertEquals(List.of("2 TLS client: stream ended inside a record (20 bytes of a 55-byte record)"),
                sink.anomalies);
    }
}
