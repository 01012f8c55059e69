from nb import md, code, question, write

cells = [
md("""
# 03 · SSH: from the TCP handshake to SSH_MSG_DISCONNECT

In this notebook the lab runs its own SSH server (Apache MINA SSHD) and client on `127.0.0.1`: the client
logs in with a password, runs `echo hello` and disconnects. The lab captures that connection, or, when
this machine does not allow live capture, opens the same session from `captures/`; the line printed
under the next cell says which. Every number below is read from that capture.

An SSH connection goes through seven steps: (1) TCP's handshake, (2) the version exchange,
(3) algorithm negotiation, (4) key exchange, (5) server authentication, (6) client authentication,
(7) the secure session, and then it ends with SSH_MSG_DISCONNECT and TCP's close. The capture shows
where each step is, and which of them you can read without the keys.
"""),
code("""
import org.handshakelab.*;
import org.handshakelab.table.*;
import org.handshakelab.dissect.TcpFlags;
import org.handshakelab.dissect.ssh.*;

LabCapture ssh = Lab.record("ssh");
PacketTable t = ssh.table();
ssh.steps()
"""),
md("""
## Step 1 · TCP's three-way handshake

**What to expect.** SYN, SYN-ACK, ACK, exactly as for HTTP (notebook 01); SSH has not said a word yet.
"""),
code("""
int syn = ssh.firstWithFlags(TcpFlags.SYN);
int synAck = ssh.firstWithFlags(TcpFlags.SYN | TcpFlags.ACK);
display(ssh.packets(syn + 1, synAck + 2));
Lab.check(t.flags(syn) == 0x002 && t.flags(synAck) == 0x012 && t.flags(synAck + 1) == 0x010 && t.len(synAck + 1) == 0,
    "frames " + (syn + 1) + "-" + (synAck + 2) + " are SYN, SYN-ACK, ACK without payload; the server listens on port " + ssh.serverPort());
"""),
*question("ssh.q1", "Which TCP port does the SSH server listen on?"),
md("""
## Step 2 · The version exchange

**What to expect.** Each side sends one line of text, `SSH-2.0-<software> <comments>` ending in CR LF
(RFC 4253 §4.2). These lines are plain text; either side may send first, and the server usually does not
wait for the client.
"""),
code("""
List<Dissected> banners = ssh.found(SshBanner.class);
for (Dissected b : banners) {
    SshBanner banner = (SshBanner) b.message();
    System.out.println("frame " + b.frame() + ", " + b.sender() + ": " + banner.line() + "   (protocol " + banner.protocolVersion()
        + ", software " + banner.softwareVersion() + ")");
}
Lab.check(banners.size() == 2 && !banners.get(0).sender().equals(banners.get(1).sender()), "one identification string from each side");
Lab.check(banners.stream().allMatch(b -> ((SshBanner) b.message()).protocolVersion().equals("2.0")), "both speak SSH protocol 2.0");
"""),
*question("ssh.q2", "Who sends its identification string first: `\"client\"` or `\"server\"`?"),
*question("ssh.q3", "Which software version does the server announce?"),
md("""
## Step 3 · Algorithm negotiation: the two KEXINITs

**What to expect.** Each side sends SSH_MSG_KEXINIT (message code 20) with ten name-lists: key exchange
methods, host key types, ciphers, MACs and compression, each direction separately, most preferred first.
Nothing is chosen in a message: each side computes the choice from both lists with the same rule
(RFC 4253 §7.1): **the first algorithm on the client's list that is also on the server's list**. Below,
the notebook applies that rule itself and compares it with the lab's dissector.
"""),
code("""
KexInit client = ssh.found(KexInit.class).stream().filter(Dissected::fromClient).map(d -> (KexInit) d.message()).findFirst().orElseThrow();
KexInit server = ssh.found(KexInit.class).stream().filter(d -> !d.fromClient()).map(d -> (KexInit) d.message()).findFirst().orElseThrow();
Table lists = Table.create("The ten name-lists of both KEXINITs, and the first of the client's that the server also has",
    StringColumn.create("Name-list"), StringColumn.create("Client offers"), StringColumn.create("Server offers"), StringColumn.create("Chosen"));
Map<SshKexProposal, String> chosenByRule = new LinkedHashMap<>();
for (SshKexProposal p : SshKexProposal.values()) {
    String chosen = client.names(p).stream().filter(server.names(p)::contains).findFirst().orElse("");
    chosenByRule.put(p, chosen);
    lists.stringColumn(0).append(p.rfcName());
    lists.stringColumn(1).append(String.join(",", client.names(p)));
    lists.stringColumn(2).append(String.join(",", server.names(p)));
    lists.stringColumn(3).append(chosen);
}
lists
"""),
md("**Check.** The rule applied above gives what the dissector reports as negotiated (for AEAD ciphers such as chacha20-poly1305 the MAC is part of the cipher, which the dissector shows as `<implicit>`):"),
code("""
NegotiatedAlgorithms agreed = ssh.first(NegotiatedAlgorithms.class);
Lab.check(agreed.kex().equals(chosenByRule.get(SshKexProposal.values()[0])), "key exchange: " + agreed.kex());
Lab.check(agreed.hostKey().equals(chosenByRule.get(SshKexProposal.values()[1])), "host key: " + agreed.hostKey());
Lab.check(agreed.encryptionClientToServer().equals(chosenByRule.get(SshKexProposal.values()[2]))
        && agreed.encryptionServerToClient().equals(chosenByRule.get(SshKexProposal.values()[3])),
    "ciphers: " + agreed.encryptionClientToServer() + " / " + agreed.encryptionServerToClient());
Lab.check(ssh.found(SshPacket.class).stream().filter(d -> ((SshPacket) d.message()).messageCode() == 20).count() == 2,
    "two packets with ssh.message_code 20 (KEXINIT), one from each side");
"""),
*question("ssh.q4", "How many key exchange algorithms does the client offer?"),
*question("ssh.q5", "Which key exchange algorithm was chosen?"),
*question("ssh.q6", "Which server host key algorithm was chosen?"),
*question("ssh.q7", "Which cipher encrypts client-to-server traffic?"),
md("""
## Steps 4 and 5 · Key exchange, and the server proves who it is

**What to expect.** With curve25519 (RFC 8731) the client sends its ephemeral public key in
SSH_MSG_KEX_ECDH_INIT; the server answers with SSH_MSG_KEX_ECDH_REPLY: its **host
key**, its own ephemeral public key, and a **signature** with the host key over the exchange hash H,
which covers both version strings, both KEXINITs, the host key, both ephemeral keys and the shared secret. Both sides now compute the
same shared secret, which never travels. The signature is the server's authentication: it is inside
the key exchange reply, not a separate step afterwards. The client checks the host key against the one
it knows (`known_hosts`); the lab's client accepts the lab server's key.
"""),
code("""
Dissected init = ssh.firstFound(KexEcdhInit.class);
Dissected reply = ssh.firstFound(KexEcdhReply.class);
KexEcdhReply r = (KexEcdhReply) reply.message();
Workbook.fields("Key exchange on the wire",
    "KEX_ECDH_INIT (client, frame " + init.frame() + ")", "Q_C = " + ((KexEcdhInit) init.message()).clientPublicKey(),
    "KEX_ECDH_REPLY (server, frame " + reply.frame() + ") host key", r.hostKey().type() + ", fingerprint " + r.hostKey().fingerprint(),
    "server's ephemeral key", "Q_S = " + r.serverPublicKey(),
    "signature over H", r.signature().type() + ", " + r.signature().signature().length() / 2 + " bytes")
"""),
code("""
Lab.check(init.fromClient() && !reply.fromClient(), "the client sends KEX_ECDH_INIT, the server KEX_ECDH_REPLY");
Lab.check(r.hostKey().type().equals(agreed.hostKey()), "the host key is of the negotiated type " + agreed.hostKey());
Lab.check(r.signature().type().equals(agreed.hostKey()) || agreed.hostKey().startsWith("rsa-"),
    "the signature is made with that key type: " + r.signature().type());
"""),
*question("ssh.q8", "What `ssh.message_code` does the client's key exchange init carry?"),
md("""
## NEWKEYS: from here on, encrypted

**What to expect.** Each side sends SSH_MSG_NEWKEYS (code 21) when it starts using the new keys for what
it sends. Everything after a side's NEWKEYS is encrypted (and, here, authenticated): without the keys you
see packet sizes, not message codes.
"""),
code("""
List<Dissected> newKeys = ssh.found(NewKeys.class);
Dissected firstEncrypted = ssh.firstFound(SshEncrypted.class);
for (Dissected n : newKeys) {
    System.out.println("NEWKEYS from the " + n.sender() + " in frame " + n.frame());
}
System.out.println("first encrypted bytes: frame " + firstEncrypted.frame() + ", from the " + firstEncrypted.sender());
Lab.check(newKeys.size() == 2, "one NEWKEYS from each side");
Lab.check(ssh.found(SshEncrypted.class).stream().allMatch(e -> newKeys.stream().anyMatch(n -> n.direction() == e.direction() && n.frame() <= e.frame())),
    "every encrypted packet comes after its sender's NEWKEYS (in the same segment or later)");
"""),
*question("ssh.q9", "In which frame does the first encrypted SSH data appear?"),
md("""
## Steps 6 and 7 · Client authentication and the session: all encrypted

**What to expect.** Next the client asks for the `ssh-userauth` service, tries authentication methods
(here the password of user `student`), opens a session channel, runs `echo hello` and reads its output.
All of this is inside encrypted packets. The time-sequence chart and the table show only their sizes
and directions. The password never appears on the wire in clear.
"""),
code("""
List<Dissected> encrypted = ssh.found(SshEncrypted.class);
Table sizes = Table.create("Encrypted SSH data per frame", IntColumn.create("No."), StringColumn.create("From"), IntColumn.create("Bytes"));
for (Dissected e : encrypted) {
    sizes.intColumn(0).append(e.frame()); sizes.stringColumn(1).append(e.sender()); sizes.intColumn(2).append(((SshEncrypted) e.message()).length());
}
display(sizes);
display(ssh.trace().timeSequence(0));
"""),
code("""
byte[] raw = java.nio.file.Files.readAllBytes(ssh.path());
Lab.check(!new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).contains("ssh-userauth"),
    "the string ssh-userauth (the service the client asks for) appears nowhere in the capture's bytes: it is encrypted");
Lab.check(ssh.found(SshPacket.class).stream().noneMatch(d -> ((SshPacket) d.message()).messageCode() >= 50),
    "no authentication message code (50 and up) can be read: authentication is encrypted");
"""),
*question("ssh.q10", "How many frames carry encrypted SSH data (both directions)?"),
md("""
## The end: SSH_MSG_DISCONNECT, then TCP's close

**What to expect.** The side that ends the session sends SSH_MSG_DISCONNECT (code 1) and closes TCP. The
DISCONNECT is encrypted like everything after NEWKEYS: without the keys it shows as the last encrypted
packet, often in the same segment as the FIN. TCP's close follows (FIN, ACK, FIN, ACK, or three
segments when ACK and FIN travel together).
"""),
code("""
int fin = ssh.firstRow(row -> (t.flags(row) & TcpFlags.FIN) != 0);
Dissected lastEncrypted = encrypted.get(encrypted.size() - 1);
display(ssh.packets(lastEncrypted.frame(), t.size()));
display(ssh.ladder(lastEncrypted.frame(), t.size()));
System.out.println("The last encrypted packet (the DISCONNECT, as far as the wire shows) is in frame " + lastEncrypted.frame()
    + " from the " + lastEncrypted.sender() + "; the first FIN is in frame " + (fin + 1) + " from the " + ssh.sender(fin) + ".");
"""),
code("""
Lab.check(lastEncrypted.frame() <= fin + 1, "the last SSH bytes come no later than the first FIN");
Lab.check(ssh.messages(Disconnect.class).isEmpty(), "no DISCONNECT can be read without the keys: it is encrypted");
for (int f : ssh.rows(row -> (t.flags(row) & TcpFlags.FIN) != 0)) {
    int dir = t.direction(f);
    long expected = t.seq(f) + t.len(f) + 1;
    Lab.check(ssh.firstRow(row -> row > f && t.direction(row) != dir && t.ack(row) == expected) > 0,
        "the " + ssh.sender(f) + "'s FIN (frame " + (f + 1) + ", seq " + t.seq(f) + ", Len " + t.len(f) + ") is acknowledged with " + expected);
}
"""),
md("""
## What the capture corrects

- *"the client sends SSH_MSG_DISCONNECT"*: either side may; and on the wire it is encrypted, so what you
  can see is the last encrypted packet and the FIN that follows it.
- *"server authentication comes after key exchange"*: the server's host key and its signature are in
  the key exchange reply itself (Steps 4 and 5); only the client's authentication is a later step.
- *"algorithm negotiation: the server chooses"*: neither side sends a choice; both compute it from the
  two KEXINITs, with the client's order deciding (Step 3).
- Of the seven steps, only 1 to 5 can be read without the keys; 6 and 7 and the DISCONNECT are sizes and
  directions only.

<!-- with-the-keys -->
"""),
md("""
## With the keys · The SSH key log

The lab's SSH server wrote down, for this session, what Wireshark's SSH dissector needs to decrypt it: a
line `cookie private_key`, the 16-byte cookie of a KEXINIT (which tells the session) and the ephemeral
private key of that side's key exchange. With that key and the other side's public key (in the
KEX_ECDH messages, Step 4) a tool computes the shared secret, then every key of the session (RFC 4253
§7.2). The lab embedded the log in the pcapng as a Decryption Secrets Block.
"""),
code("""
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.DecryptionSecret;

List<String> sshKeyLines = CaptureFile.open(ssh.path()).secrets().stream().flatMap(b -> b.text().lines())
    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
String[] sshLine = sshKeyLines.get(0).split(" ");
System.out.println(sshKeyLines.size() + " key log line(s). One, the private key cut short:");
System.out.println(sshLine[0] + " " + sshLine[1].substring(0, 8) + "… (" + sshLine[1].length() / 2 + " bytes)");
List<String> cookies = ssh.messages(KexInit.class).stream().map(KexInit::cookie).toList();
Lab.check(cookies.contains(sshLine[0]), "the line's cookie is the cookie of a KEXINIT in this capture (" + (cookies.indexOf(sshLine[0]) == 0 ? "the first" : "the second") + " one)");
"""),
md("""
## With the keys · Steps 6 and 7, readable

**What to expect.** After NEWKEYS: the client asks for the `ssh-userauth` service, tries the method
`none` (refused, with the list of methods that would work), then `password` (accepted); it opens a
`session` channel, asks it to `exec` `echo hello`, reads `hello`, the server sends EOF, the exit status
and CLOSE, the client CLOSE, and then one side sends SSH_MSG_DISCONNECT and TCP closes.
"""),
code("""
LabCapture sshk = ssh.withKeys();
int clientNewKeys = sshk.found(NewKeys.class).stream().filter(Dissected::fromClient).findFirst().orElseThrow().frame();
Table session = Table.create("The session after NEWKEYS, decrypted", IntColumn.create("No."), StringColumn.create("From"),
    StringColumn.create("Message"), StringColumn.create("Fields"));
for (Dissected d : sshk.messages().stream().filter(d -> d.frame() >= clientNewKeys).toList()) {
    Object m = d.message();
    String fields = m instanceof ServiceRequest sr ? sr.service()
        : m instanceof ServiceAccept sa ? sa.service()
        : m instanceof UserauthRequest ur ? "user " + ur.user() + ", method " + ur.method() + (ur.passwordLength() >= 0 ? ", password " + ur.maskedPassword() : "")
        : m instanceof UserauthFailure uf ? "methods that can continue: " + String.join(",", uf.methods())
        : m instanceof ChannelOpen co ? co.type() + ", sender channel " + co.senderChannel()
        : m instanceof ChannelRequest cr ? cr.type() + (cr.command() != null && !cr.command().isEmpty() ? " \\"" + cr.command() + "\\"" : "") + (cr.type().equals("exit-status") ? " " + cr.exitStatus() : "")
        : m instanceof ChannelData cd ? cd.length() + " bytes: " + cd.preview().strip()
        : m instanceof Disconnect dc ? "reason " + dc.reasonCode() + (dc.description().isEmpty() ? "" : ", \\"" + dc.description() + "\\"")
        : null;
    if (fields == null && !(m instanceof UserauthSuccess || m instanceof ChannelEof || m instanceof ChannelClose || m instanceof ChannelOpenConfirmation)) {
        continue;
    }
    session.intColumn(0).append(d.frame()); session.stringColumn(1).append(d.sender());
    session.stringColumn(2).append(d.kind()); session.stringColumn(3).append(fields == null ? "" : fields);
}
display(session);
display(sshk.steps());
"""),
code("""
UserauthRequest pw = sshk.messages(UserauthRequest.class).stream().filter(u -> u.method().equals("password")).findFirst().orElseThrow();
ChannelRequest exec = sshk.messages(ChannelRequest.class).stream().filter(r -> r.type().equals("exec")).findFirst().orElseThrow();
Dissected disc = sshk.firstFound(Disconnect.class);
Lab.check(sshk.first(ServiceRequest.class).service().equals("ssh-userauth"), "the client asks for the ssh-userauth service");
Lab.check(pw.user().equals("student") && pw.passwordLength() > 0,
    "USERAUTH_REQUEST: user " + pw.user() + ", method password, " + pw.passwordLength() + " bytes of password (the lab keeps only the length)");
Lab.check(!sshk.messages(UserauthSuccess.class).isEmpty(), "USERAUTH_SUCCESS: the password was accepted");
Lab.check(sshk.first(ChannelOpen.class).type().equals("session"), "CHANNEL_OPEN of a session channel");
Lab.check(exec.command().equals("echo hello"), "CHANNEL_REQUEST exec \\"" + exec.command() + "\\"");
Lab.check(sshk.messages(ChannelData.class).stream().anyMatch(d -> d.preview().contains("hello")), "CHANNEL_DATA carries the output: hello");
Lab.check(!sshk.messages(ChannelEof.class).isEmpty() && sshk.messages(ChannelClose.class).size() == 2, "EOF, then a CLOSE from each side");
int sshFin = sshk.firstRow(row -> (t.flags(row) & TcpFlags.FIN) != 0);
Lab.check(disc.frame() <= sshFin + 1, "DISCONNECT (reason " + sshk.first(Disconnect.class).reasonCode() + ") from the " + disc.sender()
    + " in frame " + disc.frame() + "; TCP's close starts in frame " + (sshFin + 1));
"""),
md("""
**The password.** The lab's dissector reads the password field's length and never keeps its bytes: the
table shows one `*` per byte. Wireshark, with the same key log, would show the password itself: a key
log is as sensitive as what it decrypts.
"""),
code("""
System.out.println("USERAUTH_REQUEST as the lab keeps it: " + pw);
Lab.check(Arrays.stream(UserauthRequest.class.getRecordComponents()).noneMatch(rc -> rc.getName().equals("password")),
    "the lab's USERAUTH_REQUEST has no password field, only its length: it shows " + pw.maskedPassword());
"""),
*question("ssh.q11", "Which command did the client run?"),
*question("ssh.q12", "What reason code does SSH_MSG_DISCONNECT carry?"),
*question("ssh.q13", "Which side sent SSH_MSG_DISCONNECT: `\"client\"` or `\"server\"`?"),
md("""
## Without the key log, these stay encrypted

A capture made elsewhere (another machine, `tcpdump` on a server you do not run) has no key log: then
everything after NEWKEYS stays as in Steps 6 and 7 above. Same file, opened both ways:
"""),
code("""
long encryptedWithout = ssh.found(SshEncrypted.class).stream().mapToInt(Dissected::frame).distinct().count();
long encryptedWith = sshk.found(SshEncrypted.class).stream().mapToInt(Dissected::frame).distinct().count();
display(Workbook.fields("ssh-exec, without and with the key log",
    "frames with encrypted SSH data, without the key log", encryptedWithout,
    "frames with encrypted SSH data, with it", encryptedWith,
    "messages read after NEWKEYS without the key log", ssh.messages().stream().filter(d -> d.frame() > clientNewKeys && !(d.message() instanceof SshEncrypted) && !(d.message() instanceof SshPacket)).count(),
    "messages read after NEWKEYS with it", session.rowCount()));
Lab.check(encryptedWithout > 0 && encryptedWith < encryptedWithout, encryptedWithout + " frames stay encrypted without the key log; " + encryptedWith + " with it");
"""),
md("""
## With the keys · What changed

- The capture is the same bytes; the key log (from one end) turns the sizes of Steps 6 and 7 into
  messages: service request, authentication (`none` refused, `password` accepted), the channel, the
  command and its output, EOF and CLOSE, and the DISCONNECT with its reason code.
- Who sends DISCONNECT is now a fact from the capture, not a guess from the FIN.
"""),
]

write("03-ssh.ipynb", cells)
