package org.handshakelab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.handshakelab.Trace;
import org.handshakelab.table.Tshark;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class PacketListTest {

    @Test
    void tcpInfoEqualsWiresharksInfoColumn() {
        Trace t = Bundled.trace("http-keepalive");
        List<String[]> tshark = Tshark.fields(Bundled.path("http-keepalive"), List.of(),
                List.of("_ws.col.Protocol", "_ws.col.Info"));
        Table list = t.packets().table();
        assertEquals(tshark.size(), list.rowCount());
        for (int i = 0; i < tshark.size(); i++) {
            String protocol = tshark.get(i)[0];
            String info = tshark.get(i)[1];
            assertEquals(protocol, list.stringColumn("Protocol").get(i), "frame " + (i + 1));
            if (protocol.equals("TCP")) {
                assertEquals(info, list.stringColumn("Info").get(i), "frame " + (i + 1));
            } else {
                // Wireshark adds the content type after an HTTP response line: "HTTP/1.1 200 OK  (text/plain)"
                String ours = list.stringColumn("Info").get(i);
                assertFalse(ours.isEmpty());
                assertTrue(info.startsWith(ours), "frame " + (i + 1) + ": " + ours + " vs " + info);
            }
        }
    }

    @Test
    void tcpInfoOfEveryBundledCaptureEqualsWiresharks() {
        for (String name : List.of("http-close", "tcp-rst", "tcp-refused", "https-tls12", "ssh-exec")) {
            Trace t = Bundled.trace(name);
            List<String[]> tshark = Tshark.fields(Bundled.path(name), List.of(), List.of("_ws.col.Protocol", "_ws.col.Info"));
            Table list = t.packets().table();
            for (int i = 0; i < tshark.size(); i++) {
                if (tshark.get(i)[0].equals("TCP") && list.stringColumn("Protocol").get(i).equals("TCP")) {
                    assertEquals(tshark.get(i)[1], list.stringColumn("Info").get(i), name + " frame " + (i + 1));
                }
            }
        }
    }

    @Test
    void flagsColumnShowsHexAndNames() {
        Table list = Bundled.trace("http-keepalive").packets().table();
        assertEquals("0x002 [SYN]", list.stringColumn("Flags").get(0));
        assertEquals("0x012 [SYN, ACK]", list.stringColumn("Flags").get(1));
        assertEquals("0x011 [FIN, ACK]", list.stringColumn("Flags").get(10));
        assertEquals(PacketList.COLUMNS, list.columnNames());
    }

    @Test
    void filtersByStreamPhaseAndProtocol() {
        Trace t = Bundled.trace("http-keepalive");
        assertEquals(14, t.stream(0).size());
        assertEquals(4, t.protocol("HTTP").size());
        assertEquals(14, t.protocol("tcp").size());
        assertEquals(3, t.phase("TCP handshake").size());
        assertEquals(4, t.phase("close").size());
        PacketList requests = t.stream(0).phase("HTTP request");
        assertEquals(2, requests.size());
        assertEquals(List.of(4, 8), requests.table().intColumn("No.").asList());
        assertThrows(IllegalArgumentException.class, () -> t.stream(7));
    }

    @Test
    void tlsAndSshMessagesAreNamedInInfo() {
        PacketList tls = Bundled.trace("https-tls13").protocol("TLS");
        assertEquals("TLS ClientHello", tls.info(0));
        assertTrue(tls.info(1).startsWith("TLS ServerHello"), tls.info(1));
        PacketList ssh = Bundled.trace("ssh-exec").protocol("SSH");
        assertTrue(ssh.table().stringColumn("Info").asList().contains("SSH KEXINIT (client)"));
    }

    @Test
    void htmlColoursRowsByPhaseAndEscapes() {
        String html = Bundled.trace("http-keepalive").packets().html();
        assertTrue(html.startsWith("<table"), html);
        assertTrue(html.contains("<tr class=\"tcp-handshake\" style=\"background:" + PhaseKind.TCP_HANDSHAKE.color()), html);
        assertTrue(html.contains("<tr class=\"http\""), html);
        assertTrue(html.contains("<tr class=\"tcp-close\""), html);
        assertTrue(html.contains("46919 → 39993 [SYN] Seq=0 Win=65495 Len=0 MSS=65495"), html);
        assertTrue(html.contains("<td style=\"text-align:left;padding:1px 6px;white-space:nowrap\">GET /hello HTTP/1.1</td>"),
                html);
        assertFalse(html.contains("<script"), html);
    }

    @Test
    void longListShowsHeadAndTailWithTheCount() {
        PacketList all = Bundled.trace("ssh-exec").packets();
        String html = all.html();
        String text = all.text();
        assertTrue(html.contains("… 24 more packets …"), html);
        assertTrue(text.contains("… 24 more packets …"), text);
        assertTrue(text.startsWith("../captures/ssh-exec.pcapng · 44 packets"), text);
        assertTrue(html.contains(">44</td>") && !html.contains(">11</td><td"), "tail shown, middle not");
        assertEquals(44, all.table().rowCount());
    }
}
