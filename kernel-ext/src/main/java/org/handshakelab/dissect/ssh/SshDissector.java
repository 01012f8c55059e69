package org.handshakelab.dissect.ssh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.handshakelab.dissect.StreamBuffer;
import org.handshakelab.dissect.DissectionSink;
import org.handshakelab.dissect.Field;
import org.handshakelab.dissect.StreamDissector;

/**
 * SSH-2 over one TCP connection, up to where each side switches on encryption (and past it with the session's
 * secrets): the identification string
 * ({@code ssh.protocol}, RFC 4253 §4.2), then unencrypted binary packets ({@code ssh.message_code},
 * RFC 4253 §6) with KEXINIT, the key exchange and NEWKEYS taken apart. After a side's NEWKEYS its bytes
 * are encrypted: no packet boundaries, no message codes, as tshark shows them ("Encrypted packet").
 *
 * <p>Given {@link SshSecrets} (an SSH key log) that hold a secret for the session's KEXINIT cookies, the
 * dissector does what Wireshark does with {@code ssh.keylog_file}: it computes K, the exchange hash and the
 * session keys ({@link SshKeySchedule}), opens each packet after NEWKEYS ({@link SshPacketCipher}) and
 * dissects the decrypted messages like the clear ones, with {@code ssh.message_code} per packet and records
 * for user authentication and the connection protocol ({@link SshServiceParser}; passwords are never kept).
 * A session the key log has no secret for stays encrypted, with one anomaly saying so; a packet whose tag or
 * MAC fails is an anomaly and a {@link SshMacFailure}, never plaintext.
 *
 * <p>The meaning of messages 30-34 depends on the negotiated key exchange method, which this dissector
 * derives from the two KEXINITs ({@link NegotiatedAlgorithms}). A packet length outside 5..256 KiB means
 * the stream is not (or no longer) SSH: the dissector reports it and stops reading that direction.
 */
public final class SshDissector implements StreamDissector {

    /** Longest identification line accepted (RFC 4253 §4.2 allows 255 characters; some send more). */
    public static final int MAX_LINE = 8192;
    /** Bytes of other lines a side may send before its identification string. */
    public static final int MAX_PRE_BANNER = 64 * 1024;
    /** Longest packet accepted: OpenSSH's limit (RFC 4253 §6.1 requires at least 35000). */
    public static final long MAX_PACKET_LENGTH = 256 * 1024;

    private enum State { BANNER, PACKETS, DECRYPTING, ENCRYPTED, STOPPED }

    private enum KexFamily { UNKNOWN, ECDH, DH, GEX }

    private final DissectionSink sink;
    private final SshDecryption decryption;
    private final Side[] sides = {new Side(0), new Side(1)};
    private KexInit clientKexInit;
    private KexInit serverKexInit;
    private NegotiatedAlgorithms agreed;
    private KexFamily family = KexFamily.UNKNOWN;

    private static final class Side {
        final int index;
        final StreamBuffer in = new StreamBuffer();
        State state = State.BANNER;
        int preBanner;
        int encryptedFrame = -1;
        int encryptedBytes;
        int phaseFrame = -1;
        String phase = "";
        /** The identification line as sent, without CR LF (V_C / V_S of the exchange hash). */
        byte[] banner;
        /** The sequence number of the next packet (RFC 4253 §6.4): counts every packet, wraps at 2^32. */
        long seq;
        /** While {@link State#DECRYPTING}: the cipher, the current packet's length once known, packets opened. */
        SshPacketCipher cipher;
        long pendingLength = -1;
        int opened;

        Side(int index) {
            this.index = index;
        }

        String who() {
            return index == 0 ? "client" : "server";
        }
    }

