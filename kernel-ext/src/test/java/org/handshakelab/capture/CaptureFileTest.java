package org.handshakelab.capture;

import org.handshakelab.TestTools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.handshakelab.LabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the public corpus: counts, formats and link types from capinfos, timestamps from tshark 4.0.17. */
class CaptureFileTest {

    private static CaptureFile open(String name) {
        return CaptureFile.open(TestTools.corpusFile(name));
    }

    /** File, format, byte order, link type (-1: several), packets; from the corpus README (capinfos). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ws-dhcp.pcap, PCAP_USEC, LITTLE_ENDIAN, 1, 4",
        "ws-dhcp-nanosecond.pcap, PCAP_NSEC, LITTLE_ENDIAN, 1, 4",
        "ws-dhcp.pcapng, PCAPNG, LITTLE_ENDIAN, 1, 4",
        "it13-capture.pcap, PCAP_USEC, LITTLE_ENDIAN, 0, 22",
        "it12-capture.pcap, PCAP_USEC, LITTLE_ENDIAN, 0, 22",
        "ptg-le-test010.pcapng, PCAPNG, LITTLE_ENDIAN, 1, 4",
        "ptg-be-test006.pcapng, PCAPNG, BIG_ENDIAN, -1, 5",
        "ptg-le-test102.pcapng, PCAPNG, LITTLE_ENDIAN, -1, 5",
        "ptg-le-test202.pcapng, PCAPNG, LITTLE_ENDIAN, -1, 8",
        "nd-dtls.pcap, PCAPNG, LITTLE_ENDIAN, 1, 24",
        "nd-quic-v2.pcapng, PCAPNG, LITTLE_ENDIAN, 113, 19",
        "td-tcp-handshake-nano.pcap, PCAP_NSEC, LITTLE_ENDIAN, 113, 3",
        "td-pptp.pcap, PCAP_USEC, BIG_ENDIAN, 1, 23",
        "td-ssh.pcap, PCAP_USEC, LITTLE_ENDIAN, 1, 54",
        "td-print-flags.pcap, PCAP_USEC, LITTLE_ENDIAN, 1, 10",
        "td-tcp_rst_diag_payload.pcap, PCAP_USEC, LITTLE_ENDIAN, 0, 1",
        "td-mptcp-tcprst.pcap, PCAP_USEC, LITTLE_ENDIAN, 101, 2",
        "td-LINKTYPE_IPV6.pcap, PCAP_USEC, LITTLE_ENDIAN, 229, 1",
        "td-tcp_rst_diag_payload-trunc.pcap, PCAP_USEC, LITTLE_ENDIAN, 0, 1",
        "td-tcp_header_heapoverflow.pcap, PCAP_USEC, LITTLE_ENDIAN, 1, 1",
        "td-tcp-auth-heapoverflow.pcap, PCAP_USEC, LITTLE_ENDIAN, 1, 1",
        "td-heap-overflow-1.pcap, PCAP_USEC, LITTLE_ENDIAN, 101, 1",
        "td-timestamp_invalid_nano.pcap, PCAP_NSEC, LITTLE_ENDIAN, 113, 3",
        "td-time_2106_overflow.pcapng, PCAPNG, LITTLE_ENDIAN, 1, 1",
        "td-empty.pcapng, PCAPNG, LITTLE_ENDIAN, 1, 0",
        "zk-get.pcap, PCAP_USEC, LITTLE_ENDIAN, 1, 14",
        "zk-pipelined-requests.pcap, PCAP_USEC, LITTLE_ENDIAN, 1, 49",
        "zk-get-to-ssh-server.pcap, PCAP_NSEC, LITTLE_ENDIAN, 1, 9",
        "zk-http-single-conn-22.pcap, PCAP_USEC, LITTLE_ENDIAN, 1, 28",
        "zk-connect-with-header.pcap, PCAP_USEC, LITTLE_ENDIAN, 0, 58",
        "zk-retransmit-fast009.pcap, PCAP_USEC, LITTLE_ENDIAN, 1, 39",
        "zk-rst-inject-rae.pcap, PCAP_USEC, LITTLE_ENDIAN, 1, 9",
        "zk-tls13_psk_succesfull.pcap, PCAP_USEC, LITTLE_ENDIAN, 1, 20",
        "zk-hrr.pcap, PCAP_USEC, LITTLE_ENDIAN, 1, 19",
        "zk-tls1.2.pcap, PCAP_USEC, LITTLE_ENDIAN, 1, 22",
        "zk-openjdk-25.0.2-zeek.org.pcap, PCAP_USEC, LITTLE_ENDIAN, 276, 6",
        "zk-certificate-request-failed.pcap, PCAP_USEC, LITTLE_ENDIAN, 1, 12",
        "zk-linux_dlt_sll2.pcap, PCAP_USEC, LITTLE_ENDIAN, 276, 6",
        "zk-pcapng-multi-interface.pcapng, PCAPNG, LITTLE_ENDIAN, 1, 6",
        "zk-ssh-on-port-80.pcap, PCAP_USEC, LITTLE_ENDIAN, 1, 70",
        "zk-ssh_kex_curve25519.pcap, PCAP_USEC, LITTLE_ENDIAN, 1, 74",
    })
    void corpusFileHasCapinfosFormatByteOrderLinkTypeAndPacketCount(String name, CaptureFormat format,
                                                                    String order, int linkType, int packets) {
        CaptureFile capture = open(name);
        assertEquals(format, capture.format());
        assertEquals(order, capture.byteOrder().toString());
        List<Frame> frames = capture.frames();
        assertEquals(packets, frames.size());
        assertEquals(packets, capture.frameCount());
        if (linkType >= 0) {
            assertTrue(frames.stream().allMatch(f -> f.linkType() == linkType), "all frames " + linkType);
            assertTrue(capture.interfaces().stream().allMatch(i -> i.linkType() == linkType));
        } else {
            assertEquals(Set.of(0, 1), frames.stream().map(Frame::linkType).collect(Collectors.toSet()));
        }
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(i + 1, frames.get(i).number(), "frame numbers are 1-based and consecutive");
        }
    }

    @ParameterizedTest(name = "{0} frame {1}")
    @CsvSource({
        "ws-dhcp.pcap, 1, 1102274184.317453000",
        "ws-dhcp.pcap, 4, 1102274184.387798000",
        "ws-dhcp-nanosecond.pcap, 2, 1102274184.317748000",
        "ws-dhcp.pcapng, 3, 1102274184.387484000",
        "td-tcp-handshake-nano.pcap, 1, 1418145369.924505488",
        "td-tcp-handshake-nano.pcap, 3, 1418145370.052115157",
        "td-pptp.pcap, 23, 954147396.347775000",
        "nd-dtls.pcap, 1, 1545143424.891780000",
        "nd-dtls.pcap, 7, 1715267278.678898589",
        "nd-dtls.pcap, 24, 1715267278.694728712",
        "nd-quic-v2.pcapng, 19, 1671528049.435550170",
        "td-time_2106_overflow.pcapng, 1, 4294967296.000000000",
        "zk-pcapng-multi-interface.pcapng, 1, 1767663089.500330493",
        "zk-pcapng-multi-interface.pcapng, 6, 1767663437.140942000",
        "ptg-be-test006.pcapng, 2, 1340954905.299858000",
        "zk-http-single-conn-22.pcap, 28, 629503200.000270000",
        "td-heap-overflow-1.pcap, 1, 808464432.999999000",
        "td-timestamp_invalid_nano.pcap, 1, 1418145369.999999999",
    })
    void timestampMatchesTsharkFrameTimeEpoch(String name, int frame, String epoch) {
        Frame f = open(name).frames().get(frame - 1);
        assertEquals(epoch, TsharkOracle.epoch(f.timestampNanos()));
    }

    @Test
    void timestampBeyond2106IsNotWrappedAround() {
        Frame f = open("td-time_2106_overflow.pcapng").frames().get(0);
        assertEquals(1L << 32, f.timestamp().getEpochSecond());
        assertEquals("2106-02-07T06:28:16Z", f.timestamp().toString());
    }

    @Test
    void dtlsCaptureCarriesItsTlsKeyLogBeforeTheFramesItDecrypts() {
        CaptureFile capture = open("nd-dtls.pcap");
        List<DecryptionSecret> secrets = capture.secrets();
        assertEquals(1, secrets.size());
        DecryptionSecret s = secrets.get(0);
        assertEquals(SecretsType.TLS_KEY_LOG.code(), s.type());
        assertEquals(0x544c534b, s.type());
        assertEquals(29776, s.length());
        assertEquals(7, s.firstFrame(), "the DSB sits between frame 6 and frame 7");
        assertTrue(s.text().startsWith("CLIENT_RANDOM ") || s.text().contains("CLIENT_RANDOM"), s.text());
        assertTrue(capture.anomalies().isEmpty(), capture.anomalies().toString());
    }

    @Test
    void quicCaptureHasItsSecretsBlockBeforeTheInterface() {
        CaptureFile capture = open("nd-quic-v2.pcapng");
        assertEquals(1, capture.secrets().size());
        assertEquals(1, capture.secrets().get(0).firstFrame());
        assertEquals(List.of("any"), capture.interfaces().stream().map(CaptureInterface::name).toList());
    }

    @Test
    void twoInterfacesOfOneSectionKeepTheirOwnResolution() {
        CaptureFile capture = open("nd-dtls.pcap");
        assertEquals(List.of(6, 9), capture.interfaces().stream().map(CaptureInterface::tsresol).toList());
        List<Frame> frames = capture.frames();
        assertEquals(0, frames.get(5).interfaceId());
        assertEquals(1, frames.get(6).interfaceId());
    }

    @Test
    void sectionsOfDifferentByteOrderRestartInterfaceIds() {
        CaptureFile capture = open("ptg-le-test202.pcapng");
        List<String> seen = capture.frames().stream()
                .map(f -> f.section() + "/" + f.interfaceId() + "/" + f.linkType()).toList();
        // tshark 4.0.17: frame.section_number / frame.interface_id of the 8 packets
        assertEquals(List.of("1/0/1", "1/0/1", "1/1/0", "2/0/1", "2/0/1", "2/0/1", "2/0/1", "3/1/0"), seen);
        assertEquals(Set.of(1, 2, 3), capture.interfaces().stream().map(CaptureInterface::section)
                .collect(Collectors.toSet()));
        assertTrue(capture.anomalies().isEmpty(), capture.anomalies().toString());
    }

    @Test
    void simplePacketBlocksHaveNoTimestampAndTakeInterfaceZeroSnaplen() {
        List<Frame> plain = open("ptg-le-test010.pcapng").frames();
        assertTrue(plain.stream().noneMatch(Frame::hasTimestamp));
        assertEquals(List.of(314, 342, 314, 342), plain.stream().map(Frame::capturedLength).toList());
        Frame snapped = open("ptg-le-test102.pcapng").frames().get(2);
        assertFalse(snapped.hasTimestamp());
        assertEquals(96, snapped.capturedLength(), "min(original length, snaplen of interface 0)");
        assertEquals(314, snapped.originalLength());
        assertTrue(snapped.truncated());
    }

    @Test
    void truncatedCaptureKeepsTheFrameAndFlagsIt() {
        CaptureFile capture = open("td-tcp_rst_diag_payload-trunc.pcap");
        Frame f = capture.frames().get(0);
        assertTrue(f.truncated());
        assertEquals(50, f.capturedLength());
        assertEquals(52, f.originalLength());
        FrameCursor c = capture.cursor();
        assertTrue(c.next());
        assertTrue(c.truncated());
        assertFalse(open("td-tcp_rst_diag_payload.pcap").frames().get(0).truncated());
    }

    @Test
    void snaplenOneFileWithFcsBitsReadsItsOneByteFrame() {
        CaptureFile capture = open("td-heap-overflow-1.pcap");
        CaptureInterface i = capture.interfaces().get(0);
        assertEquals(1, i.snaplen());
        assertEquals(LinkType.RAW.code(), i.linkType(), "FCS bits masked off 0x30000065");
        assertEquals(0x3000_0000, i.linkTypeInfo(), "and recorded");
        assertEquals(-1, i.fcsLength(), "P bit clear: FCS length unknown");
        Frame f = capture.frames().get(0);
        assertEquals(1, f.capturedLength());
        assertEquals(262144, f.originalLength());
        assertTrue(f.truncated());
    }

    @Test
    void nanosecondFractionOfOneSecondOrMoreIsAnAnomalyNotAnError() {
        CaptureFile capture = open("td-timestamp_invalid_nano.pcap");
        assertEquals(3, capture.frames().size());
        List<CaptureAnomaly> anomalies = capture.anomalies();
        assertEquals(List.of(2L, 3L), anomalies.stream().map(CaptureAnomaly::frameNumber).toList());
        assertTrue(anomalies.get(0).message().contains("timestamp fraction 1000000000"), anomalies.toString());
    }

    @Test
    void emptyPcapngHasNoFramesButItsInterface() {
        CaptureFile capture = open("td-empty.pcapng");
        assertEquals(0, capture.frameCount());
        assertEquals(List.of(), capture.frames());
        assertEquals(1, capture.interfaces().size());
        assertTrue(capture.anomalies().isEmpty());
        assertFalse(capture.cursor().next());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "lp-pcap-invalid-version-1.pcap, 4, unsupported pcap version 1.4",
        "lp-pcapng-invalid-vers-1.pcapng, 12, unsupported pcapng version 0.1",
        "lp-shb-option-too-long.pcapng, 24, option 12336 of length 12336 runs past the end of the block",
        "lp-linktype-reserved-field-not-zero.pcap, 20, reserved bits of the link-type field are not zero",
    })
    void damagedHeaderThrowsLabExceptionWithFileOffsetAndProblem(String name, long offset, String problem) {
        Path path = TestTools.corpusFile(name);
        LabException e = assertThrows(LabException.class, () -> CaptureFile.open(path));
        assertEquals(offset, e.offset());
        String message = e.getMessage();
        assertTrue(message.startsWith(path + ": offset " + offset + ": "), message);
        assertTrue(message.contains(problem), message);
        assertTrue(message.contains("; "), "says what to do: " + message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void keyLogTextFileIsNotACapture() {
        Path path = TestTools.corpusFile("it13-keylog.txt");
        LabException e = assertThrows(LabException.class, () -> CaptureFile.open(path));
        assertTrue(e.getMessage().contains("not a pcap or pcapng file"), e.getMessage());
        assertTrue(e.getMessage().contains("looks like text"), e.getMessage());
    }

    @Test
    void frameBytesAreTheCapturedBytes() {
        Frame first = open("td-LINKTYPE_IPV6.pcap").frames().get(0);
        assertEquals(77, first.capturedLength());
        assertEquals(0x60, first.data()[0] & 0xF0, "an IPv6 header starts with version 6");
        byte[] copy = first.data();
        copy[0] = 0;
        assertEquals(0x60, first.data()[0] & 0xF0, "data() hands out a copy");
    }

    @Test
    void streamAndCursorAgreeWithFrames() {
        CaptureFile capture = open("zk-get.pcap");
        assertEquals(capture.frames(), capture.stream().toList());
        FrameCursor c = capture.cursor();
        int n = 0;
        while (c.next()) {
            Frame f = capture.frames().get(n++);
            assertEquals(f.number(), c.frameNumber());
            assertEquals(f.timestampNanos(), c.timestampNanos());
            assertEquals(f.capturedLength(), c.capturedLength());
            assertEquals(f.originalLength(), c.originalLength());
            assertEquals(f.offset(), c.recordOffset());
            assertEquals(f.offset() + 16, c.dataOffset());
            assertEquals(f.data()[0], c.dataByte(0));
            assertEquals(f.data()[0], c.buffer().get(c.dataPosition()));
            assertEquals(f.buffer(), c.data());
        }
        assertEquals(14, n);
        assertFalse(c.next(), "stays at the end");
    }
}
