package org.handshakelab.capture;

/** The capture file formats this stage reads and writes. */
public enum CaptureFormat {
    /** Classic pcap, magic {@code a1b2c3d4}: timestamps in microseconds (draft-ietf-opsawg-pcap §4). */
    PCAP_USEC("pcap", 0xA1B2C3D4),
    /** Classic pcap, magic {@code a1b23c4d}: timestamps in nanoseconds (draft-ietf-opsawg-pcap §4). */
    PCAP_NSEC("nsecpcap", 0xA1B23C4D),
    /** pcapng, first block a Section Header Block {@code 0a0d0d0a} (draft-ietf-opsawg-pcapng §4.1). */
    PCAPNG("pcapng", 0x0A0D0D0A);

    private final String wiresharkName;
    private final int magic;

    CaptureFormat(String wiresharkName, int magic) {
        this.wiresharkName = wiresharkName;
        this.magic = magic;
    }

    /** The file type name Wireshark's {@code capinfos}/{@code editcap -F} use, e.g. {@code nsecpcap}. */
    public String wiresharkName() {
        return wiresharkName;
    }

    /** The magic number as written in the file's own byte order. */
    public int magic() {
        return magic;
    }

    /** Whether this is one of the classic pcap formats. */
    public boolean isPcap() {
        return this != PCAPNG;
    }
}
