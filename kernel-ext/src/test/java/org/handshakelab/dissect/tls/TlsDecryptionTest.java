package org.handshakelab.dissect.tls;

import static org.handshakelab.dissect.tls.Rfc8448.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.handshakelab.dissect.AppProtocolsCorpus.RecordingSink;
import org.handshakelab.dissect.Field;
import org.junit.jupiter.api.Test;

/** Key derivation and record decryption against RFC 8448's published TLS 1.3 trace; bad keys and bad tags. */
class TlsDecryptionTest {

    private static final String HS = "SERVER_HANDSHAKE_TRAFFIC_SECRET " + Rfc8448.CLIENT_RANDOM + " "
            + Rfc8448.S_HS_TRAFFIC + "\n";

    private static Map<String, String> outputs(List<KeyScheduleStep> steps) {
        return steps.stream().collect(Collectors.toMap(KeyScheduleStep::name, KeyScheduleStep::output, (a, b) -> b));
    }

    @Test
    void handshakeChainFromTheSharedSecretMatchesRfc8448() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] helloHash = sha.digest(hex(Rfc8448.CLIENT_HELLO + Rfc8448.SERVER_HELLO));
        assertEquals(Rfc8448.HELLO_HASH, HexFormat.of().formatHex(helloHash));
        byte[] finishedHash = sha.digest(hex(Rfc8448.CLIENT_HELLO + Rfc8448.SERVER_HELLO + Rfc8448.ENCRYPTED_EXTENSIONS
                + Rfc8448.CERTIFICATE + Rfc8448.CERTIFICATE_VERIFY + Rfc8448.SERVER_FINISHED));
        Map<String, String> out = outputs(TlsKeySchedule.handshakeChain(0x1301, hex(Rfc8448.SHARED_SECRET), helloHash,
                finishedHash, "RFC 8448"));
        assertEquals(Rfc8448.EARLY_SECRET, out.get("early secret"));
        assertEquals(Rfc8448.DERIVED_FOR_HANDSHAKE, out.get("derived (for handshake)"));
        assertEquals(Rfc8448.HANDSHAKE_SECRET, out.get("handshake secret"));
        assertEquals(Rfc8448.C_HS_TRAFFIC, out.get("CLIENT_HANDSHAKE_TRAFFIC_SECRET"));
        assertEquals(Rfc8448.S_HS_TRAFFIC, out.get("SERVER_HANDSHAKE_TRAFFIC_SECRET"));
        assertEquals(Rfc8448.DERIVED_FOR_MASTER, out.get("derived (for master)"));
        assertEquals(Rfc8448.MASTER_SECRET, out.get("master secret"));
        assertEquals(Rfc8448.C_AP_TRAFFIC, out.get("CLIENT_TRAFFIC_SECRET_0"));
        assertEquals(Rfc8448.S_AP_TRAFFIC, out.get("SERVER_TRAFFIC_SECRET_0"));
    }

    @Test
    void trafficKeysAndIvsMatchRfc8448() {
        Map<String, String> server = outputs(TlsKeySchedule.trafficKeys(0x1301, "s hs traffic",
                hex(Rfc8448.S_HS_TRAFFIC), "RFC 8448"));
        assertEquals(Rfc8448.S_HS_KEY, server.get("write key"));
        assertEquals(Rfc8448.S_HS_IV, server.get("write iv"));
        Map<String, String> client = outputs(TlsKeySchedule.trafficKeys(0x1301, "c hs traffic",
                hex(Rfc8448.C_HS_TRAFFIC), "RFC 8448"));
        assertEquals(Rfc8448.C_HS_KEY, client.get("write key"));
        assertEquals(Rfc8448.C_HS_IV, client.get("write iv"));
        Map<String, String> app = outputs(TlsKeySchedule.trafficKeys(0x1301, "s ap traffic",
                hex(Rfc8448.S_AP_TRAFFIC), "RFC 8448"));
        assertEquals(Rfc8448.S_AP_KEY, app.get("write key"));
        assertEquals(Rfc8448.S_AP_IV, app.get("write iv"));
    }

    /** Runs the RFC's ClientHello, ServerHello and protected server flight through a dissector. */
    private static RecordingSink dissect(TlsKeyLog keys, byte[] flight, int split) {
        RecordingSink sink = new RecordingSink();
        TlsDissector tls = TlsDissector.create(sink, keys);
        tls.accept(0, ByteBuffer.wrap(Rfc8448.plaintextRecord(0x0301, Rfc8448.CLIENT_HELLO)), 1);
        tls.accept(1, ByteBuffer.wrap(Rfc8448.plaintextRecord(0x0303, Rfc8448.SERVER_HELLO)), 2);
        tls.accept(1, ByteBuffer.wrap(flight, 0, split), 3);
        tls.accept(1, ByteBuffer.wrap(flight, split, flight.length - split), 4);
        return sink;
    }

    private static List<String> values(RecordingSink sink, Field field) {
        List<String> all = new ArrayList<>();
        sink.fields.values().forEach(m -> all.addAll(m.getOrDefault(field, List.of())));
        return all;
    }

    @Test
    void theServerFlightOfRfc8448DecryptsToItsFourHandshakeMessagesWhereverTheSegmentsSplit() {
        byte[] flight = hex(Rfc8448.SERVER_FLIGHT_RECORD);
        for (int split = 0; split <= flight.length; split += 37) {
            RecordingSink sink = dissect(TlsKeyLog.parse(HS, "test"), flight, split);
            assertEquals(List.of("1", "2", "8", "11", "15", "20"), values(sink, Field.TLS_HANDSHAKE_TYPE), "split " + split);
            assertEquals(List.of("22", "22", "22"), values(sink, Field.TLS_RECORD_CONTENT_TYPE));
            assertEquals(List.of(), sink.anomalies);
            TlsDecryptedRecord r = sink.messages.stream().filter(TlsDecryptedRecord.class::isInstance)
                    .map(TlsDecryptedRecord.class::cast).findFirst().orElseThrow();
            assertEquals(Rfc8448.ENCRYPTED_EXTENSIONS + Rfc8448.CERTIFICATE + Rfc8448.CERTIFICATE_VERIFY
                    + Rfc8448.SERVER_FINISHED, r.plaintext());
            assertEquals(22, r.innerType());
            assertEquals(0, r.seq());
            assertTrue(sink.messages.stream().anyMatch(m -> m instanceof CertificateMessage), "the certificate");
        }
    }

    @Test
    void theRecordStepsRedoTheDecryptionFromTheKeyLogSecret() {
        RecordingSink sink = dissect(TlsKeyLog.parse(HS, "test"), hex(Rfc8448.SERVER_FLIGHT_RECORD), 0);
        TlsDecryptedRecord r = sink.messages.stream().filter(TlsDecryptedRecord.class::isInstance)
                .map(TlsDecryptedRecord.class::cast).findFirst().orElseThrow();
        List<KeyScheduleStep> steps = TlsKeySchedule.recordSteps(r);
        Map<String, String> out = outputs(steps);
        assertEquals(Rfc8448.S_HS_TRAFFIC, out.get("SERVER_HANDSHAKE_TRAFFIC_SECRET"));
        assertEquals(Rfc8448.S_HS_KEY, out.get("write key"));
        assertEquals(Rfc8448.S_HS_IV, out.get("write iv"));
        assertEquals(Rfc8448.S_HS_IV, out.get("nonce"), "sequence number 0: the nonce is the iv");
        assertEquals("17030302a2", out.get("additional data"));
        assertTrue(out.get("decrypted").endsWith("16"), "inner type 22 after the content");
        assertEquals("22 (handshake)", out.get("inner content type"));
        assertEquals("key log", steps.stream().filter(s -> s.name().equals("SERVER_HANDSHAKE_TRAFFIC_SECRET"))
                .findFirst().orElseThrow().source());
    }

    @Test
    void aRecordWhoseTagFailsIsAnAnomalyNotPlaintext() {
        byte[] flight = hex(Rfc8448.SERVER_FLIGHT_RECORD);
        flight[100] ^= 1;
        RecordingSink sink = dissect(TlsKeyLog.parse(HS, "test"), flight, 0);
        assertEquals(List.of("1", "2"), values(sink, Field.TLS_HANDSHAKE_TYPE));
        assertEquals(List.of("22", "22"), values(sink, Field.TLS_RECORD_CONTENT_TYPE), "the opaque record keeps no type");
        assertEquals(1, sink.anomalies.size(), sink.anomalies.toString());
        assertTrue(sink.anomalies.get(0).contains("failed authentication"), sink.anomalies.toString());
        assertTrue(sink.messages.stream().noneMatch(m -> m instanceof TlsDecryptedRecord));
    }

    @Test
    void aKeyLogWithTheWrongSecretFailsAuthentication() {
        String wrong = "SERVER_HANDSHAKE_TRAFFIC_SECRET " + Rfc8448.CLIENT_RANDOM + " " + Rfc8448.C_HS_TRAFFIC + "\n";
        RecordingSink sink = dissect(TlsKeyLog.parse(wrong, "test"), hex(Rfc8448.SERVER_FLIGHT_RECORD), 0);
        assertEquals(List.of("1", "2"), values(sink, Field.TLS_HANDSHAKE_TYPE));
        assertTrue(sink.anomalies.get(0).contains("failed authentication"), sink.anomalies.toString());
    }

    @Test
    void aKeyLogForAnotherSessionLeavesTheRecordsEncryptedWithOneLineSayingWhy() {
        String other = "SERVER_HANDSHAKE_TRAFFIC_SECRET " + "00".repeat(32) + " " + Rfc8448.S_HS_TRAFFIC + "\n";
        byte[] flight = hex(Rfc8448.SERVER_FLIGHT_RECORD);
        byte[] twice = new byte[flight.length * 2];
        System.arraycopy(flight, 0, twice, 0, flight.length);
        System.arraycopy(flight, 0, twice, flight.length, flight.length);
        RecordingSink sink = dissect(TlsKeyLog.parse(other, "test"), twice, 0);
        assertEquals(List.of("1", "2"), values(sink, Field.TLS_HANDSHAKE_TYPE));
        assertEquals(1, sink.anomalies.size(), sink.anomalies.toString());
        assertTrue(sink.anomalies.get(0).contains("no SERVER_HANDSHAKE_TRAFFIC_SECRET line for client random "
                + Rfc8448.CLIENT_RANDOM), sink.anomalies.toString());
        assertTrue(sink.phases.stream().anyMatch(p -> p.endsWith("TLS encrypted handshake")), sink.phases.toString());
    }

    @Test
    void withoutAnyKeysNothingIsDecryptedAndNothingIsSaid() {
        RecordingSink sink = dissect(TlsKeyLog.empty(), hex(Rfc8448.SERVER_FLIGHT_RECORD), 0);
        assertEquals(List.of("1", "2"), values(sink, Field.TLS_HANDSHAKE_TYPE));
        assertEquals(List.of(), sink.anomalies);
    }

    @Test
    void badKeyLogLinesAreProblemsNotExceptions() {
        TlsKeyLog log = TlsKeyLog.parse("# comment\n\nCLIENT_RANDOM zz 00\nFOO " + "00".repeat(32) + " 00\n"
                + "CLIENT_RANDOM " + "00".repeat(31) + " " + "11".repeat(48) + "\n"
                + "CLIENT_RANDOM " + "00".repeat(32) + " " + "11".repeat(47) + "\n"
                + "SERVER_TRAFFIC_SECRET_0 only-two-words\n"
                + "CLIENT_RANDOM " + "AB".repeat(32) + " " + "11".repeat(48) + "\n", "bad.keylog");
        assertEquals(1, log.size());
        assertEquals(5, log.problems().size(), log.problems().toString());
        assertTrue(log.problems().get(0).startsWith("bad.keylog line 3: not hex"), log.problems().toString());
        assertTrue(log.problems().get(1).contains("unknown label FOO"), log.problems().toString());
        assertTrue(log.problems().get(2).contains("client random must be 32 bytes: 31"), log.problems().toString());
        assertTrue(log.problems().get(3).contains("must be 48 bytes: 47"), log.problems().toString());
        assertTrue(log.secret("CLIENT_RANDOM", "ab".repeat(32)).isPresent(), "hex case does not matter");
    }
}
