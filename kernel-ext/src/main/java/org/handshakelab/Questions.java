package org.handshakelab;

import java.util.List;
import java.util.function.Supplier;

import org.handshakelab.Quiz.Kind;
import org.handshakelab.dissect.TcpFlags;
import org.handshakelab.dissect.http.HttpRequest;
import org.handshakelab.dissect.http.HttpResponse;
import org.handshakelab.dissect.ssh.ChannelRequest;
import org.handshakelab.dissect.ssh.Disconnect;
import org.handshakelab.dissect.ssh.KexEcdhInit;
import org.handshakelab.dissect.ssh.KexInit;
import org.handshakelab.dissect.ssh.NegotiatedAlgorithms;
import org.handshakelab.dissect.ssh.SshBanner;
import org.handshakelab.dissect.ssh.SshEncrypted;
import org.handshakelab.dissect.ssh.SshPacket;
import org.handshakelab.dissect.tls.CertificateInfo;
import org.handshakelab.dissect.tls.CertificateMessage;
import org.handshakelab.dissect.tls.ClientHello;
import org.handshakelab.dissect.tls.ClientKeyExchange;
import org.handshakelab.dissect.tls.DnAttribute;
import org.handshakelab.dissect.tls.ServerHello;
import org.handshakelab.dissect.tls.ServerKeyExchange;
import org.handshakelab.dissect.tls.TlsAlert;
import org.handshakelab.dissect.tls.TlsEncryptedHandshake;
import org.handshakelab.dissect.tls.TlsDecryptedRecord;
import org.handshakelab.dissect.tls.TlsHandshake;
import org.handshakelab.dissect.tls.TlsHandshakeType;
import org.handshakelab.dissect.tls.TlsRecord;
import org.handshakelab.table.PacketTable;

/**
 * The questions of notebooks 01 (http.*), 02 (tls.*) and 03 (ssh.*), registered when their capture is opened.
 * Every expected answer is computed from that capture; every hint says where to look, not what is there.
 */
final class Questions {

    private Questions() {
    }

    static void register(LabCapture c) {
        switch (c.name()) {
            case "http-keepalive" -> http(c);
            case "http-close" -> add("http.q10", "In the Connection: close exchange, who sent the first FIN: client "
                    + "or server?", Kind.TEXT, () -> c.sender(firstFin(c)),
                    "Find the first row whose Flags contain FIN and read its From column.");
            case "tcp-rst" -> add("http.q11", "What is tcp.flags (in hex) of the segment that ended the connection?",
                    Kind.FLAGS, () -> c.table().flags(c.size() - 1),
                    "Read tcp.flags of the last frame; RST is bit 0x004 of the TCP header.");
            case "tcp-refused" -> add("http.q12", "What relative acknowledgement number does the RST,ACK of the "
                    + "refused connection carry?", Kind.NUMBER, () -> c.table().ack(c.firstWith(TcpFlags.RST, 1)),
                    "The RST,ACK acknowledges the SYN it refuses; a SYN consumes one sequence number.");
            case "https-tls12" -> tls12(c);
            case "https-tls13" -> tls13(c);
            case "ssh-exec" -> ssh(c);
            default -> {
                // captures without questions
            }
        }
    }

    private static void add(String id, String text, Kind kind, Supplier<Object> reference, String hint) {
        Quiz.register(new Quiz.Question(id, text, kind, reference, hint));
    }

    private static int firstFin(LabCapture c) {
        return c.firstRow(row -> c.table().flags(row) >= 0 && TcpFlags.has(c.table().flags(row), TcpFlags.FIN));
    }

