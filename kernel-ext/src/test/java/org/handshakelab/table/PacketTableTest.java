package org.handshakelab.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.dissect.Field;
import org.handshakelab.dissect.Packets;
import org.handshakelab.dissect.TcpFlags;
import org.handshakelab.flow.TcpPhase;
import org.handshakelab.flow.TcpScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacketTableTest {

    private static final byte[] NONE = new byte[0];

    @TempDir
    Path dir;

    private PacketTable table(TcpScript s) {
        return PacketTable.build(CaptureFile.open(s.write(dir.resolve("t.pcapng"))));
    }

    private static String tsv(PacketTable t, List<Column> columns) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.writeTsv(out, columns);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tsvHasTsharksHeaderAndOneRowPerFrame() throws Exception {
        PacketTable t = table(TcpScript.of("192.0.2.1", 40000, "192.0.2.2", 443, 10, 20).syn(NONE).synAck(NONE));
        String[] lines = tsv(t, Column.ALL).split("\n", -1);
        assertEquals(String.join("\t", Column.ALL.stream().map(Column::wiresharkName).toList()), lines[0]);
        assertEquals("1\t0.000000000\t192.0.2.1\t192.0.2.2\t40000\t443\t0\t0x0002\t0\t0\t10\t0\t0\t65535"
                + "\t\t\t\t\t\t\t", lines[1]);
        assertEquals("2\t0.001000000\t192.0.2.2\t192.0.2.1\t443\t40000\t0\t0x0012\t0\t1\t20\t11\t0\t65535"
                + "\t\t\t\t\t\t\t", lines[2]);
        assertEquals("", lines[3]);
        assertEquals(4, lines.length);
    }

    @Test
    void framesWithoutTcpHaveOnlyTheirFrameAndIpColumns() throws Exception {
        TcpScript s = TcpScript.of("192.0.2.1", 1, "192.0.2.2", 2, 1, 2);
        s.frame(Packets.ipv4("192.0.2.1", "192.0.2.9", 17, 1, 0, NONE, new byte[12]));
        s.linkFrame(1, Packets.ethernet(0x86DD, Packets.ipv6("2001:db8::1", "2001:db8::2", 17, new byte[8])));
        PacketTable t = table(s);
        assertEquals("1\t0.000000000\t192.0.2.1\t192.0.2.9\t\t\t\t\t\t\t\t\t\t", tsv(t, Column.TCP_IP).split("\n")[1]);
        assertEquals("", t.text(Column.IP_SRC, 1), "tshark's ip.src is empty for IPv6");
        assertEquals("2001:db8::1", t.sourceAddress(1));
        assertEquals(-1, t.stream(1));
        assertFalse(t.has(Column.TCP_SEQ, 1));
    }

    @Test
    void typedAccessorsMatchTheText() {
        PacketTable t = table(TcpScript.of("192.0.2.1", 40000, "192.0.2.2", 443, 0xFFFFFFFFL, 20)
                .syn(Packets.wscale(2)).synAck(Packets.wscale(3)).ack(0).data(0, new byte[100]));
        assertEquals(4, t.size());
        assertEquals(1, t.streamCount());
        assertEquals(4294967295L, t.seqRaw(0));
        assertEquals(1, t.seq(3));
        assertEquals(100, t.len(3));
        assertEquals(TcpFlags.PSH | TcpFlags.ACK, t.flags(3));
        assertEquals(65535 << 2, t.windowScaled(3));
        assertEquals(65535, t.window(3));
        assertEquals(TcpPhase.HANDSHAKE_SYN, t.phase(0));
        assertEquals(List.of("TCP handshake 3/3"), t.phaseLabels(2));
        assertEquals(0, t.direction(3));
        assertEquals("0x0018", t.text(Column.TCP_FLAGS, 3));
        assertEquals("0.003000000", t.text(Column.FRAME_TIME_RELATIVE, 3));
    }

    @Test
    void rowsAreCheckedWithTheirRange() {
        PacketTable t = table(TcpScript.of("192.0.2.1", 1, "192.0.2.2", 2, 1, 2).syn(NONE));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> t.seq(1));
        assertEquals("row must be 0..0: 1", e.getMessage());
    }

    @Test
    void tsvCellsAreTheTextOfTheirColumnAcrossSecondsAndTheUnsignedRange() throws Exception {
        // raw sequence numbers on both sides of 2^31 and up to 2^32 - 1, and 2,500 frames 1 ms apart, so that the
        // relative time crosses whole seconds
        for (long isn : new long[] {0x7FFF_FF00L, 0xFFFF_FF00L, 0x8000_0000L, 4_000_000_000L}) {
            TcpScript s = TcpScript.of("192.0.2.1", 40000, "192.0.2.2", 80, isn, 0xFFFF_FFF0L).syn(NONE).synAck(NONE)
                    .ack(0);
            for (int i = 0; i < 2500; i++) {
                s.data(i % 2, new byte[1 + i % 7]);
            }
            PacketTable t = table(s);
            String[] lines = tsv(t, Column.ALL).split("\n");
            assertEquals(t.size() + 1, lines.length);
            for (int row = 0; row < t.size(); row++) {
                String[] cells = lines[row + 1].split("\t", -1);
                for (int c = 0; c < Column.ALL.size(); c++) {
                    assertEquals(t.text(Column.ALL.get(c), row), cells[c],
                            "frame " + (row + 1) + " " + Column.ALL.get(c).wiresharkName() + ", ISN " + isn);
                }
            }
            assertEquals("2.502000000", t.text(Column.FRAME_TIME_RELATIVE, t.size() - 1));
        }
    }

    @Test
    void timeRelativeHasNineDecimalsAndASign() {
        assertEquals("0.000000000", Tsv.seconds(0));
        assertEquals("12.000000345", Tsv.seconds(12_000_000_345L));
        assertEquals("-1.500000000", Tsv.seconds(-1_500_000_000L));
    }

    @Test
    void applicationFieldsFromAPluggedInDissectorFillTheirColumns() throws Exception {
        TableOptions options = TableOptions.builder().dissector((stream, direction, payload, sink) ->
                payload.get(payload.position()) == 'G' ? (d, data, frame) -> {
                    sink.field(frame, Field.HTTP_REQUEST_METHOD, "GET");
                    sink.field(frame, Field.HTTP_REQUEST_URI, "/a");
                    sink.field(frame, Field.HTTP_REQUEST_URI, "/b");
                    sink.phase(frame, "HTTP request");
                } : null).build();
        TcpScript s = TcpScript.of("192.0.2.1", 40000, "192.0.2.2", 80, 1, 2).syn(NONE).synAck(NONE).ack(0)
                .data(0, "GET /a\r\n\r\n".getBytes());
        PacketTable t = PacketTable.build(CaptureFile.open(s.write(dir.resolve("app.pcapng"))), options);
        assertEquals("GET", t.text(Column.HTTP_REQUEST_METHOD, 3));
        assertEquals("/a,/b", t.text(Column.HTTP_REQUEST_URI, 3));
        assertTrue(t.has(Column.HTTP_REQUEST_URI, 3));
        assertEquals(List.of("HTTP request"), t.phaseLabels(3));
        String row = tsv(t, Column.ALL).split("\n")[4];
        assertTrue(row.endsWith("\tGET\t/a,/b\t"), row);
        assertEquals(List.of("/a", "/b"), t.values(Field.HTTP_REQUEST_URI, 3));
    }

    @Test
    void columnsAreFoundByWiresharkName() {
        assertEquals(Column.TCP_WINDOW_SIZE_VALUE, Column.named("tcp.window_size_value"));
        assertEquals(Column.TLS_HANDSHAKE_TYPE, Column.of(Field.TLS_HANDSHAKE_TYPE));
        assertEquals(14, Column.TCP_IP.size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Column.named("tcp.foo"));
        assertTrue(e.getMessage().endsWith(": tcp.foo"), e.getMessage());
    }

    @Test
    void heapPerPacketStaysWithinBudget() {
        TcpScript s = TcpScript.of("192.0.2.1", 1, "192.0.2.2", 2, 1, 2).syn(NONE).synAck(NONE).ack(0);
        for (int i = 0; i < 5000; i++) {
            s.data(i % 2, new byte[10]);
        }
        PacketTable t = table(s);
        assertTrue(t.heapBytes() / (double) t.size() <= 150, t.heapBytes() / (double) t.size() + " bytes/packet");
    }

    @Test
    void aFailedWriteStopsTheStreamedTableWithTheWritersErrorAndItsThread() throws Exception {
        TcpScript s = TcpScript.of("10.0.0.1", 30000, "10.0.0.2", 80, 1, 2);
        for (int i = 0; i < 2000; i++) {
            s = s.then("10.0.0.1", 30000 + i % 700, "10.0.0.2", 80, 1000L * i, 7L * i);
            s.syn(NONE).synAck(NONE).ack(0).data(0, new byte[i % 50]).fin(0).fin(1).ack(0);
        }
        CaptureFile capture = CaptureFile.open(s.write(dir.resolve("many.pcapng")));
        for (int failAt : new int[] {10, 100_000, 600_000}) {
            java.io.OutputStream broken = new java.io.OutputStream() {
                private long written;

                @Override
                public void write(int b) throws java.io.IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws java.io.IOException {
                    written += len;
                    if (written > failAt) {
                        throw new java.io.IOException("Broken pipe");
                    }
                }
            };
            java.io.IOException e = assertThrows(java.io.IOException.class,
                    () -> PacketTable.writeTsv(capture, TableOptions.standard(), broken, Column.ALL));
            assertEquals("Broken pipe", e.getMessage());
        }
        for (int wait = 0; wait < 50 && writerThreads() > 0; wait++) {
            Thread.sleep(20);
        }
        assertEquals(0, writerThreads(), "the writer threads ended");
    }

    private static long writerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("packet-table-tsv")).count();
    }
}
