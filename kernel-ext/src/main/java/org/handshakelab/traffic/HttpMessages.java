package org.handshakelab.traffic;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The exact bytes of the lab's HTTP/1.1 messages (RFC 9112), and the little parsing the server and client need.
 * Requests and responses are ASCII; lines end with CRLF; bodies are framed by {@code Content-Length}.
 */
final class HttpMessages {

    /** The longest request or response head accepted: more is not one of ours. */
    static final int MAX_HEAD = 8192;

    /** The longest body accepted. */
    static final int MAX_BODY = 65536;

    private HttpMessages() {
    }

    /** A GET request as the lab's client sends it. */
    static String request(String path, int serverPort, boolean close) {
        return "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + Loopback.hostPort(serverPort) + "\r\n"
                + "User-Agent: " + HttpExchange.USER_AGENT + "\r\n"
                + "Accept: text/plain\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "\r\n";
    }

    /** The body the server sends for {@code path}. */
    static String body(String path) {
        return "Hello from Handshake Lab: " + path + "\n";
    }

    /** A response: status line, headers with Content-Length, body. */
    static String response(int status, String reason, String body, boolean close) {
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        return "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + length + "\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "\r\n"
                + body;
    }

    /**
     * Reads a message head up to and including the empty line; null when the stream ends before its first byte
     * (the peer closed between messages).
     *
     * @throws IOException when the stream ends inside the head or the head exceeds {@link #MAX_HEAD}
     */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int matched = 0; // how much of CR LF CR LF we have seen
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new EOFException("stream ended inside a message head after " + head.size() + " bytes");
            }
            head.write(b);
            if (head.size() > MAX_HEAD) {
                throw new IOException("message head longer than " + MAX_HEAD + " bytes");
            }
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** The value of header {@code name} in {@code head}, or null; names compare case-insensitively. */
    static String header(String head, String name) {
        String wanted = name.toLowerCase(Locale.ROOT) + ":";
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(wanted)) {
                return line.substring(wanted.length()).strip();
            }
        }
        return null;
    }

    /** The first line of a head. */
    static String firstLine(String head) {
        int end = head.indexOf("\r\n");
        return end < 0 ? head : head.substring(0, end);
    }

    /** Whether the head asks to close the connection after this message. */
    static boolean wantsClose(String head) {
        String connection = header(head, "Connection");
        return connection != null && connection.toLowerCase(Locale.ROOT).contains("close")
                || firstLine(head).endsWith("HTTP/1.0");
    }

    /** Reads the body announced by Content-Length (none without it); bounded by {@link #MAX_BODY}. */
    static String readBody(InputStream in, String head) throws IOException {
        String value = header(head, "Content-Length");
        if (value == null) {
            return "";
        }
        int length;
        try {
            length = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IOException("Content-Length is not a number: " + value);
        }
        if (length < 0 || length > MAX_BODY) {
            throw new IOException("Content-Length must be 0.." + MAX_BODY + ": " + length);
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("stream ended after " + body.length + " of " + length + " body bytes");
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
