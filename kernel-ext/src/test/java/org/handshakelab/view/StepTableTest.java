package org.handshakelab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.handshakelab.Trace;
import org.handshakelab.table.PacketTable;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class StepTableTest {

    @Test
    void handshakeHasTheThreeStepsWithRelativeNumbers() {
        Trace t = Bundled.trace("http-keepalive");
        Table h = t.handshake(0).table();
        assertEquals(StepTable.COLUMNS, h.columnNames());
        assertEquals(List.of("TCP handshake 1/3", "TCP handshake 2/3", "TCP handshake 3/3"), h.stringColumn("Step").asList());
        assertEquals(List.of("client → server", "server → client", "client → server"), h.stringColumn("Direction").asList());
        assertEquals(List.of(0L, 0L, 1L), h.longColumn("Seq").asList());
        assertTrue(h.longColumn("Ack").isMissing(0));
        assertEquals(1L, h.longColumn("Ack").get(1));
        assertEquals(List.of("0x002 [SYN]", "0x012 [SYN, ACK]", "0x010 [ACK]"), h.stringColumn("Flags").asList());
    }

    @Test
    void stepValuesAreThePacketTablesTsharkCheckedValues() {
        for (String name : List.of("http-close", "https-tls12", "ssh-exec", "tcp-rst")) {
            Trace t = Bundled.trace(name);
            PacketTable p = t.table();
            for (StepTable steps : List.of(t.handshake(0), t.close(0))) {
                int[] frames = steps.frames();
                for (int i = 0; i < frames.length; i++) {
                    int row = frames[i] - 1;
                    assertEquals(p.seq(row), steps.table().longColumn("Seq").get(i), name + " frame " + frames[i]);
                    assertEquals(p.len(row), steps.table().intColumn("Len").get(i), name + " frame " + frames[i]);
                }
            }
        }
    }

    @Test
    void closeOfAFourWayCloseHasFourSteps() {
        Table c = Bundled.trace("http-keepalive").close(0).table();
        assertEquals(List.of("TCP close 1/4", "TCP close 2/4", "TCP close 3/4", "TCP close 4/4"),
                c.stringColumn("Step").asList());
        assertEquals(List.of(11, 12, 13, 14), c.intColumn("No.").asList());
    }

    @Test
    void resetShowsAsTheClose() {
        Table c = Bundled.trace("tcp-rst").close(0).table();
        assertTrue(c.stringColumn("Step").asList().contains("TCP RST"), c.print());
    }

    @Test
    void tlsAndSshTablesNameTheMessages() {
        StepTable tls = Bundled.trace("https-tls13").tls(0);
        assertEquals("TLS ClientHello", tls.table().stringColumn("Message").get(0));
        assertEquals("client → server", tls.table().stringColumn("Direction").get(0));
        StepTable ssh = Bundled.trace("ssh-exec").ssh(0);
        List<String> messages = ssh.table().stringColumn("Message").asList();
        assertTrue(messages.contains("SSH KEXINIT (client)") && messages.contains("SSH KEXINIT (server)"), messages.toString());
        assertTrue(ssh.html().contains("SSH KEXINIT (server)"));
        assertTrue(ssh.text().contains("SSH KEXINIT (server)"));
    }
}
