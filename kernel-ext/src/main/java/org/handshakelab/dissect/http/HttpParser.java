package org.handshakelab.dissect.http;

import org.handshakelab.dissect.StreamBuffer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The grammar of one direction of HTTP/1.x (RFC 9112): start line, header section, body by
 * Content-Length, chunked or until close. A state machine in the manner of Netty's HttpObjectDecoder; the
 * meaning (which request a response answers, tunnels) is the {@link Events}' business.
 */
final class HttpParser {

    /** Longest start line plus header section accepted. */
    static final int MAX_HEADER_SECTION = 64 * 1024;
    /** Bytes kept from a client whose CONNECT is not answered yet. */
    static final int MAX_WHILE_PAUSED = 1 << 20;
    /** Longest chunk-size line accepted (the size plus chunk extensions). */
    static final int MAX_CHUNK_LINE = 4096;
    /** The rest of a segment short enough to buffer whole while a start line or header section is parsed. */
    static final int SHORT_REST = 512;

    /** What the parser tells its owner. */
    interface Events {
        /** The method of the request the next response answers ("" when unknown). */
        String pendingMethod();

        /** A complete message, on the frame that completed it. */
        void message(int direction, HttpMessage message, int frame);

        /** Something wrong in the bytes. */
        void anomaly(int frame, String message);

        /** The rest of a segment, after the message that made the connection a tunnel ({@link #drain()}). */
        void afterDrain(int direction, ByteBuffer rest, int frame);
    }

    private enum State { START, HEADERS, FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, PAUSED, STOPPED }

    private final int direction;
    private final Events events;
    /**
     * Keep only the header fields the framing needs (Content-Length, Transfer-Encoding), for a sink that keeps
     * no messages: the messages then carry no header fields and no frame list, and every field, phase and
     * anomaly is the same.
     */
    private final boolean lean;
    /** Header lines taken as fields in this message, kept or not (what an obs-fold line continues). */
    private int fieldLines;
    /** Whether the last of them was kept in {@link #headers}. */
    private boolean lastKept;
    private final StreamBuffer in = new StreamBuffer();
    private State state = State.START;
    private boolean drained;

    private String[] startLine;
    private boolean response;
    /** A response's status code, parsed once from {@code startLine[1]}. */
    private int code;
    private final List<HttpHeader> headers = new ArrayList<>();
    private final List<Integer> frames = new ArrayList<>();
    /** The last frame noted for the current message, or -1: a lean parser keeps no {@link #frames} list. */
    private int lastFrame = -1;
    private int headerBytes;
    private long remaining;
    private long bodyLength;
    private HttpBodyFraming framing;

    HttpParser(int direction, Events events, boolean lean) {
        this.direction = direction;
        this.events = events;
        this.lean = lean;
    }

    void accept(ByteBuffer data, int frame) {
        if (state == State.STOPPED) {
            return;
        }
        int end = data.limit();
        int at = skipBody(data, data.position(), frame);
        while (at < end && state != State.STOPPED) {
            // up to the end of what the current state parses, so that a body after it is skipped, not copied
            int upTo = switch (state) {
                // a short rest is mostly header lines: taken whole, it need not be searched for their end first
                // (a body in it is then taken from the buffer, as one split across segments is)
                case START, HEADERS -> end - at <= SHORT_REST ? end : headerSectionEnd(data, at, end);
                case TRAILERS -> headerSectionEnd(data, at, end);
                case CHUNK_SIZE, CHUNK_END -> lineEnd(data, at, end);
                default -> end;
            };
            in.append(data, at, upTo - at, frame);
            at = upTo;
            if (state == State.PAUSED && in.size() > MAX_WHILE_PAUSED) {
                stop(frame, "more than " + MAX_WHILE_PAUSED + " bytes sent before the CONNECT was answered");
                return;
            }
            run(frame);
            if (drained) {
                if (at < end) {
                    ByteBuffer rest = data.duplicate();
                    rest.position(at);
                    events.afterDrain(direction, rest, frame);
                }
                return;
            }
            at = skipBody(data, at, frame);
        }
    }

