package org.handshakelab.capture;

import java.util.Objects;

/**
 * A capture interface: the pcapng Interface Description Block (draft-ietf-opsawg-pcapng §4.2), or the
 * classic pcap file header, which describes the file's single interface.
 *
 * @param section        the 1-based section number ({@code frame.section_number}); pcap files have one
 * @param id             the interface id within its section ({@code frame.interface_id}); ids restart per section
 * @param linkType       the link type, upper bits masked off
 * @param snaplen        the snapshot length, 0 when not limited
 * @param tsresol        the {@code if_tsresol} byte: high bit clear means 10^-n s, set means 2^-n s (n = low 7 bits);
 *                       6 for pcap µs, 9 for pcap ns
 * @param tsOffsetSeconds the {@code if_tsoffset} added to every timestamp, 0 for pcap
 * @param fcsLength      bytes of frame check sequence at the end of each packet, -1 when unknown
 *                       (pcap: from the link-type field's FCS bits; pcapng: {@code if_fcslen})
 * @param linkTypeInfo   pcap only: the upper 16 bits of the header's link-type field (FCS info), 0 for pcapng
 * @param name           the {@code if_name} option, empty when absent
 */
public record CaptureInterface(int section, int id, int linkType, long snaplen, int tsresol, long tsOffsetSeconds,
                               int fcsLength, int linkTypeInfo, String name) {

    /** Checks the components. */
    public CaptureInterface {
        Objects.requireNonNull(name, "name");
        if (section < 1) {
            throw new IllegalArgumentException("section must be >= 1: " + section);
        }
        if (id < 0) {
            throw new IllegalArgumentException("id must be >= 0: " + id);
        }
        if (linkType < 0 || linkType > 0xFFFF) {
            throw new IllegalArgumentException("linkType must be 0..65535: " + linkType);
        }
        if (tsresol < 0 || tsresol > 0xFF) {
            throw new IllegalArgumentException("tsresol must be 0..255: " + tsresol);
        }
    }

    /** Whether timestamps count powers of two of a second rather than powers of ten. */
    public boolean binaryResolution() {
        return (tsresol & 0x80) != 0;
    }

    /** The resolution exponent n: a timestamp unit is 10^-n or 2^-n seconds. */
    public int resolutionExponent() {
        return tsresol & 0x7F;
    }

    /** The resolution as text, e.g. {@code 10^-6 s} or {@code 2^-20 s}. */
    public String resolution() {
        return (binaryResolution() ? "2^-" : "10^-") + resolutionExponent() + " s";
    }

    /** The link type's name, e.g. {@code LINKTYPE_ETHERNET}. */
    public String linkTypeName() {
        return LinkType.nameOf(linkType);
    }
}
