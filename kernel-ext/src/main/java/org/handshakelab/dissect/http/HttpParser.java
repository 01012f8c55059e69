package org.handshakelab.dissect.http;

import org.handshakelab.dissect.StreamBuffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

    /** What the parser tells its owner. */
    interface Events {
        /** The method of the request the next response answers ("" when unknown). */
        String pendingMethod();

        /** A complete message, on the frame that completed it. */
        void message(int direction, HttpMessage message, int frame);

        /** Something wrong in the bytes. */
        void anomaly(int frame, String message);
    }

    private enum State { START, HEADERS, FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, PAUSED, STOPPED }

    private final int direction;
    private final Events events;
    private final StreamBuffer in = new StreamBuffer();
    private State state = State.START;

    private String[] startLine;
    private boolean response;
    private final List<HttpHeader> headers = new ArrayList<>();
    private final List<Integer> frames = new ArrayList<>();
    private int headerBytes;
    private long remaining;
    private long bodyLength;
    private HttpBodyFraming framing;

    HttpParser(int direction, Events events) {
        this.direction = direction;
        this.events = events;
    }

    void accept(ByteBuffer data, int frame) {
        if (state == State.STOPPED) {
            return;
        }
        in.append(data, frame);
        if (state == State.PAUSED && in.size() > MAX_WHILE_PAUSED) {
            stop(frame, "more than " + MAX_WHILE_PAUSED + " bytes sent before the CONNECT was answered");
            return;
        }
        run(frame);
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
        int lf = in.indexOf((byte) '\n', 0);
        if (lf < 0) {
            if (in.size() > limit) {
                stop(frame, "no end of line within " + limit + " bytes");
            }
            return null;
        }
        int end = lf > 0 && in.u8(lf - 1) == '\r' ? lf - 1 : lf;
        String line = new String(in.copy(0, end), StandardCharsets.ISO_8859_1);
        take(lf + 1);
        headerBytes += lf + 1;
        return line;
    }

    /** Consumes {@code n} bytes of the current message, noting the frames they came in. */
    private void take(int n) {
        if (n > 0) {
            for (int f : in.frames(n)) {
                if (frames.isEmpty() || frames.get(frames.size() - 1) != f) {
                    frames.add(f);
                }
            }
        }
        in.consume(n);
    }

    private boolean startLine(int frame) {
        headerBytes = 0;
        frames.clear();
        String line = line(frame, MAX_HEADER_SECTION);
        if (line == null) {
            return false;
        }
        if (line.isEmpty()) {
            frames.clear();
            return true;
        }
        String[] parts = line.split(" ", 3);
        response = parts[0].startsWith("HTTP/");
        if (response ? !validStatusLine(parts) : !validRequestLine(parts)) {
            stop(frame, "not an HTTP/1.x " + (response ? "status" : "request") + " line: "
                    + (line.length() > 80 ? line.substring(0, 80) + "..." : line));
            return false;
        }
        startLine = parts;
        headers.clear();
        state = State.HEADERS;
        return true;
    }

    /** RFC 9112 §3: method SP request-target SP HTTP-version. */
    private static boolean validRequestLine(String[] parts) {
        return parts.length == 3 && !parts[0].isEmpty() && parts[0].chars().allMatch(HttpParser::tchar)
                && !parts[1].isEmpty() && !parts[1].contains(" ") && parts[2].startsWith("HTTP/");
    }

    /** RFC 9112 §4: HTTP-version SP 3DIGIT SP [reason-phrase] (a missing SP before an empty reason is common). */
    private static boolean validStatusLine(String[] parts) {
        return parts.length >= 2 && parts[1].length() == 3 && parts[1].chars().allMatch(Character::isDigit)
                && parts[1].charAt(0) != '0';
    }

    private static boolean tchar(int c) {
        return c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    private boolean headerLine(int frame) {
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
        if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
            HttpHeader last = headers.remove(headers.size() - 1);
            headers.add(new HttpHeader(last.name(), (last.value() + " " + line.strip()).strip()));
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
        headers.add(new HttpHeader(name.strip(), line.substring(colon + 1).strip()));
        return true;
    }

    /** RFC 9112 §6.3: which of the framing rules applies. */
    private void headersDone(int frame) {
        bodyLength = 0;
        String te = values("Transfer-Encoding");
        String cl = values("Content-Length");
        if (response) {
            int code = Integer.parseInt(startLine[1]);
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
        return String.join(",", headers.stream().filter(h -> h.name().equalsIgnoreCase(name))
                .map(HttpHeader::value).toList());
    }

    /** RFC 9110 §8.6: 1*DIGIT; a list of identical values is allowed. -1 (and the stream stops) otherwise. */
    private long contentLength(String value, int frame) {
        long length = -1;
        for (String part : value.split(",")) {
            String digits = part.strip();
            if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)
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
        int at = framing == HttpBodyFraming.UNTIL_CLOSE || frames.isEmpty() ? frame : frames.get(frames.size() - 1);
        HttpMessage message;
        if (response) {
            message = new HttpResponse(startLine[0], Integer.parseInt(startLine[1]),
                    startLine.length > 2 ? startLine[2] : "", headers, bodyLength, framing, frames);
        } else {
            message = new HttpRequest(startLine[0], startLine[1], startLine[2], headers, bodyLength, framing, frames);
        }
        state = State.START;
        headers.clear();
        frames.clear();
        events.message(direction, message, at);
    }

    private void stop(int frame, String why) {
        events.anomaly(frame, "HTTP " + who() + ": " + why + "; the rest of this direction is not dissected");
        state = State.STOPPED;
        in.clear();
    }
}
