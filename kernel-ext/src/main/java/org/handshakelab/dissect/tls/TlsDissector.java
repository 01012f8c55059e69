package org.handshakelab.dissect.tls;

import org.handshakelab.dissect.StreamBuffer;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.handshakelab.dissect.AppProtocols;
import org.handshakelab.dissect.DissectionSink;
import org.handshakelab.dissect.Field;
import org.handshakelab.dissect.StreamDissector;

/**
 * TLS over one TCP connection: records (RFC 8446 §5, RFC 5246 §6.2) from each direction's byte stream,
 * handshake messages reassembled across records, and what Wireshark 4.0 shows for each with its default
 * reassembly: {@code tls.record.content_type} for every record completed in a frame, in wire order (not for
 * TLS 1.3 encrypted records, which Wireshark shows as {@code tls.record.opaque_type}), and
 * {@code tls.handshake.type} for every plaintext handshake message completed in a frame.
 *
 * <p>Without keys nothing is decrypted. A handshake record after this direction's ChangeCipherSpec (TLS 1.2) is
 * an "encrypted handshake" (the Finished message); in TLS 1.3 everything after ServerHello is an opaque
 * application-data record. The phase of a TLS 1.3 opaque record is a guess from its position: the server's
 * records until the client sends its first one, and the client's first one, carry the encrypted handshake.
 *
 * <p>With a {@link TlsKeyLog} holding the session's secrets, protected records are decrypted
 * ({@link TlsDecryptor}) and dissected like plaintext ones, as Wireshark does with {@code tls.keylog_file}:
 * a TLS 1.3 record then shows its inner content type as {@code tls.record.content_type}, its handshake
 * messages their {@code tls.handshake.type}, and decrypted application data goes to the HTTP dissector
 * (recognised by content). Each decrypted record is also reported as a {@link TlsDecryptedRecord}. A session
 * whose secrets are missing stays encrypted, with one anomaly saying why; a record whose authentication tag
 * fails is an anomaly, never plaintext.
 *
 * <p>Bad bytes become anomalies: a record header that makes no sense makes the dissector skip the rest of
 * the segment and look for a record at the start of the next one, as Wireshark does.
 */
public final class TlsDissector implements StreamDissector {

    /** The largest record a peer may send: 2^14 plus expansion (RFC 5246 §6.2.3). */
    public static final int MAX_RECORD_LENGTH = (1 << 14) + 2048;
    /** Handshake messages longer than this are skipped, not reassembled. */
    public static final int MAX_HANDSHAKE_LENGTH = 1 << 18;

    private static final int TLS13 = TlsVersion.TLS_1_3.code();

    private final DissectionSink sink;
    private final Side[] sides = {new Side(0), new Side(1)};
    private final TlsDecryptor decryptor;
    /** The dissector of the decrypted application data, made on the first decrypted byte. */
    private StreamDissector inner;
    /** The connection's version as Wireshark tracks it; 0 while unknown. */
    private int version;
    private int cipherSuite = -1;
    private boolean clientSentOpaque;

    /** The per-direction state: what is buffered, what has been seen. */
    private static final class Side {
        final int index;
        final StreamBuffer in = new StreamBuffer();
        boolean changedCipherSpec;
        boolean desynchronised;
        byte[] handshake = new byte[0];
        int handshakeLength;
        int handshakeSkip;
        int phaseFrame = -1;
        String phase = "";

        Side(int index) {
            this.index = index;
        }

        String who() {
            return index == 0 ? "client" : "server";
        }
    }

