from nb import md, code, question, write

cells = [
md("""
# 01 · HTTP over TCP: handshake, request and response, close

In this notebook the lab runs its own HTTP server and client on `127.0.0.1` and captures what they send,
or, when this machine does not allow live capture, opens the same exchange from `captures/`. The first
line printed below the next cell says which one you are looking at. Every number in this notebook is read
from that capture: a live run gives other ports and sequence numbers than the bundled one, and the
questions are checked against whichever you have.

Each step goes: **what to expect** → **capture and show** → **check** (code that tests the claim on the
packets) → **question** (answer in the cell below it and run it: it says right or wrong, and where to look).
"""),
code("""
import org.handshakelab.*;
import org.handshakelab.table.*;
import org.handshakelab.dissect.TcpFlags;
import org.handshakelab.dissect.http.*;

LabCapture http = Lab.record("http");   // two GETs on one keep-alive connection
PacketTable t = http.table();
http.packets()
"""),
md("""
## Step 1 · The three-way handshake

**What to expect.** Before a single byte of HTTP is sent, TCP opens the connection with three segments:
the client's **SYN** (`tcp.flags` = `0x002`), the server's **SYN-ACK** (`0x012` = SYN `0x002` + ACK `0x010`)
and the client's **ACK** (`0x010`). These flags are bits in the **TCP header**; HTTP has no flags, and at
this point no HTTP has been sent at all (`Len` is 0 in all three). Each side picks a random **initial
sequence number** (ISN). Wireshark shows *relative* numbers (the ISN counts as 0) and the *raw* ones
(`tcp.seq_raw`). A SYN consumes one sequence number, so each side acknowledges the other's ISN + 1.
"""),
code("""
int syn = http.firstWithFlags(TcpFlags.SYN);
int synAck = http.firstWithFlags(TcpFlags.SYN | TcpFlags.ACK);
int ack = http.firstRow(r -> r > synAck && t.direction(r) == 0 && t.flags(r) == TcpFlags.ACK);
display(http.packets(syn + 1, ack + 1));
display(http.ladder(syn + 1, ack + 1));
System.out.printf("The client (port %d) sent its SYN in frame %d with raw ISN %d; the server (port %d) answered in frame %d "
    + "with its own ISN %d and ack %d; the client's ACK in frame %d carries ack %d.%n",
    http.clientPort(), syn + 1, t.seqRaw(syn), http.serverPort(), synAck + 1, t.seqRaw(synAck), t.ackRaw(synAck),
    ack + 1, t.ackRaw(ack));
"""),
md("One packet in detail, as Wireshark's middle pane would show the TCP header of the SYN-ACK:"),
code("""
System.out.println(http.details(synAck + 1));
"""),
md("**Check.** The claims above, tested on the three segments:"),
code("""
Lab.check(t.flags(syn) == 0x002 && t.flags(synAck) == 0x012 && t.flags(ack) == 0x010,
    "the handshake's tcp.flags are " + t.text(Column.TCP_FLAGS, syn) + ", " + t.text(Column.TCP_FLAGS, synAck)
    + ", " + t.text(Column.TCP_FLAGS, ack) + " (SYN, SYN-ACK, ACK)");
Lab.check(t.ackRaw(synAck) == (t.seqRaw(syn) + 1) % (1L << 32),
    "the SYN-ACK acknowledges the client's ISN + 1: " + t.seqRaw(syn) + " + 1 = " + t.ackRaw(synAck));
Lab.check(t.ackRaw(ack) == (t.seqRaw(synAck) + 1) % (1L << 32),
    "the ACK acknowledges the server's ISN + 1: " + t.seqRaw(synAck) + " + 1 = " + t.ackRaw(ack));
Lab.check(t.seq(syn) == 0 && t.seq(synAck) == 0 && t.ack(synAck) == 1 && t.seq(ack) == 1 && t.ack(ack) == 1,
    "relative numbers: SYN seq 0, SYN-ACK seq 0 ack 1, ACK seq 1 ack 1");
Lab.check(t.len(syn) + t.len(synAck) + t.len(ack) == 0, "no HTTP byte yet: all three segments have Len 0");
"""),
*question("http.q1", "Which TCP port does the server listen on?"),
*question("http.q2", "What is the client's initial sequence number (ISN) as sent on the wire (raw)?"),
*question("http.q3", "What raw acknowledgement number does the SYN-ACK carry?"),
*question("http.q4", "What is `tcp.flags` of the SYN-ACK, in hex (text such as `\"0x0ab\"`, or a number)?"),
*question("http.q5", "How many milliseconds passed between the client's SYN and the server's SYN-ACK? "
          "(On loopback this round trip is tiny; read it from the Time column.)"),
md("""
## Step 2 · The HTTP request and response

**What to expect.** Once the connection is open, the client sends a request: a **request line** (method,
target, version), **header fields**, and an empty line. The server answers with a **status line** (version,
code, reason), its headers and a body. Both travel as TCP payload (`Len` > 0, usually with PSH set), and
the receiver acknowledges bytes, not messages: its ack number is the next byte it expects.
"""),
code("""
HttpRequest request = http.first(HttpRequest.class);
HttpResponse response = http.first(HttpResponse.class);
System.out.println("Request line: " + request.method() + " " + request.uri() + " " + request.version()
    + "   (frames " + request.frames() + ")");
System.out.println("Status line:  " + response.version() + " " + response.code() + " " + response.reason()
    + "   (frames " + response.frames() + ", body " + response.bodyLength() + " bytes)");
Table headers = Table.create("Header fields of the first request and response",
    StringColumn.create("Message"), StringColumn.create("Name"), StringColumn.create("Value"));
for (HttpHeader h : request.headers()) {
    headers.stringColumn("Message").append("request"); headers.stringColumn("Name").append(h.name());
    headers.stringColumn("Value").append(h.value());
}
for (HttpHeader h : response.headers()) {
    headers.stringColumn("Message").append("response"); headers.stringColumn("Name").append(h.name());
    headers.stringColumn("Value").append(h.value());
}
headers
"""),
md("""
The time-sequence chart (Wireshark: *Statistics → TCP Stream Graphs → tcptrace*) plots relative
sequence numbers over time, for both sides: each segment with data is a bar from its seq to seq + Len,
the ACK lines show what the other side has acknowledged so far, the markers the SYN and the FINs.
"""),
code("""
display(http.trace().timeSequence(0));
int reqLast = request.frames().get(request.frames().size() - 1) - 1;
int reqAck = http.firstRow(r -> r > reqLast && t.direction(r) == 1 && t.ack(r) >= t.seq(reqLast) + t.len(reqLast));
System.out.printf("The request ends in frame %d at seq %d with %d bytes; the server's first ack of all of it is %d "
    + "(frame %d).%n", reqLast + 1, t.seq(reqLast), t.len(reqLast), t.ack(reqAck), reqAck + 1);
"""),
md("**Check.** Acknowledgement = sequence number + length, for the request; and every data segment advances its side's sequence number by its length:"),
code("""
Lab.check(t.ack(reqAck) == t.seq(reqLast) + t.len(reqLast),
    "the server acknowledges the request with ack " + t.seq(reqLast) + " + " + t.len(reqLast) + " = " + t.ack(reqAck));
boolean advances = true;
long[] expectedNext = {1, 1};
for (int r = ack + 1; r < t.size(); r++) {
    int dir = t.direction(r);
    advances &= t.seq(r) == expectedNext[dir];
    expectedNext[dir] = t.seq(r) + t.len(r) + ((t.flags(r) & TcpFlags.FIN) != 0 ? 1 : 0);
}
Lab.check(advances, "after the handshake each segment's seq = the previous seq of its side + its Len (+1 after a FIN)");
Lab.check(request.method().equals("GET") && response.code() == 200,
    "the first request is a " + request.method() + " and its answer has status " + response.code());
"""),
*question("http.q6", "How many TCP segments carried the first HTTP response?"),
*question("http.q7", "With which relative ack number does the server acknowledge the whole first request?"),
md("""
## Step 3 · The close: FIN, ACK, FIN, ACK

**What to expect.** Each direction is closed on its own. The side that is done sends a **FIN**
(`0x011`, FIN + ACK); the other side acknowledges it, and sends its own FIN when *it* is done; the
first side acknowledges that. A FIN carries no data but **consumes one sequence number**, just as a SYN
does, so the FIN with seq *n* is acknowledged with *n* + 1. The ACK of the first FIN does not mean the
other side is closing: it only says "your FIN arrived"; the other direction stays open until its own
FIN. When the second side has nothing left to send, its ACK and its FIN may travel in one segment, and
the "four-way" close takes three segments.
"""),
code("""
int fin1 = http.firstRow(r -> t.flags(r) >= 0 && (t.flags(r) & TcpFlags.FIN) != 0);
display(http.packets(fin1 + 1, t.size()));
display(http.ladder(fin1 + 1, t.size()));
System.out.printf("The %s closes first: FIN in frame %d with seq %d; the close takes %d segments.%n",
    http.sender(fin1), fin1 + 1, t.seq(fin1), t.size() - fin1);
"""),
md("**Check.** Every FIN is acknowledged with its seq + 1 by the other side:"),
code("""
for (int f : http.rows(r -> t.flags(r) >= 0 && (t.flags(r) & TcpFlags.FIN) != 0)) {
    int dir = t.direction(f);
    long expected = t.seq(f) + t.len(f) + 1;
    int acked = http.firstRow(r -> r > f && t.direction(r) != dir && t.ack(r) == expected);
    Lab.check(acked > 0, "the " + http.sender(f) + "'s FIN (frame " + (f + 1) + ", seq " + t.seq(f)
        + ") is acknowledged with " + t.seq(f) + " + 1 = " + expected + " in frame " + (acked + 1));
}
"""),
*question("http.q8", "With which relative ack number is the client's FIN acknowledged?"),
*question("http.q9", "How many segments did the close take, from the first FIN to the last segment?"),
md("""
### The server closes first

With `Connection: close` the server closes the connection after its response, so the first FIN comes
from the server. The arithmetic is the same.
"""),
code("""
LabCapture close = Lab.record("close");
PacketTable tc = close.table();
int closeFin = close.firstRow(r -> tc.flags(r) >= 0 && (tc.flags(r) & TcpFlags.FIN) != 0);
display(close.packets());
System.out.printf("Here the first FIN (frame %d) comes from the %s.%n", closeFin + 1, close.sender(closeFin));
"""),
code("""
Lab.check(close.first(HttpRequest.class).headers().stream()
        .anyMatch(h -> h.name().equalsIgnoreCase("Connection") && h.value().equalsIgnoreCase("close")),
    "the request asks for Connection: close");
"""),
*question("http.q10", "In this `Connection: close` exchange, who sent the first FIN: `\"client\"` or `\"server\"`?"),
md("""
## Step 4 · An abort: RST

**What to expect.** A side can also abort a connection with **RST** (the `0x004` bit of `tcp.flags`).
There is no FIN, no acknowledgement of the RST, and data still in flight is thrown away. The lab's
client does this by closing its socket with `SO_LINGER` set to 0.
"""),
code("""
LabCapture rst = Lab.record("rst");
PacketTable tr = rst.table();
display(rst.packets());
display(rst.trace().ladder(0));
"""),
code("""
int last = tr.size() - 1;
Lab.check((tr.flags(last) & TcpFlags.RST) != 0, "the last segment (frame " + (last + 1) + ", from the "
    + rst.sender(last) + ") has RST set");
Lab.check(rst.rows(r -> (tr.flags(r) & TcpFlags.FIN) != 0).isEmpty(), "no segment has FIN: the connection was aborted, not closed");
"""),
*question("http.q11", "What is `tcp.flags` (in hex) of the segment that ended this connection?"),
md("""
## Step 5 · A refused connection

**What to expect.** When nothing listens on the port, the server's TCP answers the SYN with
**RST, ACK**. Since the SYN consumed one sequence number, the RST acknowledges ISN + 1 (relative 1).
The client's `connect()` fails with "Connection refused".
"""),
code("""
LabCapture refused = Lab.record("refused");
PacketTable tf = refused.table();
display(refused.packets());
int reset = refused.firstWith(TcpFlags.RST, 1);
Lab.check(tf.size() == 2 && tf.flags(0) == TcpFlags.SYN && reset == 1,
    "a SYN, then an RST,ACK from the server's side (tcp.flags " + tf.text(Column.TCP_FLAGS, reset) + ")");
Lab.check(tf.ackRaw(reset) == (tf.seqRaw(0) + 1) % (1L << 32),
    "the RST acknowledges the SYN: " + tf.seqRaw(0) + " + 1 = " + tf.ackRaw(reset));
"""),
*question("http.q12", "What relative acknowledgement number does the RST,ACK of the refused connection carry?"),
md("""
## What the capture corrects

Compare these with what you may have read in notes about HTTP:

- *"FLAG 2 / 12 / 10 in the HTTP header"*: the flags are in the **TCP header**; during the handshake no
  HTTP byte exists yet (Step 1's check: Len 0). `2`, `12`, `10` are hex: `0x002`, `0x012`, `0x010`.
- *"Ack = request's Seq + 1"*: true only for segments that consume one sequence number without data
  (SYN, FIN). For data, ack = seq + Len (Step 2's check).
- *"the ACK of the FIN means the other side is about to close"*: it only acknowledges the FIN; the other
  direction closes with its own FIN, possibly much later or in the same segment (Step 3).
- *"RST means an abnormal close"*: yes, and it has no FIN and no acknowledgement (Step 4); a refused
  connection is an RST too (Step 5).

Next: `02-https.ipynb`, the same HTTP inside TLS.
"""),
]

write("01-http.ipynb", cells)
