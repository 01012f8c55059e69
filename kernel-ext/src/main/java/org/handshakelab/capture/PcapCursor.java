package org.handshakelab.capture;

import java.nio.ByteOrder;
import org.handshakelab.LabException;

/**
 * Walks a classic pcap file (draft-ietf-opsawg-pcap): a 24-byte file header (§4), then records of a 16-byte
 * header (§5: seconds, fraction, captured length, original length) and the captured bytes.
 */
final class PcapCursor extends FrameCursor {

    static final int FILE_HEADER = 24;
    static final int RECORD_HEADER = 16;
    /** Reserved bits of the link-type field (§4: must be 0). libpcap and Wireshark refuse the file otherwise. */
    static final int LINKTYPE_RESERVED = 0x03FF_0000;
    /** The R bit between the FCS length and the P bit, reserved as well; tolerated with an anomaly. */
    static final int LINKTYPE_R_BIT = 0x0800_0000;
    /** The P bit: the FCS length field (upper 4 bits, in 16-bit words) is valid. */
    static final int LINKTYPE_FCS_PRESENT = 0x0400_0000;

    private final boolean nanos;
    private final long fractionLimit;
    private final long fractionScale;
    private long snaplen;
    private int fileLinkType;

    PcapCursor(Source source, ReadBuffers reads, ByteOrder byteOrder, boolean nanos) {
        super(source, reads);
        order(byteOrder);
        this.nanos = nanos;
        this.fractionLimit = nanos ? 1_000_000_000L : 1_000_000L;
        this.fractionScale = nanos ? 1 : 1000;
        this.section = 1;
        readFileHeader();
    }

    private void readFileHeader() {
        if (size < FILE_HEADER) {
            throw LabException.at(name, size, "pcap file header cut short: " + size + " of " + FILE_HEADER
                    + " bytes", "the file is truncated; copy it again or capture again");
        }
        int p = ensure(0, FILE_HEADER);
        int major = u16(p + 4);
        int minor = u16(p + 6);
        if (major != 2) {
            throw LabException.at(name, 4, "unsupported pcap version " + major + "." + minor + " (need 2.x)",
                    "the header is damaged or from an unknown writer; re-save the capture with Wireshark as pcapng");
        }
        snaplen = u32(p + 16);
        int field = i32(p + 20);
        if ((field & LINKTYPE_RESERVED) != 0) {
            throw LabException.at(name, 20, String.format("reserved bits of the link-type field are not zero "
                    + "(0x%08x)", field & LINKTYPE_RESERVED), "the header is damaged; re-save the capture with Wireshark");
        }
        if ((field & LINKTYPE_R_BIT) != 0) {
            anomaly(CaptureAnomaly.NO_FRAME, 20, String.format("reserved R bit of the link-type field is set "
                    + "(0x%08x)", field));
        }
        fileLinkType = field & 0xFFFF;
        int fcsLength = (field & LINKTYPE_FCS_PRESENT) != 0 ? (field >>> 28) * 2 : -1;
        interfaces.add(new CaptureInterface(1, 0, fileLinkType, snaplen, nanos ? 9 : 6, 0, fcsLength,
                field & 0xFFFF_0000, ""));
        position = FILE_HEADER;
    }

    @Override
    public boolean next() {
        if (done) {
            return false;
        }
        long offset = position;
        long remaining = size - offset;
        if (remaining == 0) {
            return finish();
        }
        if (remaining < RECORD_HEADER) {
            return stop(offset, "record header cut short: " + remaining + " of " + RECORD_HEADER
                    + " bytes; the file is truncated");
        }
        int p = ensure(offset, RECORD_HEADER);
        long seconds = u32(p);
        long fraction = u32(p + 4);
        long capLen = u32(p + 8);
        long origLen = u32(p + 12);
        if (capLen > MAX_RECORD_LENGTH) {
            return stop(offset + 8, "captured length " + capLen + " exceeds the limit of " + MAX_RECORD_LENGTH
                    + " bytes; the record header is damaged");
        }
        if (capLen > remaining - RECORD_HEADER) {
            return stop(offset + 8, "record cut short: captured length " + capLen + " but only "
                    + (remaining - RECORD_HEADER) + " bytes left; the file is truncated");
        }
        long number = frameNumber + 1;
        if (snaplen > 0 && capLen > snaplen) {
            anomaly(number, offset + 8, "captured length " + capLen + " exceeds the file's snaplen " + snaplen);
        }
        if (capLen > origLen) {
            anomaly(number, offset + 12, "captured length " + capLen + " exceeds original length " + origLen);
        }
        if (fraction >= fractionLimit) {
            anomaly(number, offset + 4, "timestamp fraction " + fraction + " is not below " + fractionLimit
                    + (nanos ? " ns" : " µs"));
        }
        int length = (int) capLen;
        p = ensure(offset, RECORD_HEADER + length);
        position = offset + RECORD_HEADER + length;
        long ts = seconds * Timestamps.NANOS_PER_SECOND + fraction * fractionScale;
        return emit(offset, ts, 0, fileLinkType, length, origLen, p + RECORD_HEADER, offset + RECORD_HEADER);
    }
}
