package org.handshakelab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.handshakelab.dissect.http.HttpRequest;
import org.handshakelab.dissect.http.HttpResponse;
import org.handshakelab.dissect.ssh.ChannelData;
import org.handshakelab.dissect.ssh.ChannelRequest;
import org.handshakelab.dissect.ssh.Disconnect;
import org.handshakelab.dissect.ssh.SshEncrypted;
import org.handshakelab.dissect.ssh.UserauthRequest;
import org.handshakelab.dissect.tls.CertificateMessage;
import org.handshakelab.dissect.tls.Finished;
import org.handshakelab.dissect.tls.OtherHandshake;
import org.handshakelab.dissect.tls.TlsAlert;
import org.handshakelab.dissect.tls.TlsDecryptedRecord;
import org.junit.jupiter.api.Test;

/** {@link LabCapture#withKeys()}: the messages a notebook lists once the capture's own secrets are used. */
class LabCaptureKeysTest {

    private static LabCapture bundled(String name) {
        return Workbook.open(name, Path.of("../captures", name + ".pcapng"), false);
    }

    @Test
    void withKeysTls13ShowsTheEncryptedHandshakeTheHttpAndTheCloseNotifies() {
        LabCapture plain = bundled("https-tls13");
        LabCapture keyed = plain.withKeys();
        assertTrue(keyed.decrypted());
        assertTrue(keyed.messages().size() > plain.messages().size(),
                plain.messages().size() + " messages without keys, " + keyed.messages().size() + " with");
        List<Integer> handshakeTypes = keyed.messages(OtherHandshake.class).stream().map(OtherHandshake::type).toList();
        assertTrue(handshakeTypes.contains(8), "EncryptedExtensions in " + handshakeTypes);
        assertTrue(handshakeTypes.contains(15), "CertificateVerify in " + handshakeTypes);
        assertEquals("localhost", keyed.first(CertificateMessage.class).certificates().get(0).commonName());
        List<Dissected> finished = keyed.found(Finished.class);
        assertEquals(List.of("server", "client"), finished.stream().map(Dissected::sender).toList());
        assertEquals(1, keyed.messages(HttpRequest.class).size());
        assertEquals(1, keyed.messages(HttpResponse.class).size());
        List<Dissected> closes = keyed.found(TlsAlert.class).stream()
                .filter(d -> ((TlsAlert) d.message()).description() == 0).toList();
        assertEquals(2, closes.size(), "close_notify from both sides: " + keyed.found(TlsAlert.class));
        assertFalse(keyed.messages(TlsDecryptedRecord.class).isEmpty());
        assertTrue(plain.messages(HttpRequest.class).isEmpty(), "without keys the HTTP stays encrypted");
    }

    @Test
    void withKeysTls12ShowsBothFinishedAndTheHttp() {
        LabCapture keyed = bundled("https-tls12").withKeys();
        assertEquals(2, keyed.messages(Finished.class).size());
        assertEquals(1, keyed.messages(HttpRequest.class).size());
        assertEquals(1, keyed.messages(HttpResponse.class).size());
    }

    @Test
    void withKeysSshShowsTheAuthenticationTheExecTheDataAndTheDisconnect() {
        LabCapture plain = bundled("ssh-exec");
        LabCapture keyed = plain.withKeys();
        UserauthRequest auth = keyed.messages(UserauthRequest.class).stream()
                .filter(u -> u.method().equals("password")).findFirst().orElseThrow();
        assertTrue(auth.maskedPassword().matches("\\*+"), auth.maskedPassword());
        assertFalse(auth.toString().contains("lab"), "the password never shows: " + auth);
        ChannelRequest exec = keyed.messages(ChannelRequest.class).stream()
                .filter(r -> r.type().equals("exec")).findFirst().orElseThrow();
        assertEquals("echo hello", exec.command());
        assertTrue(keyed.messages(ChannelData.class).stream().anyMatch(d -> d.preview().contains("hello")));
        assertEquals(1, keyed.messages(Disconnect.class).size());
        assertTrue(keyed.messages(SshEncrypted.class).size() < plain.messages(SshEncrypted.class).size());
        assertTrue(plain.messages(UserauthRequest.class).isEmpty());
    }
}
