package org.handshakelab.dissect;

/**
 * The application-layer columns of the packet table, named exactly as Wireshark names the fields,
 * so a student can check every value in Wireshark ({@code tshark -T fields -e <name>}).
 */
public enum Field {
    TLS_RECORD_CONTENT_TYPE("tls.record.content_type"),
    TLS_HANDSHAKE_TYPE("tls.handshake.type"),
    SSH_PROTOCOL("ssh.protocol"),
    SSH_MESSAGE_CODE("ssh.message_code"),
    HTTP_REQUEST_METHOD("http.request.method"),
    HTTP_REQUEST_URI("http.request.uri"),
    HTTP_RESPONSE_CODE("http.response.code");

    private final String wiresharkName;

    Field(String wiresharkName) {
        this.wiresharkName = wiresharkName;
    }

    /** The Wireshark display-filter field name, e.g. {@code tls.handshake.type}. */
    public String wiresharkName() {
        return wiresharkName;
    }
}
