package org.handshakelab.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/** Every readable corpus file, frame by frame, against tshark (skipped when tshark is not installed). */
@Tag("tshark")
class CaptureFileTsharkTest {

    @TestFactory
    Stream<DynamicTest> everyFrameHasTsharksTimestampLengthsAndInterface() {
        TsharkOracle.assumePresent();
        List<Path> files = Corpus.readableCaptures();
        return files.stream()
                // tshark 4.0 prints an out-of-range nanosecond fraction as "10.-2147483648"; we carry the sum
                .filter(p -> !p.getFileName().toString().equals("td-timestamp_invalid_nano.pcap"))
                .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                        () -> assertEquals(TsharkOracle.packets(p), TsharkOracle.packets(CaptureFile.open(p)))));
    }
}