    /** Just past the first empty line (LF LF or LF CR LF) in {@code data[at, end)}, or {@code end}. */
    private int headerSectionEnd(ByteBuffer data, int at, int end) {
        if (in.size() > 0 && in.u8(in.size() - 1) == '\n') {
            // the empty line may start this segment
            if (data.get(at) == '\n') {
                return at + 1;
            }
            if (at + 1 < end && data.get(at) == '\r' && data.get(at + 1) == '\n') {
                return at + 2;
            }
        }
        // scanned in bulk copies of a few hundred bytes (payloads are read-only views, and a ByteBuffer.get per
        // byte is a call in code the JIT compiles quickly), which overlap by two so that an empty line across
        // two of them is seen whole in the second
        byte[] window = SCRATCH.get();
        for (int from = at; ; from += window.length - 2) {
            int n = Math.min(window.length, end - from);
            data.get(from, window, 0, n);
            int found = emptyLineEnd(window, 0, n);
            if (found >= 0) {
                return from + found;
            }
            if (from + n >= end) {
                return end;
            }
        }
    }

    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[256]);

    /** Just past the first LF LF or LF CR LF in {@code data[at, end)}, or -1. */
    private static int emptyLineEnd(byte[] data, int at, int end) {
        for (int i = at; i < end; i++) {
            if (data[i] == '\n') {
                if (i + 1 < end && data[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < end && data[i + 1] == '\r' && data[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /** Just past the first LF in {@code data[at, end)}, or {@code end}. */
    private static int lineEnd(ByteBuffer data, int at, int end) {
        for (int i = at; i < end; i++) {
            if (data.get(i) == '\n') {
                return i + 1;
            }
        }
        return end;
    }

    /**
     * Body bytes that arrive while nothing else waits are counted where they are, not copied into the
     * buffer first (most of a capture's HTTP bytes are bodies); returns the index of the first byte left.
     */
    private int skipBody(ByteBuffer data, int at, int frame) {
        int end = data.limit();
        while (at < end && in.size() == 0
                && (state == State.FIXED || state == State.CHUNK_DATA || state == State.UNTIL_CLOSE)) {
            int n = state == State.UNTIL_CLOSE ? end - at : (int) Math.min(remaining, end - at);
            noteFrame(frame);
            bodyLength += n;
            at += n;
            if (state == State.UNTIL_CLOSE) {
                break;
            }
            remaining -= n;
            if (remaining == 0) {
                if (state == State.FIXED) {
                    complete(frame);
                } else {
                    state = State.CHUNK_END;
                }
            }
        }
        return at;
    }

    /** Parses what is buffered (after {@link #resume()}, or a new segment). */
    void run(int frame) {
        boolean progress = true;
        while (progress && in.size() > 0) {
            progress = switch (state) {
                case START -> startLine(frame);
                case HEADERS -> headerLine(frame);
                case FIXED, CHUNK_DATA, UNTIL_CLOSE -> body(frame);
                case CHUNK_SIZE -> chunkSize(frame);
                case CHUNK_END -> chunkEnd(frame);
                case TRAILERS -> trailerLine(frame);
                case PAUSED, STOPPED -> false;
            };
        }
    }

    /** The direction ended: a body until close is complete, anything else in progress is cut short. */
    void end(int frame) {
        if (state == State.UNTIL_CLOSE) {
            complete(frame);
        } else if (state != State.START && state != State.STOPPED && state != State.PAUSED || state == State.START
                && in.size() > 0) {
            events.anomaly(frame, "HTTP " + who() + ": stream ended inside a message (" + state.name().toLowerCase(
                    Locale.ROOT) + ")");
        }
        state = State.STOPPED;
        in.clear();
    }

    /** Stops parsing, keeping later bytes for {@link #drain()} (a CONNECT request waits for its answer). */
    void pause() {
        state = State.PAUSED;
    }

    /** Goes back to parsing messages after a {@link #pause()}. */
    void resume() {
        if (state == State.PAUSED) {
            state = State.START;
        }
    }

    /** Hands over what is buffered and stops parsing: the connection became a tunnel. */
    byte[] drain() {
        byte[] rest = in.copy(0, in.size());
        in.clear();
        state = State.STOPPED;
        drained = true;
        return rest;
    }

    boolean paused() {
        return state == State.PAUSED;
    }

    private String who() {
        return direction == 0 ? "client" : "server";
    }

    /** One line without its CR LF (a bare LF is accepted, RFC 9112 §2.2), or null when incomplete. */
    private String line(int frame, int limit) {
        int lf = lineFeed(frame, limit);
        if (lf < 0) {
            return null;
        }
        String line = in.latin1(0, contentEnd(lf));
        take(lf + 1);
        headerBytes += lf + 1;
        return line;
    }

    /** The index of the first LF buffered, or -1 (and the direction stops if there is none within {@code limit}). */
    private int lineFeed(int frame, int limit) {
        int lf = in.indexOf((byte) '\n', 0);
        if (lf < 0 && in.size() > limit) {
            stop(frame, "no end of line within " + limit + " bytes");
        }
        return lf;
    }

    /** Where the line ending at the LF at {@code lf} ends without its CR. */
    private int contentEnd(int lf) {
        return lf > 0 && in.u8(lf - 1) == '\r' ? lf - 1 : lf;
    }

    /** Consumes {@code n} bytes of the current message, noting the frames they came in. */
    private void take(int n) {
        if (n > 0) {
            in.frames(n, noteFrame);
        }
        in.consume(n);
    }

    /** A plain class, not a method reference: C1 builds those slowly, and there are two parsers per stream. */
    private final java.util.function.IntConsumer noteFrame = new java.util.function.IntConsumer() {
        @Override
        public void accept(int frame) {
            noteFrame(frame);
        }
    };

    private void noteFrame(int frame) {
        if (lastFrame != frame) {
            lastFrame = frame;
            if (!lean) {
                frames.add(frame);
            }
        }
    }

    private boolean startLine(int frame) {
        headerBytes = 0;
        frames.clear();
        lastFrame = -1;
        int lf = lineFeed(frame, MAX_HEADER_SECTION);
        if (lf < 0) {
            return false;
        }
        int end = contentEnd(lf);
        String[] parts = end == 0 ? null : splitStartLine(end);
        boolean valid = false;
        if (parts != null) {
            response = parts[0].startsWith("HTTP/");
            valid = response ? validStatusLine(parts) : validRequestLine(parts);
        }
        String line = valid || parts == null ? null : in.latin1(0, end);
        take(lf + 1);
        headerBytes += lf + 1;
        if (parts == null) {
            frames.clear();
            lastFrame = -1;
            return true;
        }
        if (!valid) {
            stop(frame, "not an HTTP/1.x " + (response ? "status" : "request") + " line: "
                    + (line.length() > 80 ? line.substring(0, 80) + "..." : line));
            return false;
        }
        startLine = parts;
        code = response ? Integer.parseInt(parts[1]) : 0;
        headers.clear();
        fieldLines = 0;
        lastKept = false;
        state = State.HEADERS;
        return true;
    }

    /**
     * The buffered line {@code [0, end)} split as {@code line.split(" ", 3)} would, straight from the buffer:
     * no regex machinery, list or whole-line string (a start line per message).
     */
    private String[] splitStartLine(int end) {
        int a = space(0, end);
        if (a < 0) {
            return new String[] {in.latin1(0, end)};
        }
        int b = space(a + 1, end);
        if (b < 0) {
            return new String[] {token(0, a), in.latin1(a + 1, end - a - 1)};
        }
        return new String[] {token(0, a), in.latin1(a + 1, b - a - 1), token(b + 1, end - b - 1)};
    }

    /**
     * The buffered text {@code [from, from + length)}: one of {@link #COMMON_TOKENS} when it spells one (a
     * start line's method, version and most reasons), without a new string.
     */
    private String token(int from, int length) {
        for (String common : COMMON_TOKENS) {
            if (common.length() == length && sameCase(from, common)) {
                return common;
            }
        }
        return in.latin1(from, length);
    }

    private boolean sameCase(int from, String common) {
        for (int i = 0; i < common.length(); i++) {
            if (in.u8(from + i) != common.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The first and last words of most start lines. */
    private static final String[] COMMON_TOKENS = {"GET", "HTTP/1.1", "HTTP/1.0", "OK", "POST", "HEAD"};

    private int space(int from, int end) {
        for (int i = from; i < end; i++) {
            if (in.u8(i) == ' ') {
                return i;
            }
        }
        return -1;
    }

    /** RFC 9112 §3: method SP request-target SP HTTP-version. */
    private static boolean validRequestLine(String[] parts) {
        return parts.length == 3 && !parts[0].isEmpty() && allTchar(parts[0])
                && !parts[1].isEmpty() && parts[1].indexOf(' ') < 0 && parts[2].startsWith("HTTP/");
    }

    private static boolean allTchar(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!tchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9112 §4: HTTP-version SP 3DIGIT SP [reason-phrase] (a missing SP before an empty reason is common). */
    private static boolean validStatusLine(String[] parts) {
        return parts.length >= 2 && parts[1].length() == 3 && allDigits(parts[1]) && parts[1].charAt(0) != '0';
    }

    /** Whether every char is a digit as {@link Character#isDigit} says (any script, as before). */
    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean tchar(int c) {
        return c < TCHAR.length && TCHAR[c];
    }

    /** RFC 9110 §5.6.2: visible ASCII but the delimiters (a table: a method's every char is checked). */
    private static final boolean[] TCHAR = new boolean[127];

    static {
        for (int c = 33; c < 127; c++) {
            TCHAR[c] = "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
        }
    }

    private boolean headerLine(int frame) {
        if (plainHeaderLines(frame)) {
            return true;
        }
        String line = line(frame, MAX_HEADER_SECTION - headerBytes);
        if (line == null) {
            return false;
        }
        if (headerBytes > MAX_HEADER_SECTION) {
            stop(frame, "header section longer than " + MAX_HEADER_SECTION + " bytes");
            return false;
        }
        if (line.isEmpty()) {
            headersDone(frame);
            return true;
        }
        if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && fieldLines > 0) {
            if (lastKept) {
                HttpHeader last = headers.remove(headers.size() - 1);
                headers.add(new HttpHeader(last.name(), (last.value() + " " + line.strip()).strip()));
            }
            return true;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            events.anomaly(frame, "HTTP " + who() + ": header line without a name and colon: " + line);
            return true;
        }
        String name = line.substring(0, colon);
        if (!name.equals(name.strip())) {
            events.anomaly(frame, "HTTP " + who() + ": whitespace before the colon in header " + name.strip()
                    + " (RFC 9112 §5.1)");
        }
        addField(name.strip(), line.substring(colon + 1).strip());
        return true;
    }

    private void addField(String name, String value) {
        fieldLines++;
        lastKept = !lean || framing(name);
        if (lastKept) {
            headers.add(new HttpHeader(name, value));
        }
    }

    /** The header fields {@link #headersDone} reads. */
    private static boolean framing(String name) {
        return name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding");
    }

    /** Whether the name in {@code in[at, at + length)} is one {@link #framing} takes, without making a string of it. */
    private boolean framingName(int at, int length) {
        return length == 14 && in.equalsIgnoreCase(at, CONTENT_LENGTH)
                || length == 17 && in.equalsIgnoreCase(at, TRANSFER_ENCODING);
    }

    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * The common header lines, {@code name:value} with no whitespace around the name, and the empty line that
     * ends the section, read straight from the buffer (no line string to cut up) and taken all at once: what
     * {@link #headerLine} does line by line for them. False, with nothing consumed, when the first buffered
     * line is not one of them (incomplete, folded, odd or too long), which {@link #headerLine} then handles.
     */
    private boolean plainHeaderLines(int frame) {
        int at = 0;
        boolean ended = false;
        while (true) {
            long found = in.colonAndLineFeed(at);
            int lf = (int) found;
            if (lf < 0 || headerBytes + (lf - at) + 1 > MAX_HEADER_SECTION) {
                break;
            }
            int end = lf > at && in.u8(lf - 1) == '\r' ? lf - 1 : lf;
            if (end == at) {
                headerBytes += lf - at + 1;
                at = lf + 1;
                ended = true;
                break;
            }
            int colon = (int) (found >> 32);
            if (whitespace(in.u8(at)) || colon <= at || colon >= end || whitespace(in.u8(colon - 1))) {
                break;
            }
            int from = colon + 1;
            int to = end;
            while (from < to && whitespace(in.u8(from))) {
                from++;
            }
            while (to > from && whitespace(in.u8(to - 1))) {
                to--;
            }
            if (lean && !framingName(at, colon - at)) {
                fieldLines++;
                lastKept = false;
            } else {
                addField(in.latin1(at, colon - at), in.latin1(from, to - from));
            }
            headerBytes += lf - at + 1;
            at = lf + 1;
        }
        if (at == 0) {
            return false;
        }
        take(at);
        if (ended) {
            headersDone(frame);
        }
        return true;
    }

    /** What {@link String#strip()} removes, for an ISO-8859-1 char. */
    private static boolean whitespace(int c) {
        return c == ' ' || c >= 9 && c <= 13 || c >= 28 && c <= 31;
    }

    /** RFC 9112 §6.3: which of the framing rules applies. */
    private void headersDone(int frame) {
        bodyLength = 0;
        String te = values("Transfer-Encoding");
        String cl = values("Content-Length");
        if (response) {
            String method = events.pendingMethod();
            if (method.equals("HEAD") || code < 200 || code == 204 || code == 304
                    || method.equals("CONNECT") && code < 300) {
                framing = HttpBodyFraming.NONE;
            } else if (!te.isEmpty()) {
                framing = te.toLowerCase(Locale.ROOT).strip().endsWith("chunked") ? HttpBodyFraming.CHUNKED
                        : HttpBodyFraming.UNTIL_CLOSE;
            } else if (!cl.isEmpty()) {
                framing = HttpBodyFraming.CONTENT_LENGTH;
            } else {
                framing = HttpBodyFraming.UNTIL_CLOSE;
            }
        } else if (!te.isEmpty()) {
            if (!te.toLowerCase(Locale.ROOT).strip().endsWith("chunked")) {
                stop(frame, "request Transfer-Encoding does not end with chunked (RFC 9112 §6.3 rule 4)");
                return;
            }
            framing = HttpBodyFraming.CHUNKED;
        } else {
            framing = cl.isEmpty() ? HttpBodyFraming.NONE : HttpBodyFraming.CONTENT_LENGTH;
        }
        switch (framing) {
            case NONE -> complete(frame);
            case CHUNKED -> state = State.CHUNK_SIZE;
            case UNTIL_CLOSE -> state = State.UNTIL_CLOSE;
            case CONTENT_LENGTH -> {
                remaining = contentLength(cl, frame);
                if (remaining == 0) {
                    complete(frame);
                } else if (remaining > 0) {
                    state = State.FIXED;
                }
            }
        }
    }

    /** All values of a header joined by commas, or "". */
    private String values(String name) {
        String one = null;
        StringBuilder more = null;
        for (int i = 0; i < headers.size(); i++) {
            HttpHeader h = headers.get(i);
            if (h.name().equalsIgnoreCase(name)) {
                if (one == null) {
                    one = h.value();
                } else {
                    if (more == null) {
                        more = new StringBuilder(one);
                    }
                    more.append(',').append(h.value());
                }
            }
        }
        return more != null ? more.toString() : one != null ? one : "";
    }

    /** RFC 9110 §8.6: 1*DIGIT; a list of identical values is allowed. -1 (and the stream stops) otherwise. */
    private long contentLength(String value, int frame) {
        long length = -1;
        for (String part : value.indexOf(',') < 0 ? new String[] {value} : value.split(",")) {
            String digits = part.strip();
            if (digits.isEmpty() || digits.length() > 18 || !allDigits(digits)
                    || length >= 0 && length != Long.parseLong(digits)) {
                stop(frame, "invalid Content-Length: " + value + " (RFC 9110 §8.6)");
                return -1;
            }
            length = Long.parseLong(digits);
        }
        return length;
    }

    private boolean body(int frame) {
        int n = state == State.UNTIL_CLOSE ? in.size() : (int) Math.min(remaining, in.size());
        take(n);
        bodyLength += n;
        if (state == State.UNTIL_CLOSE) {
            return false;
        }
        remaining -= n;
        if (remaining > 0) {
            return false;
        }
        if (state == State.FIXED) {
            complete(frame);
        } else {
            state = State.CHUNK_END;
        }
        return true;
    }

    /** RFC 9112 §7.1: chunk-size [ chunk-ext ] CRLF. */
    private boolean chunkSize(int frame) {
        String line = line(frame, MAX_CHUNK_LINE);
        if (line == null) {
            return false;
        }
        int semicolon = line.indexOf(';');
        String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
        if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            stop(frame, "invalid chunk size line: " + line);
            return false;
        }
        remaining = Long.parseLong(hex, 16);
        state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
        return true;
    }

    private boolean chunkEnd(int frame) {
        String line = line(frame, MAX_CHUNK_LINE);
        if (line == null) {
            return false;
        }
        if (!line.isEmpty()) {
            events.anomaly(frame, "HTTP " + who() + ": chunk data not followed by CRLF");
        }
        state = State.CHUNK_SIZE;
        return true;
    }

    private boolean trailerLine(int frame) {
        String line = line(frame, MAX_HEADER_SECTION);
        if (line == null) {
            return false;
        }
        if (line.isEmpty()) {
            complete(frame);
        }
        return true;
    }

    /**
     * Reports the message on the frame that carried its last byte: the current one, except for a request
     * parsed late (after a CONNECT was answered) and a body that ended with the connection.
     */
    private void complete(int frame) {
        int at = framing == HttpBodyFraming.UNTIL_CLOSE || lastFrame < 0 ? frame : lastFrame;
        HttpMessage message;
        List<HttpHeader> fields = lean ? List.of() : headers;
        List<Integer> carried = lean ? List.of() : frames;
        if (response) {
            message = new HttpResponse(startLine[0], code,
                    startLine.length > 2 ? startLine[2] : "", fields, bodyLength, framing, carried);
        } else {
            message = new HttpRequest(startLine[0], startLine[1], startLine[2], fields, bodyLength, framing, carried);
        }
        state = State.START;
        headers.clear();
        frames.clear();
        lastFrame = -1;
        events.message(direction, message, at);
    }

    private void stop(int frame, String why) {
        events.anomaly(frame, "HTTP " + who() + ": " + why + "; the rest of this direction is not dissected");
        state = State.STOPPED;
        in.clear();
    }
}
