"""00-start-here: the first cells (run a cell, print, a table, a chart) are kept from the committed notebook;
the sections after them are written here."""
import nbformat
from nb import NOTEBOOKS, md, code, question, write

old = nbformat.read(NOTEBOOKS / "00-start-here.ipynb", as_version=4)
kept = [c for c in old.cells[:9]]
for c in kept:
    c.pop("id", None)
    if c.cell_type == "code":
        c.outputs, c.execution_count = [], None
kept[0] = md("""
# Start here

Welcome to **Handshake Lab**, a workbook for learning how the **HTTP**, **HTTPS (TLS)** and **SSH**
handshakes really go: not from diagrams, but from packets you capture yourself.

Each notebook reads like a lab handout. It says what to expect, captures (or opens) some traffic,
shows it as tables and charts, checks the claim against the data in code, and then asks you a question.
You can cross-check every number in Wireshark.

This notebook shows how the workbook works: running cells, tables and charts, live or bundled captures,
looking at one packet, checks and questions, and where to find help. The notebooks, in order:

1. `01-http.ipynb`: TCP's three-way handshake, an HTTP request and response, the close, RST, a refused connection.
2. `02-https.ipynb`: the certificate, the TLS 1.2 and TLS 1.3 handshakes, close_notify.
3. `03-ssh.ipynb`: the seven steps of an SSH connection and its end.
""")

cells = kept + [
md("""
## Live capture, or the bundled one

`Lab.record("http")` makes the lab run its own HTTP server and client on `127.0.0.1` and capture what they
send on the loopback interface, if this machine allows packet capture (root, or the capture capability,
and libpcap). If it does not, the same exchange is opened from the lab's bundled capture in `captures/`.
The one line it prints says which. Both work the same way in every notebook; a live capture has its own
ports, sequence numbers and times, and the questions are checked against whichever you have.

The other names are `close`, `rst`, `refused`, `tls12`, `tls13` and `ssh`. (Teachers: the environment
variable `LAB_CAPTURE=bundled` or `LAB_CAPTURE=live` forces one mode.)
"""),
code("""
LabCapture http = Lab.record("http");
http.packets()
"""),
md("""
## Look at a packet

The table above has one row per frame, with the columns Wireshark calls `tcp.flags`, `tcp.seq`,
`tcp.ack`, `tcp.seq_raw`, `tcp.len`. To look at one frame, as Wireshark's middle pane does, ask for its
details: the dissection tree (frame, Ethernet, IP, TCP and its options, and what the HTTP, TLS or SSH
dissector read), and under it the frame's bytes in hex. Move the mouse over a field or a byte: the
field's bytes light up and a tooltip says what they mean.
"""),
code("""
// the frame that completes the first HTTP request, whichever number it has in this capture
http.trace().details(http.firstFound(org.handshakelab.dissect.http.HttpRequest.class).frame())
"""),
md("""
The same capture as Wireshark's packet list, with its Info column, and the connection as a ladder
diagram (client on the left, server on the right, time going down):
"""),
code("""
display(http.trace().packets());
http.trace().ladder(0)
"""),
md("""
And the connection's time–sequence chart, as Wireshark's *Statistics ▸ TCP Stream Graphs ▸ Stevens*
and tcptrace draw it: the bytes each side sent (by relative sequence number) against time, the
acknowledgements the other side returned, and the receive window they advertised.
"""),
code("""
http.trace().timeSequence(0)
"""),
md("""
## Checks and questions

A **check** cell states a claim about the packets and tests it: it prints ✔ and the claim with the
numbers it found, or stops with an error saying the claim does not hold in this capture.

A **question** cell checks your answer: replace `null` with your answer and run it. It says whether you
are right; if not, it says where to look, never the answer. Numbers are numbers (`42`), names are text
(`"server"`), TCP flags may be a number or hex text (`"0x012"`).
"""),
code("""
Lab.check(http.table().flags(0) == 0x002, "the first frame is a SYN: tcp.flags " + http.table().text(Column.TCP_FLAGS, 0))
"""),
*question("start.q1", "How many frames does this capture have?"),
md("""
## Where to find help

- Press **Tab** after a dot (`http.`) to see what you can call; **Shift+Tab** shows a method's documentation.
- `captures/README.md` says what each bundled capture contains; open any of them in Wireshark too.
- The columns are named as Wireshark's fields (`tcp.flags`, `tls.handshake.type`, `ssh.message_code`): type
  one into Wireshark's filter bar to find the same packets.
- The RFCs the notebooks cite: TCP RFC 9293, HTTP/1.1 RFC 9112, TLS 1.2 RFC 5246, TLS 1.3 RFC 8446, SSH RFC 4253.
- If a cell fails, its last line says what is wrong and what to do. *Kernel → Restart* starts over.

## Your turn

Neither SYN nor SYN-ACK carries any data, yet the SYN-ACK does not acknowledge 0.
Why? Keep your answer in mind: `01-http.ipynb` checks it on the packets.
"""),
]

write("00-start-here.ipynb", cells)