    private static void http(LabCapture c) {
        PacketTable t = c.table();
        int syn = c.firstWithFlags(TcpFlags.SYN);
        int synAck = c.firstWithFlags(TcpFlags.SYN | TcpFlags.ACK);
        add("start.q1", "How many frames does the capture have?", Kind.NUMBER, c::size,
                "The table's caption says how many rows it has: one row per frame.");
        add("http.q1", "Which TCP port does the server listen on?", Kind.NUMBER, c::serverPort,
                "The server's port is the destination port (tcp.dstport) of the client's SYN.");
        add("http.q2", "What is the client's initial sequence number (ISN) as sent on the wire (raw)?", Kind.NUMBER,
                () -> t.seqRaw(syn), "Relative numbers start at 0 on purpose; the ISN is the SYN's tcp.seq_raw.");
        add("http.q3", "What raw acknowledgement number does the SYN-ACK carry?", Kind.NUMBER, () -> t.ackRaw(synAck),
                "The server acknowledges the next sequence number it expects: a SYN consumes one.");
        add("http.q4", "What is tcp.flags of the SYN-ACK, in hex?", Kind.FLAGS, () -> t.flags(synAck),
                "The flags are bits of the TCP header: read tcp.flags of the handshake's second segment.");
        add("http.q5", "How many milliseconds passed between the client's SYN and the server's SYN-ACK?", Kind.MILLIS,
                () -> c.millisBetween(syn, synAck), "Subtract the two frames' Time (s) values and convert to ms.");
        add("http.q6", "How many TCP segments carried the first HTTP response?", Kind.NUMBER,
                () -> c.first(HttpResponse.class).frames().size(),
                "Count the server's segments with Len > 0 between the first request and the first response's end.");
        add("http.q7", "With which relative ack number does the server acknowledge the whole first request?",
                Kind.NUMBER, () -> {
                    int last = c.first(HttpRequest.class).frames().get(c.first(HttpRequest.class).frames().size() - 1);
                    return t.seq(last - 1) + t.len(last - 1);
                }, "The ack is the next byte expected: the request's last segment's seq plus its length.");
        add("http.q8", "With which relative ack number is the client's FIN acknowledged?", Kind.NUMBER,
                () -> t.seq(c.firstWith(TcpFlags.FIN, 0)) + t.len(c.firstWith(TcpFlags.FIN, 0)) + 1,
                "Take the FIN's seq (and its Len, if it carries data); a FIN consumes one sequence number.");
        add("http.q9", "How many segments did the close take, from the first FIN to the last segment?", Kind.NUMBER,
                () -> c.size() - firstFin(c), "Count the rows from the first segment with FIN set to the end.");
    }

    private static void tls12(LabCapture c) {
        add("tls.q1", "Which cipher suite did the server choose? (its name, or its hex code)", Kind.TEXT, () -> {
            ServerHello sh = c.first(ServerHello.class);
            return List.of(sh.cipherSuiteName(), String.format("0x%04x", sh.cipherSuite()));
        }, "The client offers a list in ClientHello; ServerHello carries the one chosen.");
        add("tls.q2", "How many cipher suites did the client offer?", Kind.NUMBER,
                () -> c.first(ClientHello.class).cipherSuites().size(), "Count the suites listed in ClientHello.");
        add("tls.q3", "In which frame does the server's Certificate message arrive?", Kind.NUMBER,
                () -> c.firstFound(CertificateMessage.class).frame(),
                "Look for the frame whose Step names the Certificate message.");
        add("tls.q4", "What is the Organization (O) in the certificate's subject?", Kind.TEXT,
                () -> leaf(c).subjectAttributes().stream().filter(a -> a.name().equals("O") || a.oid().equals("2.5.4.10"))
                        .map(DnAttribute::value).findFirst().orElse(""),
                "Read the subject of the first certificate in the Certificate message.");
        add("tls.q5", "How many bits long is the certificate's public key?", Kind.NUMBER, () -> leaf(c).publicKeyBits(),
                "Read the public key of the first certificate in the Certificate message.");
        add("tls.q6", "How many handshake messages does the server send in its first flight?", Kind.NUMBER,
                () -> serverFirstFlight(c), "Count the server's handshake messages before the client answers with "
                        + "its key exchange.");
        add("tls.q7", "Which elliptic curve (named group) did the ECDHE key exchange use?", Kind.TEXT,
                () -> c.first(ServerKeyExchange.class).namedGroupName(),
                "ServerKeyExchange names the curve of the server's ephemeral key.");
        add("tls.q8", "In which frame does the client send its first encrypted handshake message?", Kind.NUMBER,
                () -> c.found(TlsEncryptedHandshake.class).stream().filter(Dissected::fromClient).findFirst()
                        .orElseThrow().frame(),
                "After ChangeCipherSpec everything a side sends is encrypted: find the client's ChangeCipherSpec.");
        add("tls.q9", "Which side sent close_notify first: client or server?", Kind.TEXT,
                () -> c.firstFound(TlsAlert.class).sender(), "Find the first alert record and read who sent it.");
        add("tls.q10", "What tls.record.content_type does the close_notify record have?", Kind.NUMBER, () -> {
            int frame = c.firstFound(TlsAlert.class).frame();
            return c.found(TlsRecord.class).stream().filter(d -> d.frame() == frame).map(d -> (TlsRecord) d.message())
                    .filter(r -> !r.opaque()).findFirst().orElseThrow().contentType();
        }, "The record header stays readable even when its content is encrypted: read its content type.");
    }

