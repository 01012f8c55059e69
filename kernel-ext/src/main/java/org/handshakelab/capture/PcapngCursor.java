package org.handshakelab.capture;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.handshakelab.LabException;

/**
 * Walks a pcapng file (draft-ietf-opsawg-pcapng): blocks of type, total length, body and the total length
 * again (§3.1). Sections (§4.1) may differ in byte order; interface ids restart in each section.
 */
final class PcapngCursor extends FrameCursor {

    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 1;
    static final int OPB = 2;
    static final int SPB = 3;
    static final int EPB = 6;
    static final int DSB = 0x0000000A;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int MIN_BLOCK = 12;
    static final int MIN_SHB = 28;

    private static final int OPT_END = 0;
    private static final int IF_NAME = 2;
    private static final int IF_TSRESOL = 9;
    private static final int IF_FCSLEN = 13;
    private static final int IF_TSOFFSET = 14;

    private ByteOrder firstOrder;
    private String optionProblem;
    private int ifCount;
    private int[] ifLinkType = new int[4];
    private long[] ifSnaplen = new long[4];
    private int[] ifTsresol = new int[4];
    private long[] ifTsOffset = new long[4];

    PcapngCursor(Source source, ReadBuffers reads) {
        super(source, reads);
        if (!readSectionHeader(0, true)) {
            throw new IllegalStateException("first section header neither read nor rejected");
        }
    }

    /** The byte order of the first section. */
    ByteOrder firstOrder() {
        return firstOrder;
    }

    @Override
    public boolean next() {
        while (!done) {
            long offset = position;
            long remaining = size - offset;
            if (remaining == 0) {
                return finish();
            }
            if (remaining < MIN_BLOCK) {
                return stop(offset, "block header cut short: " + remaining + " of " + MIN_BLOCK
                        + " bytes; the file is truncated");
            }
            int p = ensure(offset, MIN_BLOCK);
            int type = i32(p);
            if (type == SHB) {
                readSectionHeader(offset, false);
                continue;
            }
            long length = u32(p + 4);
            String bad = checkBlockLength(length, remaining, MIN_BLOCK);
            if (bad != null) {
                return stop(offset + 4, bad);
            }
            int len = (int) length;
            p = ensure(offset, len);
            long trailer = u32(p + len - 4);
            if (trailer != length) {
                return stop(offset + len - 4, "block trailer length " + trailer + " differs from block length "
                        + length + " (block type " + hex(type) + ")");
            }
            position = offset + len;
            boolean frame = switch (type) {
                case EPB -> readEnhancedPacket(offset, p, len);
                case SPB -> readSimplePacket(offset, p, len);
                case OPB -> readObsoletePacket(offset, p, len);
                case IDB -> readInterface(offset, p, len);
                case DSB -> readSecrets(offset, p, len);
                default -> false; // NRB, ISB, custom and unknown blocks: skipped whole
            };
            if (frame) {
                return true;
            }
        }
        return false;
    }

    /** Null when the block length can be trusted, else what is wrong with it. */
    private static String checkBlockLength(long length, long remaining, int minimum) {
        if (length < minimum) {
            return "block length " + length + " is less than " + minimum;
        }
        if ((length & 3) != 0) {
            return "block length " + length + " is not a multiple of 4";
        }
        if (length > MAX_RECORD_LENGTH) {
            return "block length " + length + " exceeds the limit of " + MAX_RECORD_LENGTH + " bytes";
        }
        if (length > remaining) {
            return "block length " + length + " runs past the end of the file (" + remaining
                    + " bytes left); the file is truncated";
        }
        return null;
    }

