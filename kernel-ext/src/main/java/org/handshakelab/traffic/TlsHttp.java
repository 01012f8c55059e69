package org.handshakelab.traffic;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one HTTP/1.1 exchange carried inside the lab's TLS sessions (RFC 9112): just enough to know when a
 * request or a response is complete. The lab's HTTP dissection lives elsewhere; this only frames.
 */
final class TlsHttp {

    private static final String CRLF = "\r\n";
    private static final int MAX_HEAD = 64 * 1024;

    private TlsHttp() {
    }

    /** {@code GET <path> HTTP/1.1} with the Host header a browser sends for a non-default port. */
    static byte[] request(String serverName, int port, String path) {
        String host = serverName.contains(":") ? "[" + serverName + "]" : serverName;
        return ascii("GET " + path + " HTTP/1.1" + CRLF
                + "Host: " + host + ":" + port + CRLF
                + "User-Agent: handshake-lab" + CRLF
                + "Accept: */*" + CRLF + CRLF);
    }

    /** {@code 200 OK} with the body and its Content-Length. */
    static byte[] response(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = ascii("HTTP/1.1 200 OK" + CRLF
                + "Content-Type: text/plain; charset=utf-8" + CRLF
                + "Content-Length: " + bytes.length + CRLF + CRLF);
        byte[] all = new byte[head.length + bytes.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bytes, 0, all, head.length, bytes.length);
        return all;
    }

    /** A GET has no body: complete at the blank line. */
    static boolean isCompleteRequest(byte[] data) {
        return headEnd(data) >= 0 || tooLong(data);
    }

    /** Complete when the head has ended and Content-Length bytes of body followed. */
    static boolean isCompleteResponse(byte[] data) {
        int end = headEnd(data);
        if (end < 0) {
            return tooLong(data);
        }
        long length = contentLength(new String(data, 0, end, StandardCharsets.ISO_8859_1));
        return data.length - end >= length;
    }

    private static boolean tooLong(byte[] data) {
        if (data.length > MAX_HEAD) {
            throw new IllegalStateException("HTTP head longer than " + MAX_HEAD + " bytes");
        }
        return false;
    }

    /** Index just past the blank line ending the head, or -1. */
    private static int headEnd(byte[] data) {
        for (int i = 3; i < data.length; i++) {
            if (data[i - 3] == '\r' && data[i - 2] == '\n' && data[i - 1] == '\r' && data[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static long contentLength(String head) {
        for (String line : head.split(CRLF)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                try {
                    return Long.parseLong(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("bad Content-Length: " + line);
                }
            }
        }
        return 0;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