    private static CertificateInfo leaf(LabCapture c) {
        return c.first(CertificateMessage.class).certificates().get(0);
    }

    private static int serverFirstFlight(LabCapture c) {
        int clientKeyExchange = c.firstFound(ClientKeyExchange.class).frame();
        return (int) c.found(TlsHandshake.class).stream()
                .filter(d -> !d.fromClient() && d.frame() < clientKeyExchange).count();
    }

    private static void tls13(LabCapture c) {
        add("tls.q11", "Which TLS version did the TLS 1.3 server select? (hex, as in supported_versions)", Kind.NUMBER,
                () -> String.format("0x%04x", c.first(ServerHello.class).selectedVersion()),
                "ServerHello's legacy version field says 0x0303 in any case; the supported_versions extension tells.");
        add("tls.q12", "How many handshake messages of the TLS 1.3 capture can you read without keys (both sides)?",
                Kind.NUMBER, () -> c.messages(TlsHandshake.class).size(),
                "Count the handshake messages shown in clear; everything after ServerHello is encrypted.");
        // the questions of "With the keys": asked of the same capture, decrypted with the secrets it carries
        add("tls.q13", "In TLS 1.3, which handshake message carries the server's certificate? (its name or type number)",
                Kind.TEXT, () -> {
                    int type = c.withKeys().first(CertificateMessage.class).type();
                    return List.of(TlsHandshakeType.nameOf(type), Integer.toString(type));
                }, "Decrypted, the server's flight after ServerHello is a list of handshake messages: find the one "
                        + "holding the server's X.509 chain (subject, issuer, public key).");
        add("tls.q14", "How many bytes of authentication tag does an encrypted TLS 1.3 record carry?", Kind.NUMBER,
                () -> {
                    // fragment = plaintext + 1 inner content type byte (+ zero padding: none from the lab's
                    // server) + tag
                    TlsDecryptedRecord r = c.withKeys().messages(TlsDecryptedRecord.class).get(0);
                    return r.fragment().length() / 2 - r.plaintextLength() - 1;
                }, "Compare a record's length with the plaintext it decrypts to (plus the one inner content type byte).");
        add("tls.q15", "What inner content type does the decrypted close_notify record have?", Kind.NUMBER, () -> {
            LabCapture k = c.withKeys();
            int frame = k.found(TlsAlert.class).stream().filter(d -> ((TlsAlert) d.message()).description() == 0)
                    .findFirst().orElseThrow().frame();
            return k.found(TlsDecryptedRecord.class).stream().filter(d -> d.frame() == frame)
                    .map(d -> ((TlsDecryptedRecord) d.message()).innerType()).findFirst().orElseThrow();
        }, "The record header says 23 for every encrypted TLS 1.3 record; the true type is the last byte of the "
                + "decrypted content.");
    }

