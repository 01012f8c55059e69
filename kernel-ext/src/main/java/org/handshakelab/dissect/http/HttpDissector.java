package org.handshakelab.dissect.http;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Function;
import org.handshakelab.dissect.DissectionSink;
import org.handshakelab.dissect.Field;
import org.handshakelab.dissect.StreamDissector;

/**
 * HTTP/1.x over one TCP connection (RFC 9112): requests from the client, responses from the server,
 * pipelined or one by one, each reported on the frame that completes it, headers and body, as Wireshark 4.0
 * does with its default reassembly ({@code http.desegment_headers} and {@code http.desegment_body}):
 * {@code http.request.method} and {@code http.request.uri} for a request, {@code http.response.code} for a
 * response. A body that runs until the server closes completes on the frame that ends the direction.
 *
 * <p>Responses are paired with requests in order, so a response to HEAD has no body (RFC 9112 §6.3).
 * After a 2xx answer to CONNECT or a 101 (Switching Protocols) the connection is a tunnel; its bytes go to
 * the dissector made by the tunnel factory (for example TLS inside an HTTP proxy tunnel), or are ignored.
 */
public final class HttpDissector implements StreamDissector {

    private final DissectionSink sink;
    private final Function<DissectionSink, StreamDissector> tunnelFactory;
    private final HttpParser[] parsers = new HttpParser[2];
    private final Deque<String> pendingMethods = new ArrayDeque<>();
    private StreamDissector tunnel;
    private boolean tunnelled;

    private HttpDissector(DissectionSink sink, Function<DissectionSink, StreamDissector> tunnelFactory) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.tunnelFactory = tunnelFactory;
        HttpParser.Events events = new Events();
        boolean lean = !sink.keepsMessages();
        parsers[0] = new HttpParser(0, events, lean);
        parsers[1] = new HttpParser(1, events, lean);
    }

    /** A dissector for one connection; tunnelled bytes are ignored. */
    public static HttpDissector create(DissectionSink sink) {
        return new HttpDissector(sink, null);
    }

    /** A dissector for one connection whose tunnelled bytes (after CONNECT or an upgrade) go to a new dissector. */
    public static HttpDissector create(DissectionSink sink, Function<DissectionSink, StreamDissector> tunnelFactory) {
        return new HttpDissector(sink, Objects.requireNonNull(tunnelFactory, "tunnelFactory"));
    }

    @Override
    public void accept(int direction, ByteBuffer data, int frame) {
        check(direction);
        if (tunnelled) {
            if (tunnel != null) {
                tunnel.accept(direction, data, frame);
            }
            return;
        }
        parsers[direction].accept(data, frame);
    }

    @Override
    public void end(int direction, int frame) {
        check(direction);
        if (tunnelled) {
            if (tunnel != null) {
                tunnel.end(direction, frame);
            }
            return;
        }
        parsers[direction].end(frame);
    }

    private static void check(int direction) {
        if (direction != 0 && direction != 1) {
            throw new IllegalArgumentException("direction must be 0 or 1: " + direction);
        }
    }

    /** Status codes as text, made once: one per response otherwise. */
    private static final String[] CODES = new String[1000];

    static {
        for (int c = 100; c < CODES.length; c++) {
            CODES[c] = Integer.toString(c);
        }
    }

    private static String code(int code) {
        return code >= 100 && code < CODES.length ? CODES[code] : Integer.toString(code);
    }

    private final class Events implements HttpParser.Events {

        /** A lean parser's messages carry no header fields: they stay here. */
        private final boolean keepsMessages = sink.keepsMessages();

        @Override
        public String pendingMethod() {
            String method = pendingMethods.peekFirst();
            return method == null ? "" : method;
        }

        @Override
        public void message(int direction, HttpMessage message, int frame) {
            if (keepsMessages) {
                sink.message(frame, direction, message);
            }
            if (message instanceof HttpRequest request) {
                sink.field(frame, Field.HTTP_REQUEST_METHOD, request.method());
                sink.field(frame, Field.HTTP_REQUEST_URI, request.uri());
                sink.phase(frame, "HTTP request");
                pendingMethods.addLast(request.method());
                if (request.method().equals("CONNECT")) {
                    parsers[direction].pause();
                }
            } else if (message instanceof HttpResponse response) {
                sink.field(frame, Field.HTTP_RESPONSE_CODE, code(response.code()));
                sink.phase(frame, "HTTP response");
                boolean interim = response.code() < 200 && response.code() != 101;
                String method = interim ? pendingMethod() : pendingMethods.pollFirst();
                boolean connected = "CONNECT".equals(method) && response.code() < 300 && !interim;
                if (connected || response.code() == 101) {
                    startTunnel(frame);
                } else if (parsers[0].paused()) {
                    parsers[0].resume();
                    parsers[0].run(frame);
                }
            }
        }

        @Override
        public void anomaly(int frame, String message) {
            sink.anomaly(frame, message);
        }

        @Override
        public void afterDrain(int direction, ByteBuffer rest, int frame) {
            if (tunnel != null) {
                tunnel.accept(direction, rest.asReadOnlyBuffer(), frame);
            }
        }
    }

    /** The bytes after the response, and what the client sent while waiting, now belong to the tunnel. */
    private void startTunnel(int frame) {
        tunnelled = true;
        sink.phase(frame, "HTTP tunnel");
        byte[] fromClient = parsers[0].drain();
        byte[] fromServer = parsers[1].drain();
        if (tunnelFactory == null) {
            return;
        }
        tunnel = tunnelFactory.apply(sink);
        if (fromClient.length > 0) {
            tunnel.accept(0, ByteBuffer.wrap(fromClient).asReadOnlyBuffer(), frame);
        }
        if (fromServer.length > 0) {
            tunnel.accept(1, ByteBuffer.wrap(fromServer).asReadOnlyBuffer(), frame);
        }
    }
}
