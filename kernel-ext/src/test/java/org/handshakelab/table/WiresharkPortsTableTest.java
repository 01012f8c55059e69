package org.handshakelab.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.handshakelab.capture.CaptureFile;
import org.handshakelab.dissect.Field;
import org.junit.jupiter.api.Test;

/**
 * An HTTP exchange whose client got an ephemeral port Wireshark reserves for another protocol (34980,
 * EtherCAT) has no HTTP field in Wireshark, so none in the lab either; the same exchange on an unreserved
 * client port has them. The capture is the lab's own loopback traffic: stream 0 (client port 55570) and
 * the first five frames of a stream from client port 34980 (from the 1M-frame benchmark capture).
 */
class WiresharkPortsTableTest {

    @Test
    void httpFromAClientPortWiresharkGivesToAnotherProtocolHasNoHttpFields() throws URISyntaxException {
        PacketTable table = PacketTable.build(CaptureFile.open(capture()), TableOptions.standard());

        assertEquals(List.of("4 GET", "8 GET"), rowsWith(table, Field.HTTP_REQUEST_METHOD));
        assertEquals(List.of("6 200", "9 200"), rowsWith(table, Field.HTTP_RESPONSE_CODE));
        assertEquals(34980, table.srcPort(15), "frame 16 is the request from port 34980");
        assertEquals(140 - 66, table.len(15), "frame 16 carries the request");
    }

    @Test
    void httpFromAClientPortWiresharkGivesToAnotherProtocolMatchesTsharkInEveryColumn() throws URISyntaxException {
        Tshark.assumePresent();
        Path p = capture();
        PacketTable table = PacketTable.build(CaptureFile.open(p), TableOptions.standard());

        List<String[]> rows = Tshark.fields(p, List.of(), Differences.names(Column.ALL));
        assertEquals(List.of(), Differences.of(p, table, rows, Column.ALL, Set.of()).stream()
                .map(Object::toString).toList());
    }

    private static List<String> rowsWith(PacketTable table, Field field) {
        List<String> found = new ArrayList<>();
        for (int row = 0; row < table.size(); row++) {
            for (String v : table.values(field, row)) {
                found.add(table.frameNumber(row) + " " + v);
            }
        }
        return found;
    }

    private static Path capture() throws URISyntaxException {
        return Path.of(WiresharkPortsTableTest.class.getResource("http-port-taken.pcapng").toURI());
    }
}
