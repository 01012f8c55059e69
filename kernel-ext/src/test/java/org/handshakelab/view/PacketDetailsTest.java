package org.handshakelab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handshakelab.Trace;
import org.handshakelab.table.Tshark;
import org.junit.jupiter.api.Test;

class PacketDetailsTest {

    private static final Pattern HEX_SPAN = Pattern.compile("<span class=\"h o o\\d+((?: b\\d+)*)\" title=\"[^\"]*\">([0-9a-f ]+)</span>");

    /** tshark's value of {@code field} in frame {@code frame} of bundled capture {@code name}. */
    private static String tshark(String name, int frame, String field, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of(extra));
        args.addAll(List.of("-Y", "frame.number==" + frame));
        List<String[]> rows = Tshark.fields(Bundled.path(name), args, List.of(field));
        assertEquals(1, rows.size());
        return rows.get(0)[0];
    }

    private static DetailNode field(PacketDetails d, String field) {
        DetailNode n = d.find(field);
        assertNotNull(n, field + " in\n" + d.text());
        assertTrue(n.hasBytes(), field);
        return n;
    }

    private static String ascii(PacketDetails d, String field) {
        return new String(d.bytesOf(field(d, field)), StandardCharsets.ISO_8859_1);
    }

    private static String hex(PacketDetails d, String field) {
        return HexFormat.of().formatHex(d.bytesOf(field(d, field)));
    }

    private static long number(PacketDetails d, String field) {
        long v = 0;
        for (byte x : d.bytesOf(field(d, field))) {
            v = v << 8 | (x & 0xFF);
        }
        return v;
    }

    /** The bytes the hex dump highlights for {@code node}: every hex span whose classes include its bN. */
    private static String highlighted(PacketDetails d, DetailNode node) {
        int index = d.preorder().indexOf(node);
        StringBuilder out = new StringBuilder();
        Matcher m = HEX_SPAN.matcher(d.html());
        while (m.find()) {
            if ((m.group(1) + " ").contains(" b" + index + " ")) {
                out.append(m.group(2).replace(" ", ""));
            }
        }
        return out.toString();
    }

    private static void assertHighlightIsTheFieldsBytes(PacketDetails d, String field) {
        DetailNode n = field(d, field);
        assertEquals(HexFormat.of().formatHex(d.bytesOf(n)), highlighted(d, n), field);
    }

    @Test
    void tcpFieldsSitAtTheirOffsets() {
        PacketDetails d = Bundled.trace("http-keepalive").details(1);
        assertEquals(46919, number(d, "tcp.srcport"));
        assertEquals(39993, number(d, "tcp.dstport"));
        assertEquals(Long.parseLong(tshark("http-keepalive", 1, "tcp.seq_raw")), number(d, "tcp.seq_raw"));
        assertEquals(65495, number(d, "tcp.options.mss_val"));
        assertEquals(0x002, number(d, "tcp.flags") & 0xFFF);
        assertEquals(34, field(d, "tcp").offset());
        assertTrue(field(d, "tcp.seq").label().startsWith("Sequence Number: 0"), field(d, "tcp.seq").label());
        for (String f : List.of("tcp.srcport", "tcp.seq_raw", "tcp.options.mss_val", "ip.src", "eth.type")) {
            assertHighlightIsTheFieldsBytes(d, f);
        }
    }

    @Test
    void httpRequestLineFieldsAreTheirBytes() {
        PacketDetails d = Bundled.trace("http-keepalive").details(4);
        assertEquals(tshark("http-keepalive", 4, "http.request.method"), ascii(d, "http.request.method"));
        assertEquals(tshark("http-keepalive", 4, "http.request.uri"), ascii(d, "http.request.uri"));
        assertEquals(tshark("http-keepalive", 4, "http.request.version"), ascii(d, "http.request.version"));
        assertHighlightIsTheFieldsBytes(d, "http.request.uri");
    }

    @Test
    void tlsClientHelloShowsSniAndRandomAtTheirOffsets() {
        PacketDetails d = Bundled.trace("https-tls13").details(4);
        assertEquals(22, number(d, "tls.record.content_type"));
        assertEquals(1, number(d, "tls.handshake.type"));
        assertEquals(tshark("https-tls13", 4, "tls.handshake.extensions_server_name"),
                ascii(d, "tls.handshake.extensions_server_name"));
        assertEquals("localhost", ascii(d, "tls.handshake.extensions_server_name"));
        assertEquals(tshark("https-tls13", 4, "tls.handshake.random"), hex(d, "tls.handshake.random"));
        assertTrue(field(d, "tls.handshake.ciphersuite").label().contains("TLS_AES_128_GCM_SHA256"));
        for (String f : List.of("tls.handshake.extensions_server_name", "tls.handshake.random", "tls.handshake.type")) {
            assertHighlightIsTheFieldsBytes(d, f);
        }
        assertTrue(d.messages().stream().anyMatch(m -> m.startsWith("client: ClientHello[")), d.messages().toString());
    }

    @Test
    void sshKexinitShowsCookieAndNameListsAtTheirOffsets() {
        String ssh = "tcp.port==38315,ssh";
        PacketDetails d = Bundled.trace("ssh-exec").details(8);
        assertEquals(20, number(d, "ssh.message_code"));
        assertEquals(Long.parseLong(tshark("ssh-exec", 8, "ssh.packet_length", "-d", ssh)), number(d, "ssh.packet_length"));
        assertEquals(tshark("ssh-exec", 8, "ssh.cookie", "-d", ssh), hex(d, "ssh.cookie"));
        assertEquals(tshark("ssh-exec", 8, "ssh.kex_algorithms", "-d", ssh), ascii(d, "ssh.kex_algorithms"));
        assertEquals(tshark("ssh-exec", 8, "ssh.server_host_key_algorithms", "-d", ssh),
                ascii(d, "ssh.server_host_key_algorithms"));
        for (String f : List.of("ssh.cookie", "ssh.kex_algorithms", "ssh.message_code")) {
            assertHighlightIsTheFieldsBytes(d, f);
        }
        assertTrue(d.messages().stream().anyMatch(m -> m.startsWith("client: KexInit[")), d.messages().toString());
    }

    @Test
    void ipv6AddressesAreWrittenAsTsharkWritesThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path file = org.handshakelab.flow.TcpScript.of("2001:db8::1", 40000, "2001:db8:0:0:1::2", 80, 1,
                2).syn(new byte[0]).write(dir.resolve("v6.pcapng"));
        PacketDetails d = org.handshakelab.Lab.open(file).details(1);
        List<String[]> rows = Tshark.fields(file, List.of(), List.of("ipv6.src", "ipv6.dst"));
        assertEquals("2001:db8::1", rows.get(0)[0]);
        assertTrue(field(d, "ipv6.src").label().endsWith(": " + rows.get(0)[0]), field(d, "ipv6.src").label());
        assertTrue(field(d, "ipv6.dst").label().endsWith(": " + rows.get(0)[1]), field(d, "ipv6.dst").label());
        assertTrue(d.text().contains("Src: 2001:db8::1, Dst: " + rows.get(0)[1] + " "), d.text());
    }

    @Test
    void tcpAndHttpAfterIpv6ExtensionHeadersAreDissected(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        byte[] request = "GET /ext HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tcp = org.handshakelab.dissect.Packets.tcp(40000, 80, 1000, 2000, 0x018, 512, new byte[0], request);
        // hop-by-hop options (next header 0), 8 bytes with a PadN option, then the TCP segment
        byte[] hopByHop = org.handshakelab.dissect.Packets.extension(6, new byte[] {1, 4, 0, 0, 0, 0});
        byte[] payload = java.util.Arrays.copyOf(hopByHop, hopByHop.length + tcp.length);
        System.arraycopy(tcp, 0, payload, hopByHop.length, tcp.length);
        java.nio.file.Path file = org.handshakelab.flow.TcpScript.of("2001:db8::1", 40000, "2001:db8::2", 80, 1, 2)
                .frame(org.handshakelab.dissect.Packets.ipv6("2001:db8::1", "2001:db8::2", 0, payload))
                .write(dir.resolve("v6-ext.pcapng"));
        PacketDetails d = org.handshakelab.Lab.open(file).details(1);
        List<String[]> rows = Tshark.fields(file, List.of(), List.of("tcp.srcport", "tcp.seq_raw",
                "http.request.method", "http.request.uri"));
        assertEquals(List.of("40000", "1000", "GET", "/ext"), List.of(rows.get(0)), "tshark's reading");
        assertEquals(8, d.bytesOf(field(d, "ipv6.ext")).length);
        assertEquals(Long.parseLong(rows.get(0)[0]), number(d, "tcp.srcport"));
        assertEquals(Long.parseLong(rows.get(0)[1]), number(d, "tcp.seq_raw"));
        assertEquals(rows.get(0)[2], ascii(d, "http.request.method"));
        assertEquals(rows.get(0)[3], ascii(d, "http.request.uri"));
        assertHighlightIsTheFieldsBytes(d, "tcp.srcport");
    }

    @Test
    void sshBannerAndEncryptedPacketsAreNamed() {
        PacketDetails banner = Bundled.trace("ssh-exec").details(4);
        assertEquals("SSH-2.0-APACHE-SSHD-2.15.0", ascii(banner, "ssh.protocol").strip());
        PacketDetails encrypted = Bundled.trace("ssh-exec").details(17);
        assertNotNull(encrypted.find("ssh.encrypted_packet"), encrypted.text());
    }

    @Test
    void everyFieldLiesWithinItsParentAndTheFrame() {
        Trace[] traces = {Bundled.trace("https-tls12"), Bundled.trace("https-tls13"), Bundled.trace("ssh-exec")};
        for (Trace t : traces) {
            for (int f = 1; f <= Math.min(12, t.size()); f++) {
                PacketDetails d = t.details(f);
                for (DetailNode n : d.tree()) {
                    assertNested(n, d.bytes().length);
                }
            }
        }
    }

    private static void assertNested(DetailNode n, int frameLength) {
        if (n.hasBytes()) {
            assertTrue(n.offset() + n.length() <= frameLength, n.label());
        }
        for (DetailNode c : n.children()) {
            // as in Wireshark, the TCP line covers the header and its "TCP payload" line the bytes after it
            if (n.hasBytes() && c.hasBytes() && !c.field().equals("tcp.payload")) {
                assertTrue(c.offset() >= n.offset() && c.offset() + c.length() <= n.offset() + n.length(),
                        c.label() + " outside " + n.label());
            }
            assertNested(c, frameLength);
        }
    }

    @Test
    void htmlIsScriptFreeWithHoverRulesAndTooltips() {
        PacketDetails d = Bundled.trace("https-tls13").details(4);
        String html = d.html();
        assertFalse(html.toLowerCase().contains("<script"), "no script");
        assertFalse(html.contains("onmouseover") || html.contains("onclick"), "no handlers");
        assertTrue(html.contains(":hover"), "hover rules");
        assertTrue(html.contains("title=\"Server Name: localhost · bytes "), "tooltip on the SNI bytes");
        assertTrue(d.text().contains("Server Name: localhost  [bytes "), d.text());
        assertTrue(d.text().contains("0000  00 00 00 00 00 00 00 00 00 00 00 00 08 00 45 00"), d.text());
    }

    @Test
    void frameNumberOutsideTheCaptureIsRefused() {
        Trace t = Bundled.trace("http-keepalive");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.details(0));
        assertEquals("frameNumber must be 1..14: 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.details(15));
    }
}
