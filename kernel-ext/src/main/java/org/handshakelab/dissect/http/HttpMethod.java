package org.handshakelab.dissect.http;

import java.util.Optional;

/**
 * Request methods a capture is likely to show; the content-based detector recognises HTTP by them
 * (a method token followed by a space), as Wireshark's heuristics do.
 */
public enum HttpMethod {
    GET("RFC 9110 §9.3.1"),
    HEAD("RFC 9110 §9.3.2"),
    POST("RFC 9110 §9.3.3"),
    PUT("RFC 9110 §9.3.4"),
    DELETE("RFC 9110 §9.3.5"),
    CONNECT("RFC 9110 §9.3.6"),
    OPTIONS("RFC 9110 §9.3.7"),
    TRACE("RFC 9110 §9.3.8"),
    PATCH("RFC 5789 §2"),
    PROPFIND("RFC 4918 §9.1"),
    PROPPATCH("RFC 4918 §9.2"),
    MKCOL("RFC 4918 §9.3"),
    COPY("RFC 4918 §9.8"),
    MOVE("RFC 4918 §9.9"),
    LOCK("RFC 4918 §9.10"),
    UNLOCK("RFC 4918 §9.11"),
    PRI("RFC 9113 §3.4");

    private final String rfc;

    HttpMethod(String rfc) {
        this.rfc = rfc;
    }

    /** The method token, e.g. "GET" (methods are case-sensitive, RFC 9110 §9.1). */
    public String token() {
        return name();
    }

    /** Where the method is defined. */
    public String rfc() {
        return rfc;
    }

    /** By token: of() runs per request, and values() copies the array per call. */
    private static final java.util.Map<String, HttpMethod> BY_TOKEN = byToken();

    private static java.util.Map<String, HttpMethod> byToken() {
        java.util.Map<String, HttpMethod> table = new java.util.HashMap<>();
        for (HttpMethod m : values()) {
            table.put(m.name(), m);
        }
        return table;
    }

    /** The method with this exact token, if listed here. */
    public static Optional<HttpMethod> of(String token) {
        return Optional.ofNullable(BY_TOKEN.get(token));
    }
}
