package org.handshakelab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.table.PacketTable;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LadderDiagramTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void arrowsCarryFlagsNumbersAndDirection() {
        LadderDiagram d = Bundled.trace("http-keepalive").ladder(0);
        List<LadderDiagram.Arrow> a = d.arrows();
        assertEquals(14, a.size());
        assertEquals("[SYN] Seq=0 Len=0", a.get(0).label());
        assertTrue(a.get(0).fromClient());
        assertEquals("[SYN, ACK] Seq=0 Ack=1 Len=0", a.get(1).label());
        assertFalse(a.get(1).fromClient());
        assertEquals("[PSH, ACK] Seq=1 Ack=1 Len=96", a.get(3).label());
        assertEquals("HTTP request", a.get(3).message());
        assertEquals(4, a.get(3).frame());
    }

    @Test
    void phasesAreBracketed() {
        LadderDiagram d = Bundled.trace("https-tls13").ladder(0);
        List<PhaseKind> kinds = d.brackets().stream().map(LadderDiagram.Bracket::kind).toList();
        // the trace decrypts with the capture's own secrets: the HTTP inside TLS is bracketed too
        assertEquals(List.of(PhaseKind.TCP_HANDSHAKE, PhaseKind.TLS_HANDSHAKE, PhaseKind.HTTP, PhaseKind.TCP_CLOSE), kinds);
        assertEquals(0, d.brackets().get(0).first());
        assertEquals(2, d.brackets().get(0).last());
        assertEquals("TLS ClientHello", d.arrows().get(d.brackets().get(1).first()).message());
        LadderDiagram ssh = Bundled.trace("ssh-exec").ladder(0);
        assertTrue(ssh.brackets().stream().anyMatch(b -> b.kind() == PhaseKind.SSH_KEX), ssh.brackets().toString());
    }

    @Test
    void drawsAsPngTallEnoughForEveryArrow() throws IOException {
        LadderDiagram d = Bundled.trace("http-close").ladder(0);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(d.png()));
        assertEquals(LadderDiagram.WIDTH, image.getWidth());
        assertEquals(d.height(), image.getHeight());
        assertTrue(d.height() > 44 * d.arrows().size());
    }

    @Test
    void longConnectionShowsHeadAndTailWithTheGap(@TempDir Path dir) {
        Path file = dir.resolve("bulk.pcapng");
        ChartBench.writeBulkTransfer(file, 200);
        LadderDiagram d = LadderDiagram.of(PacketTable.build(CaptureFile.open(file)), 0);
        assertEquals(LadderDiagram.HEAD_ARROWS + LadderDiagram.TAIL_ARROWS, d.arrows().size());
        assertEquals(200 - d.arrows().size(), d.omitted());
        assertEquals(200, d.arrows().get(d.arrows().size() - 1).frame());
        assertTrue(d.text().contains("… 145 packets not drawn …"), d.text());
        assertTrue(d.text().contains("client ──> server  [SYN] Seq=0 Len=0"), d.text());
    }

    @Test
    void shortConnectionIsDrawnWhole() {
        LadderDiagram d = Bundled.trace("ssh-exec").ladder(0);
        assertEquals(44, d.arrows().size());
        assertEquals(0, d.omitted());
    }
}
