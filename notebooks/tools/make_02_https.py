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
(content type 21). The alert is encrypted too: the record header says "alert", but not which one.
With AES-GCM in TLS 1.2 each encrypted record carries an 8-byte explicit nonce and a 16-byte tag, so a
2-byte alert makes a record of 26 bytes. Only then does TCP close with FINs.
"""),
code("""
List<Dissected> alerts = tls12.found(TlsAlert.class);
List<TlsRecord> alertRecords = new ArrayList<>();
for (Dissected a : alerts) {
    tls12.found(TlsRecord.class).stream().filter(d -> d.frame() == a.frame()).map(d -> (TlsRecord) d.message())
        .filter(r -> r.contentType() == 21).findFirst().ifPresent(alertRecords::add);
}
int firstFin = tls12.firstRow(r -> (t.flags(r) & TcpFlags.FIN) != 0);
display(tls12.packets(alerts.get(0).frame(), t.size()));
System.out.println("close_notify: from the " + alerts.get(0).sender() + " in frame " + alerts.get(0).frame() + " and from the "
    + alerts.get(1).sender() + " in frame " + alerts.get(1).frame() + ", records of " + alertRecords.get(0).length() + " bytes; the first FIN follows in frame " + (firstFin + 1) + ".");
"""),
code("""
Lab.check(alerts.size() == 2 && !alerts.get(0).sender().equals(alerts.get(1).sender()), "one close_notify from each side");
Lab.check(alertRecords.stream().allMatch(r -> r.contentType() == 21), "their records have content type 21 (alert)");
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
## With the keys (to come)

The bundled TLS captures carry their session keys (`captures/https-tls12.keylog`, also embedded in the
pcapng). A later part of this notebook will decrypt the Finished messages, the HTTP request and response,
the TLS 1.3 certificate and the close_notify alerts with them.
"""),
]

write("02-https.ipynb", cells)