    private TlsDissector(DissectionSink sink, TlsKeyLog keys) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.decryptor = new TlsDecryptor(Objects.requireNonNull(keys, "keys"));
    }

    /** A dissector for one connection, reporting to {@code sink}; nothing is decrypted. */
    public static TlsDissector create(DissectionSink sink) {
        return new TlsDissector(sink, TlsKeyLog.empty());
    }

    /** A dissector for one connection that decrypts the records whose secrets {@code keys} holds. */
    public static TlsDissector create(DissectionSink sink, TlsKeyLog keys) {
        return new TlsDissector(sink, keys);
    }

    @Override
    public void accept(int direction, ByteBuffer data, int frame) {
        Side side = side(direction);
        side.in.append(data, frame);
        while (side.in.size() >= 5) {
            int type = side.in.u8(0);
            int recordVersion = side.in.u16(1);
            int length = side.in.u16(3);
            if (!plausibleHeader(type, recordVersion)) {
                if (!side.desynchronised) {
                    sink.anomaly(frame, String.format("TLS %s: not a record header (type %d, version 0x%04x); "
                            + "skipping to the next segment", side.who(), type, recordVersion));
                }
                side.desynchronised = true;
                side.in.clear();
                return;
            }
            if (side.in.size() < 5 + length) {
                return;
            }
            side.desynchronised = false;
            List<Integer> frames = side.in.frames(5 + length);
            byte[] fragment = side.in.copy(5, length);
            side.in.consume(5 + length);
            if (length > MAX_RECORD_LENGTH) {
                sink.anomaly(frame, "TLS " + side.who() + ": record length " + length + " exceeds "
                        + MAX_RECORD_LENGTH + " (RFC 5246 §6.2.3)");
            }
            record(side, frame, type, recordVersion, fragment, frames);
        }
    }

    @Override
    public void end(int direction, int frame) {
        Side side = side(direction);
        if (side.in.size() > 0 && !side.desynchronised) {
            String what = side.in.size() >= 5 ? "of a " + (5 + side.in.u16(3)) + "-byte record" : "of a record header";
            sink.anomaly(frame, "TLS " + side.who() + ": stream ended inside a record (" + side.in.size()
                    + " bytes " + what + ")");
        }
        if (side.handshakeLength > 0) {
            sink.anomaly(frame, "TLS " + side.who() + ": stream ended inside a handshake message ("
                    + side.handshakeLength + " bytes so far)");
        }
        side.in.clear();
        side.handshakeLength = 0;
        // The decrypted stream is not ended with the TCP one: Wireshark's TLS dissector does not tell HTTP
        // about the close, so a response read until the connection closes is never complete there either.
    }

    private Side side(int direction) {
        if (direction != 0 && direction != 1) {
            throw new IllegalArgumentException("direction must be 0 or 1: " + direction);
        }
        return sides[direction];
    }

    /**
     * Wireshark checks only the type once the version is TLS 1.0-1.2, and the type and an SSL 3.0-TLS 1.2
     * record version otherwise (ssl_looks_like_sslv3).
     */
    private boolean plausibleHeader(int type, int recordVersion) {
        if (TlsContentType.of(type).isEmpty()) {
            return false;
        }
        boolean legacySession = version >= TlsVersion.TLS_1_0.code() && version <= TlsVersion.TLS_1_2.code();
        return legacySession || recordVersion >= 0x0300 && recordVersion <= 0x0303 || recordVersion == 0x0101;
    }

    private void record(Side side, int frame, int type, int recordVersion, byte[] fragment, List<Integer> frames) {
        boolean opaque = version == TLS13 && type == TlsContentType.APPLICATION_DATA.code();
        if (version == 0 && authoritative(type, fragment)) {
            version = TlsVersion.of(recordVersion).map(TlsVersion::code).orElse(0);
        }
        TlsDecryptor.Result decrypted = decryptor.decrypt(side.index, type, recordVersion, fragment);
        int shown = type;
        byte[] content = fragment;
        switch (decrypted.status()) {
            case DECRYPTED -> {
                shown = decrypted.innerType();
                content = decrypted.plaintext();
            }
            case BAD_TAG -> sink.anomaly(frame, "TLS " + side.who() + ": record " + type + " (" + fragment.length
                    + " bytes) failed authentication with the key log's keys: not decrypted, and this direction "
                    + "is no longer decrypted (wrong or mismatched key log, or altered bytes)");
            case NO_KEYS -> decryptor.takeMissing(side.index).ifPresent(why -> sink.anomaly(frame, "TLS: the "
                    + side.who() + "'s records stay encrypted: " + why));
            default -> {
                // CLEAR: a plaintext record
            }
        }
        boolean clear = decrypted.status() == TlsDecryptor.Status.DECRYPTED;
        if (!opaque || clear) {
            sink.field(frame, Field.TLS_RECORD_CONTENT_TYPE, Integer.toString(shown));
        }
        sink.message(frame, side.index, new TlsRecord(type, recordVersion, fragment.length, opaque, frames));
        if (clear) {
            sink.message(frame, side.index, decrypted.record());
        }
        switch (shown) {
            case 20 -> changeCipherSpec(side, frame);
            case 21 -> alert(side, frame, content);
            case 22 -> handshake(side, frame, content, clear);
            case 23 -> applicationData(side, frame, content, opaque && !clear, clear);
            case 24 -> phase(side, frame, "TLS heartbeat");
            default -> {
                // tls12_cid records carry encrypted data of an unknown type
            }
        }
    }

    /** Wireshark takes the version from the first record that is not a ClientHello (ssl_try_set_version). */
    private static boolean authoritative(int type, byte[] fragment) {
        if (type != TlsContentType.HANDSHAKE.code()) {
            return true;
        }
        return fragment.length > 0 && (fragment[0] & 0xFF) != 1 && TlsHandshakeType.of(fragment[0] & 0xFF).isPresent();
    }

    private void changeCipherSpec(Side side, int frame) {
        boolean compatibility = version == TLS13;
        if (!compatibility) {
            side.changedCipherSpec = true;
        }
        decryptor.changeCipherSpec(side.index, version);
        sink.message(frame, side.index, new TlsChangeCipherSpec(compatibility));
        phase(side, frame, "TLS ChangeCipherSpec");
    }

    /** RFC 8446 §6: a plaintext alert is two bytes; anything else is encrypted (Wireshark's rule). */
    private void alert(Side side, int frame, byte[] fragment) {
        if (fragment.length != 2) {
            sink.message(frame, side.index, new TlsAlert(-1, -1, true));
            phase(side, frame, "TLS encrypted alert (" + side.who() + ")");
            return;
        }
        TlsAlert alert = new TlsAlert(fragment[0] & 0xFF, fragment[1] & 0xFF, false);
        sink.message(frame, side.index, alert);
        phase(side, frame, alert.description() == 0 ? "TLS close_notify (" + side.who() + ")"
                : "TLS alert (" + alert.levelName() + " " + alert.descriptionName() + ")");
    }

    private void applicationData(Side side, int frame, byte[] content, boolean opaque, boolean decrypted) {
        sink.message(frame, side.index, new TlsApplicationData(content.length, opaque));
        boolean handshake = opaque && !clientSentOpaque;
        if ((opaque || decrypted && version == TLS13) && side.index == 0) {
            clientSentOpaque = true;
        }
        phase(side, frame, handshake ? "TLS encrypted handshake" : "TLS application data");
        if (decrypted && content.length > 0) {
            if (inner == null) {
                // what runs inside TLS is recognised by content, as Wireshark's heuristic HTTP-over-TLS does
                inner = AppProtocols.dissector(sink);
            }
            inner.accept(side.index, ByteBuffer.wrap(content).asReadOnlyBuffer(), frame);
        }
    }

    /** Handshake messages may share a record or span several (RFC 8446 §5.1). */
    private void handshake(Side side, int frame, byte[] fragment, boolean decrypted) {
        int offset = 0;
        boolean first = true;
        if (side.handshakeSkip > 0) {
            int n = Math.min(side.handshakeSkip, fragment.length);
            side.handshakeSkip -= n;
            offset = n;
            first = false;
        } else if (side.handshakeLength > 0) {
            offset = continueHandshake(side, frame, fragment);
            if (offset < 0) {
                return;
            }
            first = false;
        } else if (!decrypted && looksEncrypted(side, fragment)) {
            sink.message(frame, side.index, new TlsEncryptedHandshake(fragment.length));
            phase(side, frame, "TLS encrypted handshake");
            return;
        }
        while (offset < fragment.length) {
            int left = fragment.length - offset;
            int declared = left >= 4 ? u24(fragment, offset + 1) : -1;
            if (declared < 0 || left < 4 + declared) {
                startReassembly(side, frame, fragment, offset, declared);
                return;
            }
            if (!message(side, frame, Arrays.copyOfRange(fragment, offset, offset + 4 + declared), first)) {
                return;
            }
            offset += 4 + declared;
            first = false;
        }
    }

    private void startReassembly(Side side, int frame, byte[] fragment, int offset, int declared) {
        int left = fragment.length - offset;
        if (declared > MAX_HANDSHAKE_LENGTH) {
            sink.anomaly(frame, "TLS " + side.who() + ": handshake message length " + declared + " exceeds "
                    + MAX_HANDSHAKE_LENGTH + "; skipped");
            side.handshakeSkip = 4 + declared - left;
            return;
        }
        side.handshake = Arrays.copyOfRange(fragment, offset, offset + Math.max(left, 4 + Math.max(declared, 0)));
        side.handshakeLength = left;
    }

    /** Adds this record's bytes to the message being reassembled; the offset after it, or -1 if still partial. */
    private int continueHandshake(Side side, int frame, byte[] fragment) {
        int offset = 0;
        if (side.handshakeLength < 4) {
            int take = Math.min(4 - side.handshakeLength, fragment.length);
            side.handshake = Arrays.copyOf(side.handshake, 4);
            System.arraycopy(fragment, 0, side.handshake, side.handshakeLength, take);
            side.handshakeLength += take;
            offset = take;
            if (side.handshakeLength < 4) {
                return -1;
            }
            int declared = u24(side.handshake, 1);
            if (declared > MAX_HANDSHAKE_LENGTH) {
                sink.anomaly(frame, "TLS " + side.who() + ": handshake message length " + declared + " exceeds "
                        + MAX_HANDSHAKE_LENGTH + "; skipped");
                side.handshakeLength = 0;
                side.handshakeSkip = declared;
                int n = Math.min(side.handshakeSkip, fragment.length - offset);
                side.handshakeSkip -= n;
                return offset + n;
            }
            side.handshake = Arrays.copyOf(side.handshake, 4 + declared);
        }
        int total = side.handshake.length;
        int take = Math.min(total - side.handshakeLength, fragment.length - offset);
        System.arraycopy(fragment, offset, side.handshake, side.handshakeLength, take);
        side.handshakeLength += take;
        offset += take;
        if (side.handshakeLength < total) {
            return -1;
        }
        byte[] complete = side.handshake;
        side.handshake = new byte[0];
        side.handshakeLength = 0;
        return message(side, frame, complete, true) ? offset : -1;
    }

    /**
     * Wireshark's is_encrypted_handshake_message: records under 16 bytes are plaintext; after this side's
     * ChangeCipherSpec, or with a zero explicit nonce, an unknown type or a length of 64 KiB or more, they
     * are encrypted.
     */
    private static boolean looksEncrypted(Side side, byte[] fragment) {
        if (fragment.length < 16) {
            return false;
        }
        if (side.changedCipherSpec || fragment[0] == 0 && fragment[1] == 0 && fragment[2] == 0 && fragment[3] == 0
                && fragment[4] == 0) {
            return true;
        }
        return TlsHandshakeType.of(fragment[0] & 0xFF).isEmpty() || u24(fragment, 1) >= 0x10000;
    }

    /** One complete handshake message; false when the rest of the record should not be read. */
    private boolean message(Side side, int frame, byte[] message, boolean first) {
        int type = message[0] & 0xFF;
        if (TlsHandshakeType.of(type).isEmpty()) {
            sink.anomaly(frame, "TLS " + side.who() + ": unknown handshake type " + type + "; rest of record skipped");
            return false;
        }
        byte[] body = Arrays.copyOfRange(message, 4, message.length);
        TlsHandshake parsed;
        try {
            parsed = TlsHandshakeParser.parse(type, body, version, cipherSuite);
        } catch (TlsReader.Malformed e) {
            sink.anomaly(frame, "TLS " + side.who() + ": malformed " + TlsHandshakeType.nameOf(type) + ": "
                    + e.getMessage());
            parsed = new OtherHandshake(type, HexFormat.of().formatHex(body));
        }
        if (parsed instanceof ClientHello hello) {
            decryptor.clientHello(hello.random());
        } else if (parsed instanceof ServerHello hello) {
            cipherSuite = hello.cipherSuite();
            if (first) {
                TlsVersion.of(hello.selectedVersion()).ifPresent(v -> version = v.code());
            }
            decryptor.serverHello(hello.random(), hello.cipherSuite(), hello.selectedVersion() == TLS13,
                    hello.helloRetryRequest(), hello.extensions().stream()
                            .anyMatch(e -> e.type() == TlsExtensionType.ENCRYPT_THEN_MAC.code()));
        } else if (type == TlsHandshakeType.FINISHED.code()) {
            decryptor.finished(side.index);
        } else if (type == TlsHandshakeType.KEY_UPDATE.code()) {
            decryptor.keyUpdate(side.index);
        }
        sink.field(frame, Field.TLS_HANDSHAKE_TYPE, Integer.toString(type));
        sink.message(frame, side.index, parsed);
        phase(side, frame, "TLS " + parsed.typeName());
        return true;
    }

    /** Reports a phase once per frame and side, however many records repeat it. */
    private void phase(Side side, int frame, String label) {
        if (side.phaseFrame == frame && side.phase.equals(label)) {
            return;
        }
        side.phaseFrame = frame;
        side.phase = label;
        sink.phase(frame, label);
    }

    private static int u24(byte[] b, int i) {
        return (b[i] & 0xFF) << 16 | (b[i + 1] & 0xFF) << 8 | b[i + 2] & 0xFF;
    }
}
