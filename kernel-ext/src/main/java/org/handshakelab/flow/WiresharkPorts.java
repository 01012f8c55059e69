package org.handshakelab.flow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Which TCP ports make Wireshark hand a stream to a dissector other than HTTP, TLS or SSH before it ever
 * looks at the payload. Wireshark tries the server's port (from the SYN), then the lower port, then the
 * higher one in its "tcp.port" table, and only then its heuristics (which is how it finds HTTP on the lab's
 * random server ports). So an HTTP exchange whose client happened to get ephemeral port 34980 (EtherCAT) or
 * 44818 (EtherNet/IP) is shown as that protocol, without a single HTTP field; the lab shows the same.
 */
final class WiresharkPorts {

    private static final byte NONE = 0;
    private static final byte OTHER = 1;
    private static final byte LAB = 2;
    private static final byte[] TABLE = load();

    private WiresharkPorts() {
    }

    /**
     * Whether Wireshark gives the stream between {@code serverPort} and {@code clientPort} to a dissector
     * that takes any payload and is none of the lab's (so Wireshark shows no HTTP, TLS or SSH field in it).
     */
    static boolean takenByOtherDissector(int serverPort, int clientPort) {
        int low = Math.min(serverPort, clientPort);
        int high = Math.max(serverPort, clientPort);
        for (int port : new int[] {serverPort, low, high}) {
            // Wireshark ignores port 0 (some dissectors register it to mean "no port")
            if (port > 0 && port <= 0xFFFF && TABLE[port] != NONE) {
                return TABLE[port] == OTHER;
            }
        }
        return false;
    }

    private static byte[] load() {
        byte[] table = new byte[0x10000];
        try (InputStream in = WiresharkPorts.class.getResourceAsStream("wireshark-tcp-ports.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource wireshark-tcp-ports.txt missing next to "
                        + WiresharkPorts.class.getName());
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int space = line.indexOf(' ');
                int port = Integer.parseInt(line.substring(0, space));
                String name = line.substring(space + 1).trim();
                boolean lab = name.equals("http") || name.equals("tls") || name.equals("ssh");
                table[port] = lab ? LAB : OTHER;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }
}
