package org.handshakelab.dissect.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.handshakelab.dissect.AppProtocolsCorpus.RecordingSink;
import org.junit.jupiter.api.Test;

/** The messages that normally travel encrypted, from hand-made payloads (RFC 4252, RFC 4254, RFC 4256). */
class SshServiceParserTest {

    private static final String SECRET = "s3cret-pw";

    @Test
    void passwordRequestKeepsOnlyTheLength() {
        SshMessage m = SshServiceParser.parse(50, reader(payload(50, "student", "ssh-connection", "password",
                false, SECRET)));

        assertEquals(new UserauthRequest("student", "ssh-connection", "password", SECRET.length()), m);
        assertFalse(m.toString().contains(SECRET));
    }

    @Test
    void keyboardInteractiveResponsesAreNotKeptEvenInHex() {
        byte[] p = payload(61, 1L, SECRET);
        SshMessage m = SshServiceParser.parse(61, reader(p));

        assertEquals(new OtherMessage(61, ""), m);
    }

    @Test
    void aTruncatedPasswordRequestIsAnAnomalyWithoutItsBytes() {
        byte[] full = payload(50, "student", "ssh-connection", "password", false, SECRET);
        byte[] truncated = java.util.Arrays.copyOf(full, full.length - 2); // the password's length now lies
        RecordingSink sink = new RecordingSink();
        SshDissector d = SshDissector.create(sink);
        d.accept(0, ByteBuffer.wrap("SSH-2.0-test\r\n".getBytes(StandardCharsets.US_ASCII)), 1);
        d.accept(0, ByteBuffer.wrap(packet(truncated)), 2);

        assertEquals(1, sink.anomalies.size(), sink.anomalies.toString());
        String hex = HexFormat.of().formatHex(SECRET.substring(0, 5).getBytes(StandardCharsets.US_ASCII));
        sink.messages.forEach(m -> {
            assertFalse(m.toString().contains(SECRET.substring(0, 5)), m.toString());
            assertFalse(m.toString().contains(hex), m.toString());
        });
    }

    @Test
    void execRequestKeepsTheCommandAndExitStatusItsNumber() {
        assertEquals(new ChannelRequest(0, "exec", true, "echo hello", -1),
                SshServiceParser.parse(98, reader(payload(98, 0L, "exec", true, "echo hello"))));
        assertEquals(new ChannelRequest(3, "exit-status", false, "", 2),
                SshServiceParser.parse(98, reader(payload(98, 3L, "exit-status", false, 2L))));
    }

    @Test
    void dataPreviewEscapesControlCharactersAndIsBounded() {
        ChannelData d = (ChannelData) SshServiceParser.parse(94, reader(payload(94, 0L, "a\tb\n\u0001"
                + "x".repeat(100))));

        assertEquals(105, d.length());
        // the first PREVIEW (64) bytes: the 5 control-laden ones and 59 of the 100 x's, escaped
        assertEquals("a\\tb\\n\\u0001" + "x".repeat(ChannelData.PREVIEW - 5), d.preview());
    }

    private static SshReader reader(byte[] payload) {
        SshReader r = new SshReader(payload);
        r.u8("message code");
        return r;
    }

    /** A payload: the code, then strings, booleans and uint32s (Long) in order. */
    private static byte[] payload(int code, Object... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(code);
        for (Object f : fields) {
            if (f instanceof String s) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
                out.writeBytes(b);
            } else if (f instanceof Boolean b) {
                out.write(b ? 1 : 0);
            } else {
                out.writeBytes(ByteBuffer.allocate(4).putInt((int) (long) (Long) f).array());
            }
        }
        return out.toByteArray();
    }

    /** An unencrypted binary packet (RFC 4253 §6) around {@code payload}, padded to a multiple of 8. */
    private static byte[] packet(byte[] payload) {
        int padding = 8 - (5 + payload.length) % 8;
        padding = padding < 4 ? padding + 8 : padding;
        ByteBuffer b = ByteBuffer.allocate(5 + payload.length + padding);
        b.putInt(1 + payload.length + padding).put((byte) padding).put(payload);
        return b.array();
    }
}