    private SshDissector(DissectionSink sink, SshSecrets secrets) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.decryption = new SshDecryption(sink, Objects.requireNonNull(secrets, "secrets"));
    }

    /** A dissector for one connection, reporting to {@code sink}; encrypted packets stay encrypted. */
    public static SshDissector create(DissectionSink sink) {
        return new SshDissector(sink, SshSecrets.none());
    }

    /**
     * A dissector that decrypts the session when {@code secrets} hold a secret for it (by KEXINIT cookie);
     * with {@link SshSecrets#none()} it is the same as {@link #create(DissectionSink)}.
     */
    public static SshDissector create(DissectionSink sink, SshSecrets secrets) {
        return new SshDissector(sink, secrets);
    }

    @Override
    public void accept(int direction, ByteBuffer data, int frame) {
        Side side = side(direction);
        if (side.state == State.STOPPED) {
            return;
        }
        side.in.append(data, frame);
        boolean progress = true;
        while (progress && side.in.size() > 0) {
            progress = switch (side.state) {
                case BANNER -> banner(side, frame);
                case PACKETS -> packet(side, frame);
                case DECRYPTING -> decrypted(side, frame);
                case ENCRYPTED -> encrypted(side, frame);
                case STOPPED -> {
                    side.in.clear();
                    yield false;
                }
            };
        }
    }

    @Override
    public void end(int direction, int frame) {
        Side side = side(direction);
        if (side.in.size() > 0 && side.state != State.ENCRYPTED && side.state != State.STOPPED) {
            sink.anomaly(frame, "SSH " + side.who() + ": stream ended inside "
                    + (side.state == State.BANNER ? "the identification line"
                    : side.state == State.DECRYPTING ? "an encrypted packet" : "a packet") + " (" + side.in.size()
                    + " bytes)");
        }
        flushEncrypted(side);
        side.in.clear();
    }

    private Side side(int direction) {
        if (direction != 0 && direction != 1) {
            throw new IllegalArgumentException("direction must be 0 or 1: " + direction);
        }
        return sides[direction];
    }

    /** RFC 4253 §4.2: "SSH-protoversion-softwareversion SP comments CR LF"; a server may send lines before. */
    private boolean banner(Side side, int frame) {
        int lf = side.in.indexOf((byte) '\n', 0);
        if (lf < 0) {
            if (side.in.size() > MAX_LINE) {
                stop(side, frame, "no end of line within " + MAX_LINE + " bytes: not an SSH identification string");
            }
            return false;
        }
        int end = lf > 0 && side.in.u8(lf - 1) == '\r' ? lf - 1 : lf;
        byte[] raw = side.in.copy(0, end);
        String line = new String(raw, StandardCharsets.UTF_8);
        side.in.consume(lf + 1);
        if (!line.startsWith("SSH-")) {
            side.preBanner += lf + 1;
            if (side.preBanner > MAX_PRE_BANNER) {
                stop(side, frame, "more than " + MAX_PRE_BANNER + " bytes before the identification string");
            }
            return true;
        }
        if (lf + 1 > 255) {
            sink.anomaly(frame, "SSH " + side.who() + ": identification string is " + (lf + 1)
                    + " bytes, more than 255 (RFC 4253 §4.2)");
        }
        SshBanner banner = new SshBanner(line);
        side.banner = raw;
        sink.field(frame, Field.SSH_PROTOCOL, line);
        sink.message(frame, side.index, banner);
        phase(side, frame, "SSH version (" + side.who() + ")");
        if (banner.protocolVersion().equals("2.0") || banner.protocolVersion().equals("1.99")) {
            side.state = State.PACKETS;
        } else {
            stop(side, frame, "protocol version " + banner.protocolVersion() + " is not SSH-2; not dissected");
        }
        return true;
    }

    /** RFC 4253 §6: uint32 packet_length, byte padding_length, payload, padding (no MAC before NEWKEYS). */
    private boolean packet(Side side, int frame) {
        if (side.in.size() < 4) {
            return false;
        }
        long length = side.in.u32(0);
        if (length < 5 || length > MAX_PACKET_LENGTH) {
            stop(side, frame, "packet_length " + length + " is not 5.." + MAX_PACKET_LENGTH
                    + " (RFC 4253 §6.1): not an SSH packet");
            return false;
        }
        if (side.in.size() < 4 + length) {
            return false;
        }
        int total = (int) (4 + length);
        List<Integer> frames = side.in.frames(total);
        int padding = side.in.u8(4);
        int payloadLength = (int) length - 1 - padding;
        byte[] payload = payloadLength > 0 ? side.in.copy(5, payloadLength) : new byte[0];
        side.in.consume(total);
        side.seq = (side.seq + 1) & 0xFFFF_FFFFL;
        dissect(side, frame, length, padding, payloadLength, payload, frames);
        return true;
    }

    /**
     * A whole packet's padding and payload, in clear or opened (RFC 4253 §6: at least 4 bytes of padding, within
     * packet_length), and the message its payload holds.
     */
    private void dissect(Side side, int frame, long length, int padding, int payloadLength, byte[] payload,
                         List<Integer> frames) {
        if (payloadLength < 0) {
            sink.anomaly(frame, "SSH " + side.who() + ": padding_length " + padding + " exceeds packet_length "
                    + length);
        } else if (padding < 4) {
            sink.anomaly(frame, "SSH " + side.who() + ": padding_length " + padding + " is below 4 (RFC 4253 §6)");
        }
        int code = payload.length > 0 ? payload[0] & 0xFF : -1;
        if (code >= 0) {
            sink.field(frame, Field.SSH_MESSAGE_CODE, Integer.toString(code));
        }
        sink.message(frame, side.index, new SshPacket(length, padding, code, frames));
        if (code >= 0) {
            message(side, frame, code, payload);
        }
    }

    /**
     * One encrypted packet (RFC 4253 §6): the length (decrypted or in clear, depending on the cipher), then the
     * whole packet with its tag, opened and dissected like a clear one.
     */
    private boolean decrypted(Side side, int frame) {
        SshPacketCipher cipher = side.cipher;
        if (side.pendingLength < 0) {
            if (side.in.size() < cipher.lengthBytes()) {
                return false;
            }
            long length = cipher.packetLength(side.in.copy(0, cipher.lengthBytes()), side.seq);
            if (length < 5 || length > MAX_PACKET_LENGTH) {
                giveUp(side, frame, "decrypted packet_length " + length + " is not 5.." + MAX_PACKET_LENGTH);
                return true;
            }
            side.pendingLength = length;
        }
        int total = (int) (4 + side.pendingLength + cipher.tagLength());
        if (side.in.size() < total) {
            return false;
        }
        List<Integer> frames = side.in.frames(total);
        byte[] packet = side.in.copy(0, total);
        side.in.consume(total);
        long length = side.pendingLength;
        long seq = side.seq;
        side.pendingLength = -1;
        side.seq = (seq + 1) & 0xFFFF_FFFFL;
        Optional<byte[]> opened = cipher.open(packet, seq);
        if (opened.isEmpty()) {
            sink.anomaly(frame, "SSH " + side.who() + ": packet " + seq + " (" + length + " bytes) fails its "
                    + (cipher.tagLength() == 16 ? "authentication tag" : "MAC") + " check (RFC 4253 §6.4): altered"
                    + " or wrong keys; its contents are not shown");
            sink.message(frame, side.index, new SshMacFailure(seq, length, side.index == 0));
            phase(side, frame, "SSH bad MAC (" + side.who() + ")");
            if (side.opened == 0) {
                giveUp(side, frame, "the first packet after NEWKEYS does not verify");
            }
            return true;
        }
        side.opened++;
        byte[] plain = opened.get();
        int padding = plain[0] & 0xFF;
        int payloadLength = plain.length - 1 - padding;
        byte[] payload = payloadLength > 0 ? Arrays.copyOfRange(plain, 1, 1 + payloadLength) : new byte[0];
        dissect(side, frame, length, padding, payloadLength, payload, frames);
        return true;
    }

    /** The keys do not open this direction: the rest of it is counted as encrypted bytes, as without keys. */
    private void giveUp(Side side, int frame, String why) {
        sink.anomaly(frame, "SSH " + side.who() + ": " + why + ": the key log's secret does not fit this session"
                + " (or the stream is damaged); the rest of this direction stays encrypted");
        side.state = State.ENCRYPTED;
        side.cipher = null;
        side.pendingLength = -1;
    }

    /** Counts a frame's encrypted bytes, however TCP cut them; reported when the next frame (or the end) comes. */
    private boolean encrypted(Side side, int frame) {
        if (side.encryptedFrame != frame) {
            flushEncrypted(side);
            side.encryptedFrame = frame;
        }
        side.encryptedBytes += side.in.size();
        side.in.clear();
        phase(side, frame, "SSH encrypted");
        return false;
    }

    private void flushEncrypted(Side side) {
        if (side.encryptedBytes > 0) {
            sink.message(side.encryptedFrame, side.index, new SshEncrypted(side.encryptedBytes, side.index == 0));
        }
        side.encryptedBytes = 0;
    }

    private void message(Side side, int frame, int code, byte[] payload) {
        SshReader r = new SshReader(payload);
        r.u8("message code");
        SshMessage message;
        String label;
        try {
            switch (code) {
                case 1 -> {
                    message = new Disconnect(r.u32("reason code"), r.text("description"));
                    label = "SSH disconnect (" + side.who() + ")";
                }
                case 20 -> {
                    message = kexInit(side, frame, r);
                    label = "SSH KEXINIT (" + side.who() + ")";
                }
                case 21 -> {
                    message = new NewKeys(side.index == 0);
                    label = "SSH NEWKEYS (" + side.who() + ")";
                    newKeys(side, frame);
                }
                default -> {
                    SshMessage service = code >= 30 && code <= 49 ? null : SshServiceParser.parse(code, r);
                    if (service != null) {
                        message = service;
                        label = SshServiceParser.label(service, code, side.who());
                    } else {
                        message = SshKexParser.parse(familyName(), code, r);
                        label = message instanceof OtherMessage ? "SSH " + SshMessageCode.nameOf(code)
                                : SshKexParser.label(familyName(), code);
                        decryption.exchangeMessage(message);
                    }
                }
            }
        } catch (SshReader.Malformed e) {
            sink.anomaly(frame, "SSH " + side.who() + ": malformed " + SshMessageCode.nameOf(code) + ": "
                    + e.getMessage());
            message = new OtherMessage(code, SshServiceParser.mayHoldPassword(code) ? ""
                    : HexFormat.of().formatHex(payload, 1, payload.length));
            label = "SSH " + SshMessageCode.nameOf(code);
        }
        sink.message(frame, side.index, message);
        phase(side, frame, label);
    }

    /**
     * RFC 4253 §7.3: what this side sends next uses the new keys. With strict KEX (OpenSSH PROTOCOL §1.9) its
     * sequence number starts again at 0.
     */
    private void newKeys(Side side, int frame) {
        if (decryption.strictKex()) {
            side.seq = 0;
        }
        side.pendingLength = -1;
        side.opened = 0;
        side.cipher = decryption.cipher(side.index == 0, agreed, sides[0].banner, sides[1].banner, frame)
                .orElse(null);
        side.state = side.cipher == null ? State.ENCRYPTED : State.DECRYPTING;
    }

    private KexInit kexInit(Side side, int frame, SshReader r) {
        String cookie = HexFormat.of().formatHex(r.bytes(16, "cookie"));
        List<List<String>> lists = new ArrayList<>();
        for (SshKexProposal p : SshKexProposal.values()) {
            lists.add(r.nameList(p.rfcName()));
        }
        KexInit init = new KexInit(cookie, lists, r.bool("first_kex_packet_follows"), r.u32("reserved"));
        decryption.kexInit(side.index == 0, init, r.whole());
        if (side.index == 0) {
            clientKexInit = init;
        } else {
            serverKexInit = init;
        }
        if (clientKexInit != null && serverKexInit != null) {
            agreed = NegotiatedAlgorithms.of(clientKexInit, serverKexInit);
            family = family(agreed.kex());
            sink.message(frame, side.index, agreed);
            if (agreed.kex().isEmpty() || agreed.hostKey().isEmpty()) {
                sink.anomaly(frame, "SSH: client and server have no key exchange or host key algorithm in common");
            }
        }
        return init;
    }

    private String familyName() {
        return family.name();
    }

    private static KexFamily family(String kex) {
        if (kex.startsWith("diffie-hellman-group-exchange-")) {
            return KexFamily.GEX;
        }
        if (kex.startsWith("diffie-hellman-group")) {
            return KexFamily.DH;
        }
        if (kex.startsWith("ecdh-sha2-") || kex.startsWith("curve25519-") || kex.startsWith("curve448-")
                || kex.startsWith("sntrup761x25519-") || kex.startsWith("mlkem768x25519-")) {
            return KexFamily.ECDH;
        }
        return KexFamily.UNKNOWN;
    }

    private void stop(Side side, int frame, String why) {
        sink.anomaly(frame, "SSH " + side.who() + ": " + why + "; the rest of this direction is not dissected");
        side.state = State.STOPPED;
        side.in.clear();
    }

    /** Reports a phase once per frame and side. */
    private void phase(Side side, int frame, String label) {
        if (side.phaseFrame == frame && side.phase.equals(label)) {
            return;
        }
        side.phaseFrame = frame;
        side.phase = label;
        sink.phase(frame, label);
    }
}