    /**
     * Reads a Section Header Block (§4.1). In the first one every problem is fatal; in later ones it is an
     * anomaly that ends the walk.
     *
     * @return whether the walk goes on
     */
    private boolean readSectionHeader(long offset, boolean first) {
        long remaining = size - offset;
        if (remaining < MIN_BLOCK) {
            return sectionProblem(first, offset, "section header block cut short: " + remaining + " of "
                    + MIN_SHB + " bytes", "the file is truncated; copy it again or capture again");
        }
        int p = ensure(offset, MIN_BLOCK);
        order(ByteOrder.BIG_ENDIAN);
        int magic = i32(p + 8);
        ByteOrder sectionOrder;
        if (magic == BYTE_ORDER_MAGIC) {
            sectionOrder = ByteOrder.BIG_ENDIAN;
        } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
            sectionOrder = ByteOrder.LITTLE_ENDIAN;
        } else {
            return sectionProblem(first, offset + 8, "byte-order magic " + hex(magic)
                    + " is neither 1a2b3c4d nor 4d3c2b1a", "the file is damaged (an FTP transfer in ASCII mode "
                    + "does this); copy it again in binary mode");
        }
        order(sectionOrder);
        if (first) {
            firstOrder = sectionOrder;
        }
        long length = u32(p + 4);
        String bad = checkBlockLength(length, remaining, MIN_SHB);
        if (bad != null) {
            return sectionProblem(first, offset + 4, "section header " + bad, "copy it again or capture again");
        }
        int len = (int) length;
        p = ensure(offset, len);
        int major = u16(p + 12);
        int minor = u16(p + 14);
        if (major != 1) {
            return sectionProblem(first, offset + 12, "unsupported pcapng version " + major + "." + minor
                    + " (need 1.x)", "the header is damaged or from an unknown writer; re-save the capture "
                    + "with Wireshark");
        }
        int badOption = walkOptions(p, 24, len, offset, null);
        if (badOption >= 0) {
            return sectionProblem(first, offset + badOption, "section header " + optionProblem,
                    "the file is damaged; re-save the capture with Wireshark");
        }
        long trailer = u32(p + len - 4);
        if (trailer != length) {
            return sectionProblem(first, offset + len - 4, "section header trailer length " + trailer
                    + " differs from block length " + length, "the file is damaged; copy it again");
        }
        if (minor != 0) {
            anomaly(CaptureAnomaly.NO_FRAME, offset + 14, "pcapng minor version " + minor + " (expected 1.0)");
        }
        section++;
        ifCount = 0;
        position = offset + len;
        return true;
    }

    private boolean sectionProblem(boolean first, long offset, String problem, String remedy) {
        if (first) {
            throw LabException.at(name, offset, problem, remedy);
        }
        return stop(offset, problem);
    }

    /** Interface Description Block (§4.2): link type, snaplen and the options that change timestamps. */
    private boolean readInterface(long offset, int p, int len) {
        if (len < 20) {
            anomaly(CaptureAnomaly.NO_FRAME, offset + 4, "interface description block length " + len
                    + " is less than 20; interface " + ifCount + " of section " + section + " is unusable");
        }
        int link = len < 20 ? 0xFFFF : u16(p + 8);
        long snaplen = len < 20 ? 0 : u32(p + 12);
        IfOptions opts = new IfOptions();
        if (len >= 20) {
            int badOption = walkOptions(p, 16, len, offset, opts);
            if (badOption >= 0) {
                anomaly(CaptureAnomaly.NO_FRAME, offset + badOption, "interface description " + optionProblem
                        + "; later options of interface " + ifCount + " ignored");
            }
        }
        if (ifCount == ifLinkType.length) {
            int n = ifCount * 2;
            ifLinkType = Arrays.copyOf(ifLinkType, n);
            ifSnaplen = Arrays.copyOf(ifSnaplen, n);
            ifTsresol = Arrays.copyOf(ifTsresol, n);
            ifTsOffset = Arrays.copyOf(ifTsOffset, n);
        }
        ifLinkType[ifCount] = link;
        ifSnaplen[ifCount] = snaplen;
        ifTsresol[ifCount] = opts.tsresol;
        ifTsOffset[ifCount] = Timestamps.clampOffset(opts.tsOffset);
        interfaces.add(new CaptureInterface(section, ifCount, link, snaplen, opts.tsresol, opts.tsOffset,
                opts.fcsLength, 0, opts.name));
        ifCount++;
        return false;
    }

    /** Enhanced Packet Block (§4.3). */
    private boolean readEnhancedPacket(long offset, int p, int len) {
        if (len < 32) {
            anomaly(CaptureAnomaly.NO_FRAME, offset + 4, "enhanced packet block length " + len
                    + " is less than 32; block skipped");
            return false;
        }
        return packet(offset, p, len, u32(p + 8), p + 12, "enhanced");
    }

    /** Obsolete Packet Block (type 2, appendix of the pcapng draft): a 16-bit interface id and drops count. */
    private boolean readObsoletePacket(long offset, int p, int len) {
        if (len < 32) {
            anomaly(CaptureAnomaly.NO_FRAME, offset + 4, "packet block length " + len
                    + " is less than 32; block skipped");
            return false;
        }
        return packet(offset, p, len, u16(p + 8), p + 12, "obsolete");
    }

    /** The common layout of EPB and OPB from the timestamp on: ts high, ts low, caplen, len, data. */
    private boolean packet(long offset, int p, int len, long ifId, int q, String kind) {
        long number = frameNumber + 1;
        if (ifId >= ifCount) {
            anomaly(CaptureAnomaly.NO_FRAME, offset + 8, kind + " packet block names interface " + ifId
                    + " but section " + section + " has " + ifCount + "; block skipped");
            return false;
        }
        int id = (int) ifId;
        long units = (u32(q) << 32) | u32(q + 4);
        long capLen = u32(q + 8);
        long origLen = u32(q + 12);
        long room = len - 32;
        if (capLen > room) {
            anomaly(CaptureAnomaly.NO_FRAME, offset + 20, "captured length " + capLen
                    + " runs past the " + kind + " packet block (room for " + room + "); block skipped");
            return false;
        }
        if (ifSnaplen[id] > 0 && capLen > ifSnaplen[id]) {
            anomaly(number, offset + 20, "captured length " + capLen + " exceeds the interface's snaplen "
                    + ifSnaplen[id]);
        }
        if (capLen > origLen) {
            anomaly(number, offset + 24, "captured length " + capLen + " exceeds original length " + origLen);
        }
        long ts = Timestamps.toNanos(units, ifTsresol[id], ifTsOffset[id]);
        if (ts == Timestamps.OVERFLOW || ts == Timestamps.UNDERFLOW) {
            anomaly(number, offset + 12, "timestamp is outside the years 1678..2262 that nanoseconds since 1970 "
                    + "can hold; clamped");
        }
        return emit(offset, ts, id, ifLinkType[id], (int) capLen, origLen, q + 16, offset + 28);
    }

    /** Simple Packet Block (§4.4): no timestamp, interface 0, captured length min(len, snaplen, room). */
    private boolean readSimplePacket(long offset, int p, int len) {
        if (len < 16) {
            anomaly(CaptureAnomaly.NO_FRAME, offset + 4, "simple packet block length " + len
                    + " is less than 16; block skipped");
            return false;
        }
        if (ifCount == 0) {
            anomaly(CaptureAnomaly.NO_FRAME, offset, "simple packet block before any interface description "
                    + "in section " + section + "; block skipped");
            return false;
        }
        long origLen = u32(p + 8);
        long capLen = Math.min(origLen, len - 16);
        if (ifSnaplen[0] > 0) {
            capLen = Math.min(capLen, ifSnaplen[0]);
        }
        return emit(offset, NO_TIMESTAMP, 0, ifLinkType[0], (int) capLen, origLen, p + 12, offset + 12);
    }

    /** Decryption Secrets Block (§4.7): secrets type, length, the secrets. */
    private boolean readSecrets(long offset, int p, int len) {
        if (len < 20) {
            anomaly(CaptureAnomaly.NO_FRAME, offset + 4, "decryption secrets block length " + len
                    + " is less than 20; block skipped");
            return false;
        }
        int type = i32(p + 8);
        long secretLength = u32(p + 12);
        if (secretLength > len - 20) {
            anomaly(CaptureAnomaly.NO_FRAME, offset + 12, "secrets length " + secretLength
                    + " runs past the decryption secrets block (room for " + (len - 20) + "); block skipped");
            return false;
        }
        secrets.add(new DecryptionSecret(type, bytes(p + 16, (int) secretLength), offset, frameNumber + 1));
        return false;
    }

    /** Interface options that matter here, with their defaults (§4.2). */
    private static final class IfOptions {
        int tsresol = 6;
        long tsOffset;
        int fcsLength = -1;
        String name = "";
    }

    /**
     * Walks options from block index {@code start} to the trailer (§3.5).
     *
     * @return -1, or the offset within the block of an option that runs past it ({@link #optionProblem} says how)
     */
    private int walkOptions(int p, int start, int len, long blockOffset, IfOptions into) {
        int q = p + start;
        int end = p + len - 4;
        while (q + 4 <= end) {
            int code = u16(q);
            int olen = u16(q + 2);
            if (code == OPT_END) {
                return -1;
            }
            if (olen > end - q - 4) {
                optionProblem = "option " + code + " of length " + olen + " runs past the end of the block ("
                        + (end - q - 4) + " bytes left)";
                return q - p;
            }
            if (into != null) {
                interfaceOption(into, code, olen, q + 4, blockOffset + (q - p));
            }
            q += 4 + ((olen + 3) & ~3);
        }
        return -1;
    }

    private void interfaceOption(IfOptions into, int code, int olen, int v, long at) {
        switch (code) {
            case IF_TSRESOL -> {
                if (olen >= 1) {
                    into.tsresol = u8(v);
                }
            }
            case IF_TSOFFSET -> {
                if (olen == 8) {
                    into.tsOffset = i64(v);
                } else {
                    anomaly(CaptureAnomaly.NO_FRAME, at, "if_tsoffset option of length " + olen
                            + " (need 8); ignored");
                }
            }
            case IF_FCSLEN -> {
                if (olen >= 1) {
                    into.fcsLength = u8(v);
                }
            }
            case IF_NAME -> into.name = new String(bytes(v, olen), StandardCharsets.UTF_8);
            default -> {
            }
        }
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }
}
