package org.handshakelab.capture;

import org.handshakelab.TestTools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
        List<Path> files = TestTools.corpusCaptures().stream()
                // tshark 4.0 prints an out-of-range nanosecond fraction as "10.-2147483648"; we carry the sum
                .filter(p -> !p.getFileName().toString().equals("td-timestamp_invalid_nano.pcap"))
                .toList();
        // tshark takes most of a second to start: run two at a time (the machine has two cores)
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<CompletableFuture<List<String>>> truths = files.stream()
                .map(p -> CompletableFuture.supplyAsync(() -> TsharkOracle.packets(p), pool)).toList();
        pool.shutdown();
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> assertEquals(truths.get(files.indexOf(p)).join(), TsharkOracle.packets(CaptureFile.open(p)))));
    }
}
