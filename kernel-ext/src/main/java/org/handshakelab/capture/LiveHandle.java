package org.handshakelab.capture;

import java.io.EOFException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.handshakelab.LabException;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;

/**
 * An open libpcap handle, as far as live capture needs it: opens and configures it, turns libpcap's errors
 * into one-line {@link LabException}s, and reads one packet at a time without blocking.
 *
 * <p>Why non-blocking: with libpcap 1.10 on Linux a blocking read in immediate mode waits forever when no
 * packet comes (the read timeout is ignored), and so does a blocking read on TPACKET_V3 when nothing arrives.
 * A non-blocking read returns at once, so the capture loop can check for a stop or an interrupt between reads.
 * Not thread-safe: one thread reads and closes it.
 */
final class LiveHandle implements AutoCloseable {

    /** libpcap's buffer timeout: how late a batch of packets may arrive when not in immediate mode. */
    static final int BUFFER_TIMEOUT_MILLIS = 20;

    /** libpcap's return codes we tell apart (pcap/pcap.h). */
    private static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    private static final int PCAP_ERROR_PERM_DENIED = -8;

    private final PcapHandle handle;
    private final int linkType;
    private final boolean nanoseconds;
    private final int snaplen;
    private long timestampNanos;
    private long originalLength;

    private LiveHandle(PcapHandle handle, int linkType, boolean nanoseconds, int snaplen) {
        this.handle = handle;
        this.linkType = linkType;
        this.nanoseconds = nanoseconds;
        this.snaplen = snaplen;
    }

    /** Opens and activates a handle with these options, filter set and non-blocking; throws LabException. */
    static LiveHandle open(LiveOptions options) {
        String problem = LiveLibrary.problem();
        if (problem != null) {
            throw new LabException(LiveLibrary.libraryMessage(problem, options.fallback()));
        }
        PcapHandle handle = build(options);
        try {
            if (!options.filter().isEmpty()) {
                setFilter(handle, options);
            }
            handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            boolean nanos = handle.getTimestampPrecision() == PcapHandle.TimestampPrecision.NANO;
            return new LiveHandle(handle, linkTypeOf(handle.getDlt().value()), nanos, handle.getSnapshot());
        } catch (PcapNativeException | NotOpenException e) {
            handle.close();
            throw new LabException(source(options) + ": cannot set up the capture: " + e.getMessage()
                    + "; check the interface and try again", e);
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    // files carry LINKTYPE_ values; only the raw-IP DLTs differ between platforms (tcpdump.org/linktypes.html)
    static int linkTypeOf(int dlt) {
        return dlt == 12 || dlt == 14 ? LinkType.RAW.code() : dlt;
    }

    private static PcapHandle build(LiveOptions options) {
        try {
            // nanosecond timestamps where the platform has them; pcap4j falls back to microseconds itself
            return new PcapHandle.Builder(options.interfaceName()).snaplen(options.snaplen())
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(BUFFER_TIMEOUT_MILLIS).immediateMode(options.immediate())
                    .timestampPrecision(PcapHandle.TimestampPrecision.NANO).build();
        } catch (PcapNativeException e) {
            throw openFailed(options, e);
        } catch (LinkageError e) {
            throw new LabException(LiveLibrary.libraryMessage(String.valueOf(e.getMessage()), options.fallback()),
                    e);
        }
    }

    private static LabException openFailed(LiveOptions options, PcapNativeException e) {
        Integer code = e.getReturnCode();
        String message = String.valueOf(e.getMessage());
        if (code != null && code == PCAP_ERROR_PERM_DENIED || message.contains("Operation not permitted")
                || message.contains("ermission")) {
            return new LabException(LiveLibrary.permissionMessage(options.fallback()), e);
        }
        if (code != null && code == PCAP_ERROR_NO_SUCH_DEVICE || message.contains("No such device")) {
            return new LabException(source(options) + ": no such interface (" + message + "); capture on one of "
                    + interfaceNames() + ", or on \"lo\" for the lab's loopback traffic", e);
        }
        return new LabException(source(options) + ": cannot open the capture: " + message + "; check the "
                + "interface, or use " + LiveLibrary.bundled(options.fallback()), e);
    }

    private static void setFilter(PcapHandle handle, LiveOptions options)
            throws PcapNativeException, NotOpenException {
        try {
            handle.setFilter(options.filter(), BpfProgram.BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException e) {
            String libpcap = String.valueOf(e.getMessage()).replaceFirst("^Error occurred in pcap_\\w+: ", "");
            throw new LabException(source(options) + ": bad capture filter \"" + options.filter() + "\": " + libpcap
                    + "; write it as for tcpdump (man pcap-filter), e.g. \"tcp port 8080\"", e);
        }
    }

    private static String source(LiveOptions options) {
        return "live capture on " + options.interfaceName();
    }

    /** The names of the interfaces libpcap can see, for messages; empty when it cannot list them. */
    static List<String> interfaceNames() {
        List<String> names = new ArrayList<>();
        try {
            for (PcapNetworkInterface nif : Pcaps.findAllDevs()) {
                names.add(nif.getName());
            }
        } catch (PcapNativeException | RuntimeException e) {
            // only used to word a message: say nothing rather than fail differently
        }
        return names;
    }

    /** libpcap's version string, e.g. {@code "libpcap version 1.10.3 (with TPACKET_V3)"}. */
    static String libraryVersion() {
        return Pcaps.libVersion();
    }

    /**
     * Reads the next packet without waiting: its bytes, or null when none is ready. The packet's timestamp and
     * original length are then in {@link #timestampNanos()} and {@link #originalLength()}.
     *
     * @throws LabException when libpcap reports an error (e.g. the interface went away)
     */
    byte[] next() {
        byte[] data;
        try {
            data = handle.getNextRawPacketEx();
        } catch (TimeoutException e) {
            return null;
        } catch (EOFException e) {
            return null;
        } catch (PcapNativeException | NotOpenException e) {
            throw new LabException("live capture: reading failed: " + e.getMessage() + "; capture again", e);
        }
        // pcap4j keeps the last header per thread; read it now, on the reading thread
        Timestamp ts = handle.getTimestamp();
        timestampNanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
        Integer length = handle.getOriginalLength();
        originalLength = length == null ? data.length : Integer.toUnsignedLong(length);
        return data;
    }

    /** The timestamp of the packet last read, in nanoseconds since the epoch. */
    long timestampNanos() {
        return timestampNanos;
    }

    /** The original (on the wire) length of the packet last read. */
    long originalLength() {
        return originalLength;
    }

    /** The link type of the handle (DLT value; 1, Ethernet, on Linux "lo"). */
    int linkType() {
        return linkType;
    }

    /** Whether timestamps have nanosecond precision (else microseconds). */
    boolean nanoseconds() {
        return nanoseconds;
    }

    /** The snaplen libpcap actually uses. */
    int snaplen() {
        return snaplen;
    }

    @Override
    public void close() {
        handle.close();
    }
}
