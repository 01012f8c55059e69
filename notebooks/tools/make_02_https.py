from nb import md, code, question, write

cells = [
md("""
# 02 · HTTPS: the certificate, the TLS 1.2 and TLS 1.3 handshakes, the close

HTTPS is HTTP inside TLS, inside TCP. In this notebook the lab makes a certificate the way the course's
`openssl` command does, runs its own HTTPS server and client on `127.0.0.1` with it, and captures the
connection, or, when this machine does not allow live capture, opens the same exchange from `captures/`.
The line printed under the capture cells says which. Every number below is read from that capture.

Each step goes: **what to expect** → **capture and show** → **check** → **question**.
"""),
code("""
import org.handshakelab.*;
import org.handshakelab.table.*;
import org.handshakelab.dissect.TcpFlags;
import org.handshakelab.dissect.tls.*;
import org.handshakelab.traffic.CertificateMaker;
import org.handshakelab.traffic.CertifiedKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
"""),
md("""
## Step 1 · The certificate, made as the course's command makes it

The course makes its server certificate with

```
openssl req -x509 -newkey rsa:2048 -keyout server.key -out server.crt -days 365 -nodes \\
  -subj "/C=US/ST=CA/L=San Francisco/O=MyCompany/CN=localhost" \\
  -addext "subjectAltName = DNS:localhost,IP:127.0.0.1"
```

The lab does the same in Java (`CertificateMaker`, on BouncyCastle). The table puts each option of the
command beside the Java call that does the same thing and what ended up in the certificate.
"""),
code("""
CertifiedKey made = CertificateMaker.builder()
    .subject("/C=US/ST=CA/L=San Francisco/O=MyCompany/CN=localhost")   // -subj
    .dnsNames("localhost").ipAddresses("127.0.0.1")                    // -addext "subjectAltName = ..."
    .days(365)                                                         // -days 365
    .keyBits(2048)                                                     // -newkey rsa:2048
    .build().make();                                                   // -x509: self-signed
X509Certificate cert = made.certificate();
List<String> madeSan = new ArrayList<>();
for (List<?> n : cert.getSubjectAlternativeNames()) {
    madeSan.add(((Integer) n.get(0) == 2 ? "DNS:" : "IP:") + n.get(1));
}
long madeDays = java.time.Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).toDays();
int madeBits = ((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength();

Table sideBySide = Table.create("openssl req ... and the same in Java",
    StringColumn.create("openssl option"), StringColumn.create("Java (CertificateMaker)"), StringColumn.create("In the certificate made"));
String[][] rows = {
    {"-x509", ".build().make()", "self-signed: issuer = subject is " + cert.getIssuerX500Principal().equals(cert.getSubjectX500Principal())},
    {"-newkey rsa:2048", ".keyBits(2048)", cert.getPublicKey().getAlgorithm() + " " + madeBits + " bits"},
    {"-keyout server.key -nodes", "made.privateKeyPem()", made.privateKeyPem().lines().findFirst().orElse("")},
    {"-out server.crt", "made.certificatePem()", made.certificatePem().lines().findFirst().orElse("")},
    {"-days 365", ".days(365)", madeDays + " days (" + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant() + ")"},
    {"-subj \\"/C=US/.../CN=localhost\\"", ".subject(\\"/C=US/.../CN=localhost\\")", cert.getSubjectX500Principal().getName()},
    {"-addext \\"subjectAltName = ...\\"", ".dnsNames(\\"localhost\\").ipAddresses(\\"127.0.0.1\\")", String.join(", ", madeSan)},
    {"(openssl's default)", "SHA256withRSA", cert.getSigAlgName()}};
for (String[] r : rows) {
    sideBySide.stringColumn(0).append(r[0]); sideBySide.stringColumn(1).append(r[1]); sideBySide.stringColumn(2).append(r[2]);
}
sideBySide
"""),
md("""
`server.key` stays on the server. The client does **not** need to have `server.crt` beforehand in
general: the server sends its certificate in every handshake (you will find it in the capture below),
and the client checks it against what it trusts: a CA's root certificate, or, for a self-signed
certificate like this one, that very certificate installed as trusted (the lab's client pins it).
"""),
md("""
## Step 2 · Capture a TLS 1.2 connection

**What to expect.** First the TCP three-way handshake (nothing TLS yet), then the TLS 1.2 handshake in
**four flights**: the client's ClientHello; the server's ServerHello + Certificate + ServerKeyExchange +
ServerHelloDone; the client's ClientKeyExchange + ChangeCipherSpec + Finished; the server's
ChangeCipherSpec + Finished. Then the HTTP request and response as encrypted application data, a
close_notify alert from each side, and the TCP close.
"""),
code("""
LabCapture tls12 = Lab.record("tls12");
PacketTable t = tls12.table();
tls12.packets()
"""),
code("""
display(tls12.flightTable());
display(tls12.ladder());
int firstTls = tls12.firstRow(r -> t.phaseLabels(r).stream().anyMatch(l -> l.startsWith("TLS ")));
int handshakeAck = tls12.firstRow(r -> t.phase(r) == org.handshakelab.flow.TcpPhase.HANDSHAKE_ACK);
System.out.println("TCP's handshake ends in frame " + (handshakeAck + 1) + "; the first TLS byte is in frame " + (firstTls + 1)
    + "; the TLS handshake takes " + tls12.flights().size() + " flights.");
"""),
md("**Check.** TLS starts only after TCP's handshake, and its handshake is four flights, alternating sides:"),
code("""
List<Flight> flights = tls12.flights();
Lab.check(firstTls > handshakeAck, "the first TLS record (frame " + (firstTls + 1) + ") comes after TCP's ACK (frame " + (handshakeAck + 1) + ")");
Lab.check(flights.size() == 4 && flights.get(0).from().equals("client") && flights.get(1).from().equals("server")
        && flights.get(2).from().equals("client") && flights.get(3).from().equals("server"),
    "TLS 1.2's handshake is " + flights.size() + " flights: client, server, client, server");
Lab.check(flights.get(1).messages().containsAll(List.of("TLS ServerHello", "TLS Certificate", "TLS ServerKeyExchange", "TLS ServerHelloDone")),
    "the server's flight is " + String.join(" + ", flights.get(1).messages()));
"""),
md("""
## Step 3 · ClientHello: what the client offers

**What to expect.** A version, 32 random bytes, the cipher suites the client accepts in its order of
preference, and extensions (the server name it wants, the curves and signature algorithms it supports).
All in clear.
"""),
code("""
ClientHello hello = tls12.first(ClientHello.class);
Workbook.fields("ClientHello (frame " + tls12.firstFound(ClientHello.class).frame() + ")",
    "tls.handshake.version", String.format("0x%04x", hello.legacyVersion()),
    "random", hello.random(),
    "cipher suites offered", String.join(", ", hello.cipherSuiteNames()),
    "server_name (SNI)", hello.serverName().orElse("(none)"),
    "extensions", String.join(", ", hello.extensionNames()))
"""),
*question("tls.q2", "How many cipher suites did the client offer?"),
md("""
## Step 4 · The server's flight: ServerHello, Certificate, ServerKeyExchange, ServerHelloDone

**What to expect.** ServerHello picks **one** of the offered suites. Certificate is a message of its
own (not part of ServerHello) carrying the certificate chain, here the one self-signed certificate.
ServerKeyExchange carries the server's ephemeral ECDHE public key, signed with the certificate's key,
so the client knows it talks to the key's owner. ServerHelloDone says "your turn".
"""),
code("""
ServerHello serverHello = tls12.first(ServerHello.class);
ServerKeyExchange ske = tls12.first(ServerKeyExchange.class);
CertificateInfo leaf = tls12.first(CertificateMessage.class).certificates().get(0);
display(Workbook.fields("ServerHello and ServerKeyExchange",
    "cipher suite chosen", serverHello.cipherSuiteName() + String.format(" (0x%04x)", serverHello.cipherSuite()),
    "ServerKeyExchange key exchange", ske.keyExchange(),
    "named group", ske.namedGroupName(),
    "signature scheme", ske.signatureSchemeName()));
Workbook.fields("The certificate as read from the capture (frame " + tls12.firstFound(CertificateMessage.class).frame() + ")",
    "subject", leaf.subject(), "issuer", leaf.issuer(), "subjectAltName", String.join(", ", leaf.subjectAltNames()),
    "not before", leaf.notBefore(), "not after", leaf.notAfter(), "public key", leaf.publicKeyAlgorithm() + " " + leaf.publicKeyBits() + " bits",
    "signature algorithm", leaf.signatureAlgorithm() + " (" + leaf.signatureAlgorithmOid() + ")", "serial number", leaf.serialNumber(),
    "SHA-256 fingerprint", leaf.sha256Fingerprint())
"""),
md("**Check.** The certificate on the wire has the fields the course's command asks for (the one made in Step 1 is another certificate of the same shape: its key and serial number differ):"),
code("""
Lab.check(hello.cipherSuites().contains(serverHello.cipherSuite()), "the suite chosen, " + serverHello.cipherSuiteName() + ", is one the client offered");
Lab.check(leaf.subject().equals(cert.getSubjectX500Principal().getName()), "subject: " + leaf.subject());
Lab.check(leaf.subject().equals(leaf.issuer()), "issuer = subject: self-signed");
Lab.check(leaf.subjectAltNames().equals(madeSan), "subjectAltName: " + leaf.subjectAltNames());
Lab.check(leaf.publicKeyBits() == madeBits, "an RSA key of " + leaf.publicKeyBits() + " bits");
Lab.check(java.time.Duration.between(leaf.notBefore(), leaf.notAfter()).toDays() == madeDays,
    "valid for " + java.time.Duration.between(leaf.notBefore(), leaf.notAfter()).toDays() + " days");
Lab.check(!leaf.serialNumber().replaceFirst("^0+", "").equalsIgnoreCase(cert.getSerialNumber().toString(16)),
    "but not the same certificate as Step 1's: the serial numbers differ");
"""),
*question("tls.q1", "Which cipher suite did the server choose? (its name, or its hex code as text, e.g. `\"0x1301\"`)"),
*question("tls.q3", "In which frame does the server's Certificate message arrive?"),
*question("tls.q4", "What is the Organization (O) in the certificate's subject?"),
*question("tls.q5", "How many bits long is the certificate's public key?"),
*question("tls.q6", "How many handshake messages does the server send in its first flight?"),
*question("tls.q7", "Which elliptic curve (named group) did the ECDHE key exchange use?"),
md("""
## Step 5 · ClientKeyExchange, ChangeCipherSpec, Finished, both ways

**What to expect.** The client sends its own ephemeral public key (ClientKeyExchange). From the two
public keys **both sides** compute the same secret and derive the session keys; no key is ever sent.
ChangeCipherSpec (a record type of its own, not a handshake message) says "from now on I encrypt";
the Finished right after it is the first encrypted message, and proves the handshake was not tampered
with. The server answers with its own ChangeCipherSpec and Finished.
"""),
code("""
display(tls12.steps());
Dissected clientCcs = tls12.found(TlsChangeCipherSpec.class).stream().filter(Dissected::fromClient).findFirst().orElseThrow();
Dissected clientFinished = tls12.found(TlsEncryptedHandshake.class).stream().filter(Dissected::fromClient).findFirst().orElseThrow();
System.out.println("The client's ChangeCipherSpec is in frame " + clientCcs.frame() + ", its encrypted Finished in frame " + clientFinished.frame()
    + "; the server's ChangeCipherSpec in frame " + tls12.found(TlsChangeCipherSpec.class).stream().filter(d -> !d.fromClient()).findFirst().orElseThrow().frame() + ".");
"""),
code("""
Lab.check(tls12.found(TlsHandshake.class).stream().noneMatch(d -> d.fromClient() && d.frame() > clientCcs.frame())
        && tls12.found(TlsHandshake.class).stream().noneMatch(d -> !d.fromClient() && d.frame() > tls12.found(TlsChangeCipherSpec.class).get(1).frame()),
    "no handshake message is readable after a side's ChangeCipherSpec: Finished is encrypted");
Lab.check(tls12.found(TlsChangeCipherSpec.class).size() == 2, "one ChangeCipherSpec from each side");
"""),
*question("tls.q8", "In which frame does the client send its first encrypted handshake message?"),
md("""
## Step 6 · The request inside, close_notify, then the TCP close

**What to expect.** `GET /` and `200 OK` travel as application data records (content type 23): their
sizes are visible, their bytes are not. To end the TLS session each side sends a **close_notify** alert
in an Alert record. The alert is encrypted too: the record header says "alert", but not which one.
With AES-GCM in TLS 1.2 each encrypted record carries an 8-byte explicit nonce and a 16-byte tag, so a
2-byte alert makes a record of 26 bytes. Only then does TCP close with FINs.
"""),
code("""
List<Dissected> alerts = tls12.found(TlsAlert.class);
List<TlsRecord> alertRecords = new ArrayList<>();
for (Dissected a : alerts) {
    tls12.found(TlsRecord.class).stream().filter(d -> d.frame() == a.frame()).map(d -> (TlsRecord) d.message())
        .filter(r -> r.contentType() == TlsContentType.ALERT.code()).findFirst().ifPresent(alertRecords::add);
}
int firstFin = tls12.firstRow(r -> (t.flags(r) & TcpFlags.FIN) != 0);
display(tls12.packets(alerts.get(0).frame(), t.size()));
System.out.println("close_notify: from the " + alerts.get(0).sender() + " in frame " + alerts.get(0).frame() + " and from the "
    + alerts.get(1).sender() + " in frame " + alerts.get(1).frame() + ", records of " + alertRecords.get(0).length() + " bytes; the first FIN follows in frame " + (firstFin + 1) + ".");
"""),
code("""
Lab.check(alerts.size() == 2 && !alerts.get(0).sender().equals(alerts.get(1).sender()), "one close_notify from each side");
Lab.check(alertRecords.stream().allMatch(r -> r.contentType() == TlsContentType.ALERT.code()), "their records are Alert records");
Lab.check(!serverHello.cipherSuiteName().contains("GCM") || alertRecords.stream().allMatch(r -> r.length() == 2 + 8 + 16),
    "each is 2 bytes of alert + 8 of nonce + 16 of tag = " + alertRecords.get(0).length() + " bytes: encrypted");
Lab.check(firstFin + 1 > alerts.get(1).frame(), "TCP's close starts after both close_notify alerts");
"""),
*question("tls.q9", "Which side sent close_notify first: `\"client\"` or `\"server\"`?"),
*question("tls.q10", "What `tls.record.content_type` does a close_notify record have?"),
md("""
## Step 7 · TLS 1.3: what is visible without the keys

**What to expect.** TLS 1.3 encrypts the handshake right after ServerHello: the certificate, the
server's signature (CertificateVerify) and both Finished messages travel as records that look like
application data (content type 23). Only ClientHello and ServerHello are readable. The ChangeCipherSpec
records are there only for middleboxes that expect TLS 1.2 (RFC 8446, Appendix D.4). Both hellos say
version `0x0303` in their legacy field; the `supported_versions` extension says 1.3.
"""),
code("""
LabCapture tls13 = Lab.record("tls13");
display(tls13.packets());
display(tls13.flightTable());
ServerHello sh13 = tls13.first(ServerHello.class);
System.out.printf("ServerHello: legacy version 0x%04x, selected version 0x%04x, suite %s; readable handshake messages: %d.%n",
    sh13.legacyVersion(), sh13.selectedVersion(), sh13.cipherSuiteName(), tls13.messages(TlsHandshake.class).size());
"""),
code("""
Lab.check(tls13.messages(CertificateMessage.class).isEmpty(), "no Certificate can be read in the TLS 1.3 capture: it is encrypted");
Lab.check(sh13.legacyVersion() == 0x0303 && sh13.selectedVersion() == 0x0304, "legacy version 0x0303, supported_versions 0x0304");
Lab.check(tls13.messages(TlsAlert.class).isEmpty(), "not even close_notify shows as an alert: in TLS 1.3 every encrypted record says type 23");
"""),
*question("tls.q11", "Which TLS version did the TLS 1.3 server select? (hex text as in `supported_versions`, e.g. `\"0x0301\"`)"),
*question("tls.q12", "How many handshake messages of the TLS 1.3 capture can you read without keys (both sides)?"),
md("""
## Step 8 · An abnormal end: RST

**What to expect.** A side that aborts sends RST: no close_notify, no FIN. For TLS this matters: without
close_notify the receiver cannot tell "the peer is done" from "someone cut the connection", which is
why TLS asks for close_notify before the TCP close. On the wire the abort looks the same as in plain
HTTP (notebook 01, Step 4):
"""),
code("""
LabCapture rst = Lab.record("rst");
display(rst.packets());
int lastRow = rst.size() - 1;
Lab.check((rst.table().flags(lastRow) & TcpFlags.RST) != 0 && rst.rows(r -> (rst.table().flags(r) & TcpFlags.FIN) != 0).isEmpty(),
    "the connection ends with RST (frame " + (lastRow + 1) + ") and no FIN");
"""),
md("""
## What the capture corrects

- *"TLS is a five-way handshake"*: in the TLS 1.2 capture, TCP's handshake (3 segments) comes first,
  then TLS's handshake in **four flights** (Step 2's check); in TLS 1.3 the client can send its request
  after the third flight.
- *"ServerHello contains the certificate"*: Certificate is a separate handshake message; it travels in
  the same flight as ServerHello (Step 4), and in TLS 1.3 it is encrypted (Step 7).
- *"key exchange: the server sends the key, the client generates the symmetric key"*: each side sends an
  ephemeral public key (ServerKeyExchange, ClientKeyExchange) and **both** compute the same secret;
  ChangeCipherSpec and an encrypted Finished come from **both** sides (Step 5).
- *"the client already stores the server's certificate"*: the server sends it in the handshake; the
  client only needs what it trusts (a CA, or this self-signed certificate installed as trusted).
- *"close_notify, then four-way close"*: yes, and the alerts are encrypted records; in TLS 1.3 they do not
  even show as alerts (Steps 6, 7). An RST instead of that is an abort (Step 8).

<!-- with-the-keys -->
"""),
md("""
## With the keys · Where the keys come from

Everything so far is what an eavesdropper sees. The lab's server also wrote down its session secrets,
in the **NSS key log** format: the file a browser or `curl` writes when the environment variable
`SSLKEYLOGFILE` names one. Each line is `LABEL client_random secret`: which secret, the ClientHello's
random (how a tool finds the connection it belongs to) and the secret itself. The lab put that log inside
the pcapng file as a **Decryption Secrets Block**, which Wireshark reads too. The keys never travelled on
the wire: they come from one end of the connection, which is why only that end (or whoever it tells) can
decrypt.
"""),
code("""
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.DecryptionSecret;
import org.handshakelab.dissect.http.*;

List<DecryptionSecret> blocks = CaptureFile.open(tls13.path()).secrets();
List<String> keyLines = blocks.stream().flatMap(b -> b.text().lines()).filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
Table keyLog = Table.create("The TLS 1.3 capture's key log (its Decryption Secrets Block), secrets cut short",
    StringColumn.create("label"), StringColumn.create("client random"), StringColumn.create("secret"));
for (String line : keyLines) {
    String[] f = line.split(" ");
    keyLog.stringColumn(0).append(f[0]);
    keyLog.stringColumn(1).append(f[1].substring(0, 16) + "…");
    keyLog.stringColumn(2).append(f[2].substring(0, 8) + "… (" + f[2].length() / 2 + " bytes)");
}
display(keyLog);
String[] one = keyLines.get(0).split(" ");
System.out.println(blocks.size() + " Decryption Secrets Block(s), " + keyLines.size() + " key log lines. One line, the secret cut short:");
System.out.println(one[0] + " " + one[1] + " " + one[2].substring(0, 8) + "…");
Lab.check(keyLines.stream().allMatch(l -> l.split(" ")[1].equals(tls13.first(ClientHello.class).random())),
    "every line names this connection: its client random is the ClientHello's random (frame " + tls13.firstFound(ClientHello.class).frame() + ")");
"""),
md("""
## With the keys · The TLS 1.3 handshake, decrypted

**What to expect.** The records that looked like application data after ServerHello now read as
EncryptedExtensions, **Certificate**, CertificateVerify (the server's signature over the handshake so
far, made with the certificate's key) and Finished from the server, then the client's Finished. The
same capture as in Step 7, opened with `withKeys()`.
"""),
code("""
LabCapture tls13k = tls13.withKeys();
Table hs13 = Table.create("TLS 1.3 handshake messages with the keys", IntColumn.create("No."), StringColumn.create("From"),
    StringColumn.create("Message"), IntColumn.create("Type"), StringColumn.create("Readable without the keys"));
for (Dissected d : tls13k.found(TlsHandshake.class)) {
    int type = ((TlsHandshake) d.message()).type();
    boolean clear = tls13.found(TlsHandshake.class).stream().anyMatch(p -> p.frame() == d.frame() && ((TlsHandshake) p.message()).type() == type);
    hs13.intColumn(0).append(d.frame()); hs13.stringColumn(1).append(d.sender());
    hs13.stringColumn(2).append(TlsHandshakeType.nameOf(type)); hs13.intColumn(3).append(type);
    hs13.stringColumn(4).append(clear ? "yes" : "no");
}
display(hs13);
display(tls13k.flightTable());
System.out.println("Without the keys: " + tls13.messages(TlsHandshake.class).size() + " handshake messages readable; with them: "
    + tls13k.messages(TlsHandshake.class).size() + ".");
"""),
code("""
List<Integer> types13 = tls13k.messages(TlsHandshake.class).stream().map(TlsHandshake::type).toList();
Lab.check(types13.containsAll(List.of(8, 11, 15, 20)), "decrypted: EncryptedExtensions (8), Certificate (11), CertificateVerify (15), Finished (20)");
Lab.check(tls13k.found(Finished.class).stream().map(Dissected::sender).toList().equals(List.of("server", "client")),
    "a Finished from each side, the server's first");
Lab.check(tls13.messages(CertificateMessage.class).isEmpty() && !tls13k.messages(CertificateMessage.class).isEmpty(),
    "the Certificate was in the capture all along, encrypted");
"""),
md("""
**The certificate, decrypted.** Is it the shape of certificate Step 1 made, and the one the TLS 1.2 server
sent?
"""),
code("""
CertificateInfo leaf13 = tls13k.first(CertificateMessage.class).certificates().get(0);
display(Workbook.fields("The TLS 1.3 certificate, decrypted (frame " + tls13k.firstFound(CertificateMessage.class).frame() + ")",
    "subject", leaf13.subject(), "issuer", leaf13.issuer(), "subjectAltName", String.join(", ", leaf13.subjectAltNames()),
    "public key", leaf13.publicKeyAlgorithm() + " " + leaf13.publicKeyBits() + " bits", "SHA-256 fingerprint", leaf13.sha256Fingerprint(),
    "same certificate as the TLS 1.2 capture's", leaf13.sha256Fingerprint().equals(leaf.sha256Fingerprint())));
Lab.check(leaf13.subject().equals(cert.getSubjectX500Principal().getName()) && leaf13.subject().equals(leaf.subject()),
    "subject " + leaf13.subject() + ": as made in Step 1 and as in the TLS 1.2 capture");
Lab.check(leaf13.subjectAltNames().equals(madeSan) && leaf13.subjectAltNames().equals(leaf.subjectAltNames()),
    "subjectAltName " + leaf13.subjectAltNames() + ": as made in Step 1 and as in the TLS 1.2 capture");
"""),
*question("tls.q13", "In TLS 1.3, which handshake message carries the server's certificate? (its name, or its type number)"),
md("""
## With the keys · HTTP inside TLS, and the close_notify alerts

**What to expect.** The application data records hold the same `GET /` and `200 OK` as plain HTTP
(notebook 01). At the end, each side's close_notify: in TLS 1.3 its record header says 23
(application data), and only the decrypted content says 21 (alert), close_notify.
"""),
code("""
HttpRequest req13 = tls13k.first(HttpRequest.class);
HttpResponse resp13 = tls13k.first(HttpResponse.class);
display(Workbook.fields("HTTP inside the TLS 1.3 connection",
    "request (frame " + tls13k.firstFound(HttpRequest.class).frame() + ")", req13.method() + " " + req13.uri() + " " + req13.version(),
    "response (frame " + tls13k.firstFound(HttpResponse.class).frame() + ")", resp13.version() + " " + resp13.code() + " " + resp13.reason(),
    "response body bytes", resp13.bodyLength()));
List<Dissected> closes13 = tls13k.found(TlsAlert.class);
Table alerts13 = Table.create("TLS 1.3 alerts with the keys", IntColumn.create("No."), StringColumn.create("From"),
    IntColumn.create("record header type"), IntColumn.create("inner content type"), StringColumn.create("alert"));
for (Dissected a : closes13) {
    TlsDecryptedRecord dr = tls13k.found(TlsDecryptedRecord.class).stream().filter(d -> d.frame() == a.frame() && d.direction() == a.direction())
        .map(d -> (TlsDecryptedRecord) d.message()).filter(r -> r.innerType() == 21).findFirst().orElseThrow();
    TlsAlert al = (TlsAlert) a.message();
    alerts13.intColumn(0).append(a.frame()); alerts13.stringColumn(1).append(a.sender());
    alerts13.intColumn(2).append(Integer.parseInt(dr.header().substring(0, 2), 16)); alerts13.intColumn(3).append(dr.innerType());
    alerts13.stringColumn(4).append(al.levelName() + " " + al.descriptionName());
}
display(alerts13);
"""),
code("""
Lab.check(req13.method().equals("GET") && resp13.code() == 200, "inside TLS: " + req13.method() + " " + req13.uri() + " answered " + resp13.code());
Lab.check(tls13.messages(HttpRequest.class).isEmpty(), "without the keys no HTTP could be read in the same capture");
Lab.check(closes13.size() == 2 && closes13.stream().allMatch(a -> ((TlsAlert) a.message()).description() == 0)
        && !closes13.get(0).sender().equals(closes13.get(1).sender()), "a close_notify (alert 0) from each side, now visible");
Lab.check(alerts13.intColumn(2).asList().stream().allMatch(v -> v == 23) && alerts13.intColumn(3).asList().stream().allMatch(v -> v == 21),
    "their record headers say 23; the decrypted inner type says 21");
"""),
*question("tls.q15", "What inner content type does the decrypted close_notify record have?"),
md("""
**And TLS 1.2?** The same key log idea (one `CLIENT_RANDOM` line: the master secret) opens the TLS 1.2
capture: the two Finished messages of Step 5 and the HTTP of Step 6.
"""),
code("""
LabCapture tls12k = tls12.withKeys();
display(Workbook.fields("TLS 1.2 with the keys",
    "Finished", tls12k.found(Finished.class).stream().map(d -> "frame " + d.frame() + " from the " + d.sender()).toList(),
    "HTTP request", tls12k.first(HttpRequest.class).method() + " " + tls12k.first(HttpRequest.class).uri(),
    "HTTP response", tls12k.first(HttpResponse.class).code() + " " + tls12k.first(HttpResponse.class).reason()));
Lab.check(tls12k.found(Finished.class).size() == 2 && tls12.messages(Finished.class).isEmpty(), "both encrypted Finished messages of TLS 1.2 now read");
"""),
md("""
## With the keys · One record, decrypted by hand

How does a traffic secret from the key log turn into readable bytes? For one record (the server's last
encrypted handshake record, the one with its Finished) the lab shows each step, computed from the
capture in front of you (RFC 8446 §7.3 and §5.2):

1. the **traffic secret**: from the key log (`SERVER_HANDSHAKE_TRAFFIC_SECRET`);
2. **key** = HKDF-Expand-Label(secret, "key", "", key length) and **iv** = HKDF-Expand-Label(secret, "iv", "", 12);
3. **nonce** = iv XOR the record's sequence number (records this side sent with this key before it);
4. **additional data** = the record's 5-byte header, as on the wire;
5. AEAD-Decrypt(key, nonce, additional data, ciphertext ‖ tag) gives the plaintext, whose last
   non-zero byte is the true content type.
"""),
code("""
Dissected recD = tls13k.found(TlsDecryptedRecord.class).stream()
    .filter(d -> !d.fromClient() && ((TlsDecryptedRecord) d.message()).secretLabel().equals("SERVER_HANDSHAKE_TRAFFIC_SECRET"))
    .reduce((a, b) -> b).orElseThrow();
TlsDecryptedRecord rec = (TlsDecryptedRecord) recD.message();
List<KeyScheduleStep> recSteps = TlsKeySchedule.recordSteps(rec);
display(KeyScheduleTables.steps(recSteps, "Frame " + recD.frame() + ": the server's record " + rec.seq() + " (" + rec.cipherSuiteName() + ")"));
Map<String, String> stepOut = new LinkedHashMap<>();
for (KeyScheduleStep s : recSteps) stepOut.put(s.name(), s.output());
"""),
md("""
**Redo it with the JDK alone.** HKDF-Expand-Label is HMAC over a short label; AES-GCM is in
`javax.crypto`. If these cells agree with the table, nothing was hidden.
"""),
code("""
import javax.crypto.Mac;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import javax.crypto.spec.GCMParameterSpec;
HexFormat hex = HexFormat.of();

// HKDF-Expand-Label(secret, label, "", length) for SHA-256 and length <= 32: one HMAC block
byte[] expandLabel(byte[] secret, String label, int length) throws Exception {
    byte[] full = ("tls13 " + label).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    java.io.ByteArrayOutputStream info = new java.io.ByteArrayOutputStream();
    info.write(length >> 8); info.write(length); info.write(full.length); info.write(full); info.write(0); info.write(1);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    return Arrays.copyOf(mac.doFinal(info.toByteArray()), length);
}

byte[] secret = hex.parseHex(rec.secret());
int keyLength = rec.cipherSuiteName().contains("256_GCM") ? 32 : 16;
byte[] key = expandLabel(secret, "key", keyLength);
byte[] iv = expandLabel(secret, "iv", 12);
byte[] nonce = iv.clone();
for (int i = 0; i < 8; i++) nonce[11 - i] ^= (byte) (rec.seq() >>> (8 * i));
byte[] header = hex.parseHex(rec.header());
byte[] sealed = hex.parseHex(rec.fragment());
System.out.println("secret (key log) " + rec.secret().substring(0, 16) + "…\\nkey   " + hex.formatHex(key) + "\\niv    " + hex.formatHex(iv)
    + "\\nseq   " + rec.seq() + "\\nnonce " + hex.formatHex(nonce) + "\\nAAD   " + hex.formatHex(header)
    + "\\nciphertext and tag " + sealed.length + " bytes");
"""),
code("""
Lab.check(hex.formatHex(key).equals(stepOut.get("write key")) && hex.formatHex(iv).equals(stepOut.get("write iv")),
    "HKDF-Expand-Label by hand gives the table's key and iv");
Lab.check(hex.formatHex(nonce).equals(stepOut.get("nonce")), "nonce = iv XOR " + rec.seq());
Lab.check(header[0] == 23 && ((header[3] & 0xFF) << 8 | (header[4] & 0xFF)) == sealed.length,
    "the additional data is the header as on the wire: type 23, version 0303, length " + sealed.length);
if (rec.cipherSuiteName().contains("GCM")) {
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    gcm.updateAAD(header);
    byte[] plain = gcm.doFinal(sealed);
    int inner = plain[plain.length - 1];
    System.out.println("plaintext: " + plain.length + " bytes, starting " + hex.formatHex(plain, 0, Math.min(8, plain.length))
        + "; last byte (inner content type) " + inner + "; first byte (handshake type) " + plain[0]);
    Lab.check(hex.formatHex(plain).startsWith(rec.plaintext()) && inner == rec.innerType(),
        "javax.crypto's AES-GCM decrypts the record to the lab's plaintext, inner type " + inner);
}
"""),
*question("tls.q14", "How many bytes of authentication tag does an encrypted TLS 1.3 record carry?"),
md("""
**Where the traffic secrets came from.** In TLS 1.3 the chain starts at the **(EC)DHE shared secret**:
each side combines its own ephemeral private key with the other's key share (in the two hellos). The
handshake secret is HKDF-Extract(derived, shared secret); the handshake traffic secrets are
Derive-Secret(handshake secret, "c hs traffic" / "s hs traffic", ClientHello..ServerHello); the
application traffic secrets come the same way from the master secret (RFC 8446 §7.1). The lab's server
does **not** export the shared secret or its private key, only the traffic secrets of the key log, so
on this capture that part of the chain can be explained but not computed. RFC 8448 publishes a complete
example handshake *with* its private keys; the lab's `TlsKeySchedule.handshakeChain` runs on the RFC's
values below. **These are the RFC's example numbers, not this capture's.**
"""),
code("""
// RFC 8448 §3 (Simple 1-RTT Handshake): the published shared secret and transcript hashes
byte[] rfcShared = hex.parseHex("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d");
byte[] rfcHelloHash = hex.parseHex("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8");
byte[] rfcFinishedHash = hex.parseHex("9608102a0f1ccc6db6250b7b7e417b1a000eaada3daae4777a7686c9ff83df13");
List<KeyScheduleStep> chain = TlsKeySchedule.handshakeChain(0x1301, rfcShared, rfcHelloHash, rfcFinishedHash, "RFC 8448 (published example)");
display(KeyScheduleTables.steps(chain, "RFC 8448's example handshake (not this capture): shared secret to traffic secrets"));
Map<String, String> rfcOut = new LinkedHashMap<>();
for (KeyScheduleStep s : chain) rfcOut.put(s.name(), s.output());
Lab.check(rfcOut.get("SERVER_HANDSHAKE_TRAFFIC_SECRET").equals("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38"),
    "the lab's key schedule reproduces RFC 8448's server handshake traffic secret (b67b7d69…)");
"""),
md("""
## With the keys · What changed

- Nothing in the capture changed: the same bytes, read with the secrets one end wrote down.
- TLS 1.3 hides the certificate, CertificateVerify, both Finished, the HTTP and even the alerts' type
  from an eavesdropper; with the key log all of them read.
- The key log holds **traffic secrets**, not the private key of the certificate: leaking a key log
  opens the sessions it lists, nothing else.
"""),
]

write("02-https.ipynb", cells)
