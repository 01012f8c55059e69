package org.handshakelab.dissect;

/**
 * The 12 flag bits of the TCP header (RFC 9293 §3.1; ECE and CWR from RFC 3168 §6.1, AE from RFC 9768
 * (Accurate ECN), which Wireshark 4.0 calls {@code tcp.flags.ae}), as Wireshark's {@code tcp.flags}
 * holds them: the low 12 bits of header bytes 12-13, printed as {@code 0x0012}.
 */
public final class TcpFlags {

    /** No more data from sender. */
    public static final int FIN = 0x001;
    /** Synchronize sequence numbers. */
    public static final int SYN = 0x002;
    /** Reset the connection. */
    public static final int RST = 0x004;
    /** Push function. */
    public static final int PSH = 0x008;
    /** Acknowledgment field is significant. */
    public static final int ACK = 0x010;
    /** Urgent pointer field is significant. */
    public static final int URG = 0x020;
    /** ECN-Echo. */
    public static final int ECE = 0x040;
    /** Congestion Window Reduced. */
    public static final int CWR = 0x080;
    /** Accurate ECN (formerly the ECN nonce sum, NS). */
    public static final int AE = 0x100;
    /** The three reserved bits. */
    public static final int RES = 0xE00;
    /** All 12 bits. */
    public static final int MASK = 0xFFF;

    /** Bit i's name, in the order Wireshark lists set flags (low bit first). */
    private static final String[] NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TcpFlags() {
    }

    /** {@code tcp.flags} as tshark prints it: {@code 0x} and four lower-case hex digits, e.g. {@code 0x0012}. */
    public static String hex(int flags) {
        if (flags < 0 || flags > MASK) {
            throw new IllegalArgumentException("flags must be 0..0xfff: " + flags);
        }
        return new String(new char[] {'0', 'x', '0', HEX[flags >>> 8], HEX[(flags >>> 4) & 15], HEX[flags & 15]});
    }

    /** The set flags as Wireshark's Info column lists them, e.g. {@code SYN, ACK}; {@code <None>} when none. */
    public static String names(int flags) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            if ((flags & (1 << i)) != 0) {
                if (s.length() > 0) {
                    s.append(", ");
                }
                s.append(NAMES[i]);
            }
        }
        if ((flags & RES) != 0) {
            s.append(s.length() > 0 ? ", " : "").append("Reserved");
        }
        return s.length() == 0 ? "<None>" : s.toString();
    }

    /** The bit of the flag named {@code name} as Wireshark names it ({@code SYN}, {@code ACK}, ...), or 0. */
    public static int bit(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return 1 << i;
            }
        }
        return 0;
    }

    /** Whether all of {@code mask} is set in {@code flags}. */
    public static boolean has(int flags, int mask) {
        return (flags & mask) == mask;
    }
}
