package org.handshakelab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.handshakelab.capture.LiveCapture;
import org.handshakelab.dissect.tls.ClientHello;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

class WorkbookTest {

    private static LabCapture bundled(String name) {
        return Workbook.open(name, Path.of("../captures", name + ".pcapng"), false);
    }

    @Test
    void shortNamesMapToTheBundledCaptures() {
        assertEquals("http-keepalive", Workbook.scenario("http"));
        assertEquals("https-tls13", Workbook.scenario("TLS13"));
        assertEquals("ssh-exec", Workbook.scenario("ssh-exec"));
    }

    @Test
    void everyRecordableScenarioHasItsBundledCapture() {
        for (org.handshakelab.traffic.RecordScenario s : org.handshakelab.traffic.RecordScenario.all()) {
            assertEquals(s.name(), Workbook.scenario(s.name()));
            assertTrue(java.nio.file.Files.isRegularFile(Path.of("../captures", s.name() + ".pcapng")), s.name());
        }
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workbook.scenario("ftp"));
        assertTrue(e.getMessage().contains("tls12") && e.getMessage().contains("ftp"), e.getMessage());
    }

    @Test
    void aClaimThatDoesNotHoldFailsTheCellWithALabException() {
        LabException e = assertThrows(LabException.class, () -> Workbook.check(false, "a SYN carries data"));
        assertTrue(e.getMessage().contains("a SYN carries data"), e.getMessage());
    }

    @Test
    void packetTableHasOneRowPerFrameWithWiresharksColumns() {
        LabCapture c = bundled("http-keepalive");
        Table t = c.packets();
        assertEquals(c.size(), t.rowCount());
        assertTrue(t.columnNames().containsAll(List.of("No.", "tcp.flags", "Seq", "Ack", "Seq (raw)", "Len")));
        assertEquals("0x0012", t.stringColumn("tcp.flags").get(1));
        assertEquals(c.table().seqRaw(0), t.longColumn("Seq (raw)").get(0));
    }

    @Test
    void tls12HandshakeIsFourFlightsAndTls13ShowsOnlyTheHellos() {
        List<Flight> flights = bundled("https-tls12").flights();
        assertEquals(List.of("client", "server", "client", "server"), flights.stream().map(Flight::from).toList());
        assertEquals(List.of("TLS ServerHello", "TLS Certificate", "TLS ServerKeyExchange", "TLS ServerHelloDone"),
                flights.get(1).messages());
        LabCapture tls13 = bundled("https-tls13");
        assertEquals(2, tls13.messages(org.handshakelab.dissect.tls.TlsHandshake.class).size());
        assertEquals(4, tls13.firstFound(ClientHello.class).frame());
    }

    @Test
    void ladderHasAnArrowPerFrameAndTimeSequenceASeriesPerDirection() {
        LabCapture c = bundled("tcp-rst");
        XYChart ladder = c.ladder();
        for (int frame = 1; frame <= c.size(); frame++) {
            assertTrue(ladder.getSeriesMap().containsKey("frame " + frame), "arrow of frame " + frame);
        }
        assertEquals(List.of("client -> server", "server -> client"), List.copyOf(c.timeSequence().getSeriesMap().keySet()));
    }

    @Test
    void detailsNameTheFramesFlagsAndMessages() {
        String d = bundled("http-keepalive").details(4);
        assertTrue(d.contains("tcp.flags=0x0018") && d.contains("HttpRequest") && d.contains("GET"), d);
    }

    @Test
    @Tag("live")
    void recordingLiveGivesAFreshCaptureWhoseQuestionsCheck() {
        Assumptions.assumeTrue(LiveCapture.available().available(), () -> "live capture not possible: "
                + LiveCapture.available().reason());
        Assumptions.assumeTrue(Workbook.forcedMode() != Workbook.Mode.BUNDLED, "LAB_CAPTURE=bundled");
        LabCapture c = Workbook.record("refused");
        assertTrue(c.live());
        assertEquals(2, c.size());
        assertTrue(Quiz.answer("http.q12", 1).right());
        assertEquals(List.of(), Quiz.failingReferences());
    }
}
