package org.handshakelab.dissect.ssh;

/**
 * The identification string (RFC 4253 §4.2): {@code SSH-protoversion-softwareversion SP comments}.
 *
 * @param line the line without CR LF ({@code ssh.protocol})
 */
public record SshBanner(String line) implements SshMessage {

    /** Checks that it is an identification string. */
    public SshBanner {
        if (line == null || !line.startsWith("SSH-")) {
            throw new IllegalArgumentException("line must start with \"SSH-\": " + line);
        }
    }

    /** The protocol version, e.g. "2.0" (or "1.99" for a server that also speaks SSH-1). */
    public String protocolVersion() {
        String rest = line.substring(4);
        int dash = rest.indexOf('-');
        return dash < 0 ? rest : rest.substring(0, dash);
    }

    /** The software version, e.g. "OpenSSH_9.2p1". */
    public String softwareVersion() {
        String rest = line.substring(4);
        int dash = rest.indexOf('-');
        if (dash < 0) {
            return "";
        }
        String software = rest.substring(dash + 1);
        int space = software.indexOf(' ');
        return space < 0 ? software : software.substring(0, space);
    }

    /** The comments after the software version, e.g. "Debian-2+deb12u3", or "". */
    public String comments() {
        int space = line.indexOf(' ');
        return space < 0 ? "" : line.substring(space + 1);
    }
}