    private static void ssh(LabCapture c) {
        add("ssh.q1", "Which TCP port does the SSH server listen on?", Kind.NUMBER, c::serverPort,
                "The server's port is the destination port of the client's SYN.");
        add("ssh.q2", "Who sends its identification string (SSH-2.0-...) first: client or server?", Kind.TEXT,
                () -> c.firstFound(SshBanner.class).sender(), "Find the first frame with ssh.protocol and its sender.");
        add("ssh.q3", "Which software version does the server announce?", Kind.TEXT,
                () -> c.found(SshBanner.class).stream().filter(d -> !d.fromClient()).map(d -> (SshBanner) d.message())
                        .findFirst().orElseThrow().softwareVersion(),
                "The server's identification string is SSH-protoversion-softwareversion.");
        add("ssh.q4", "How many key exchange algorithms does the client offer?", Kind.NUMBER,
                () -> kexInit(c, true).kexAlgorithms().size(), "Count kex_algorithms in the client's KEXINIT.");
        add("ssh.q5", "Which key exchange algorithm was chosen?", Kind.TEXT, () -> agreed(c).kex(),
                "Take the client's list in order; the first one the server also lists wins.");
        add("ssh.q6", "Which server host key algorithm was chosen?", Kind.TEXT, () -> agreed(c).hostKey(),
                "Same rule as for the key exchange, on server_host_key_algorithms.");
        add("ssh.q7", "Which cipher encrypts client-to-server traffic?", Kind.TEXT,
                () -> agreed(c).encryptionClientToServer(),
                "Same rule, on encryption_algorithms_client_to_server.");
        add("ssh.q8", "What ssh.message_code does the client's key exchange init carry?", Kind.NUMBER, () -> {
            int frame = c.firstFound(KexEcdhInit.class).frame();
            return c.found(SshPacket.class).stream().filter(d -> d.frame() == frame)
                    .map(d -> ((SshPacket) d.message()).messageCode()).findFirst().orElseThrow();
        }, "Read ssh.message_code of the client's packet right after the two KEXINITs.");
        add("ssh.q9", "In which frame does the first encrypted SSH data appear?", Kind.NUMBER,
                () -> c.firstFound(SshEncrypted.class).frame(), "Encryption starts right after a side's NEWKEYS.");
        add("ssh.q10", "How many frames carry encrypted SSH data (both directions)?", Kind.NUMBER,
                () -> c.found(SshEncrypted.class).stream().mapToInt(Dissected::frame).distinct().count(),
                "Count the frames whose Step says encrypted.");
        // the questions of "With the keys": asked of the same capture, decrypted with the key log it carries
        add("ssh.q11", "Which command did the client run (the exec request's command)?", Kind.TEXT,
                () -> c.withKeys().messages(ChannelRequest.class).stream().filter(r -> r.type().equals("exec"))
                        .findFirst().orElseThrow().command(),
                "Find the SSH_MSG_CHANNEL_REQUEST whose request type is exec and read its command.");
        add("ssh.q12", "What reason code does SSH_MSG_DISCONNECT carry?", Kind.NUMBER,
                () -> c.withKeys().first(Disconnect.class).reasonCode(),
                "Decrypted, the DISCONNECT's first field is its reason code (RFC 4253 §11.1).");
        add("ssh.q13", "Which side sent SSH_MSG_DISCONNECT: client or server?", Kind.TEXT,
                () -> c.withKeys().firstFound(Disconnect.class).sender(),
                "Find the DISCONNECT in the decrypted session and read who sent it.");
    }

    static KexInit kexInit(LabCapture c, boolean client) {
        return c.found(KexInit.class).stream().filter(d -> d.fromClient() == client).map(d -> (KexInit) d.message())
                .findFirst().orElseThrow(() -> LabException.of(c.name(), "has no " + (client ? "client" : "server")
                        + " KEXINIT", "record it again, or open the bundled capture (LAB_CAPTURE=bundled)"));
    }

    static NegotiatedAlgorithms agreed(LabCapture c) {
        return NegotiatedAlgorithms.of(kexInit(c, true), kexInit(c, false));
    }
}
