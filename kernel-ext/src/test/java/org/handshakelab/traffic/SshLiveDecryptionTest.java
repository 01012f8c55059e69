package org.handshakelab.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The decisive check that the key log is honest: tshark captures the real session on loopback and, given only the
 * key log, decrypts every message after SSH_MSG_NEWKEYS (Wireshark 4.0's SSH dissector does the whole derivation
 * itself: shared secret from the logged private key and the peer's public key on the wire, exchange hash, keys).
 */
@Tag("live")
class SshLiveDecryptionTest {

    /** Message codes only ever visible in clear: KEXINIT, NEWKEYS, KEX_ECDH_INIT, KEX_ECDH_REPLY (RFC 4253, 5656). */
    private static final Set<Integer> CLEAR = Set.of(20, 21, 30, 31);

    /**
     * Message codes of the encrypted part (RFC 4253 §10-11, RFC 4252, RFC 4254): service request/accept, userauth
     * request/success, channel open/confirmation, channel request (exec, exit-status), data, EOF, close, disconnect.
     */
    private static final Set<Integer> AFTER_NEWKEYS = Set.of(5, 6, 50, 52, 90, 91, 98, 94, 96, 97, 1);

    private static final String[] FIELDS = {"frame.number", "tcp.srcport", "ssh.message_code", "ssh.mac.status",
        "ssh.userauth_password", "ssh.exit_status", "ssh.cookie"};

    @TempDir
    Path dir;

    @BeforeEach
    void needsTsharkAndRoot() {
        assumeTrue(SshTshark.available(), "tshark not installed: apt-get install tshark");
        assumeTrue(SshTshark.root(), "live capture on lo needs root (or CAP_NET_RAW for dumpcap); run as root");
    }

    @ParameterizedTest
    @EnumSource(SshCipher.class)
    void keyLogLetsTsharkDecryptEveryMessageAfterNewKeys(SshCipher cipher) throws IOException {
        SshOptions options = SshOptions.builder().password("pw-" + cipher.name()).cipher(cipher).build();
        Session s = capture(options);
        Path keys = s.exchange.keyLog().write(dir.resolve("ssh.keys"));

        List<Row> plain = rows(s, null);
        List<Row> decrypted = rows(s, keys);

        // Without keys: the handshake is readable, the rest is not. Wireshark 4.0 shows chacha20-poly1305 packets
        // as opaque; for AES-GCM, whose length field is in clear, it reads the first ciphertext byte as a "message
        // code". Either way no tag verifies and no field of the encrypted messages appears.
        assertTrue(codes(handshake(plain)).containsAll(CLEAR), "handshake without keys: " + plain);
        assertFalse(afterNewKeys(plain).isEmpty(), "encrypted frames are present");
        assertTrue(plain.stream().flatMap(r -> r.macStatus.stream()).noneMatch("1"::equals), "no tag verifies");
        assertTrue(plain.stream().allMatch(r -> r.password.isEmpty() && r.exitStatus.isEmpty()), "nothing leaks");
        assertFalse(encryptedCodes(plain).equals(encryptedCodes(decrypted)));

        // With the key log: every packet after NEWKEYS decrypts and its tag verifies (ssh.mac.status 1 = Good).
        assertTrue(encryptedCodes(decrypted).containsAll(AFTER_NEWKEYS), "decrypted: " + decrypted);
        assertTrue(afterNewKeys(decrypted).stream().allMatch(r -> !r.macStatus.isEmpty()), "decrypted: " + decrypted);
        assertTrue(decrypted.stream().flatMap(r -> r.macStatus.stream()).allMatch("1"::equals), "tags: " + decrypted);
        assertEquals(CLEAR, Set.copyOf(clearCodes(decrypted)), "decrypted: " + decrypted);
        assertEquals(List.of(options.password()), decrypted.stream().map(r -> r.password).filter(p -> !p.isEmpty())
                .collect(Collectors.toList()), "the password inside the encrypted userauth request");
        assertEquals(List.of(0L), decrypted.stream().flatMap(r -> r.exitStatus.stream()).collect(Collectors.toList()));
    }

    @ParameterizedTest
    @EnumSource(SshKeyLog.Role.class)
    void eitherEndpointsLineAloneIsEnough(SshKeyLog.Role role) throws IOException {
        Session s = capture(SshOptions.defaults());
        SshKeyLog only = s.exchange.keyLog().only(role);
        Path keys = only.write(dir.resolve(role + ".keys"));

        List<Row> decrypted = rows(s, keys);

        assertEquals(1, only.entries().size());
        assertTrue(codes(decrypted).containsAll(AFTER_NEWKEYS), role + " line: " + codes(decrypted));
        int port = role == SshKeyLog.Role.CLIENT ? s.exchange.clientPort() : s.exchange.serverPort();
        List<String> wireCookies = decrypted.stream().filter(r -> r.srcPort == port && r.codes.contains(20))
                .map(r -> r.cookie).collect(Collectors.toList());
        assertEquals(List.of(only.entries().get(0).cookieHex()), wireCookies,
                "the logged cookie is the one in the " + role + "'s KEXINIT on the wire");
    }

    @Test
    void strictKexHidesTheSessionFromWireshark40() throws IOException {
        assumeTrue(SshTshark.version().contains(" 4.0."), "only Wireshark 4.0 is known to lack strict KEX: "
                + SshTshark.version());
        Session s = capture(SshOptions.builder().strictKex(true).build());
        Path keys = s.exchange.keyLog().write(dir.resolve("strict.keys"));

        Set<Integer> codes = codes(rows(s, keys));

        assertEquals("hello\n", s.exchange.output());
        assertFalse(codes.stream().anyMatch(AFTER_NEWKEYS::contains),
                "Wireshark 4.0 keeps counting sequence numbers across NEWKEYS, so it cannot decrypt: " + codes);
    }

    private Session capture(SshOptions options) throws IOException {
        try (SshLabServer server = SshLabServer.start(options)) {
            Path pcap = dir.resolve("ssh-" + server.port() + ".pcapng");
            try (SshTshark tshark = SshTshark.capture(server.port(), pcap)) {
                SshExchange exchange = SshExchange.run(server, options);
                tshark.stop();
                assertEquals("hello\n", exchange.output());
                return new Session(exchange, pcap);
            }
        }
    }

    private static List<Row> rows(Session s, Path keyLog) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : SshTshark.fields(s.pcap, s.exchange.serverPort(), keyLog, FIELDS)) {
            rows.add(Row.parse(line));
        }
        assertFalse(rows.isEmpty(), "tshark saw no SSH frames in " + s.pcap);
        return rows;
    }

    /** Frames up to and including the last one carrying SSH_MSG_NEWKEYS. */
    private static List<Row> handshake(List<Row> rows) {
        int last = lastNewKeys(rows);
        return rows.stream().filter(r -> r.frame <= last).collect(Collectors.toList());
    }

    /** Frames after the last one carrying SSH_MSG_NEWKEYS: only encrypted packets. */
    private static List<Row> afterNewKeys(List<Row> rows) {
        int last = lastNewKeys(rows);
        return rows.stream().filter(r -> r.frame > last).collect(Collectors.toList());
    }

    private static int lastNewKeys(List<Row> rows) {
        return rows.stream().filter(r -> r.codes.contains(21)).mapToInt(r -> r.frame).max()
                .orElseThrow(() -> new AssertionError("no SSH_MSG_NEWKEYS in " + rows));
    }

    /**
     * Codes of the packets Wireshark treated as encrypted, in order. Those are the ones with an {@code ssh.mac.status}
     * (after decryption) and, in a frame that also carries clear packets, they come last: SSH_MSG_NEWKEYS is the
     * last clear packet of each direction (RFC 4253 §7.3), e.g. the server's NEWKEYS and its encrypted
     * SSH_MSG_EXT_INFO share a segment.
     */
    private static List<Integer> encryptedCodes(List<Row> rows) {
        List<Integer> codes = new ArrayList<>();
        int last = lastNewKeys(rows);
        for (Row r : rows) {
            int encrypted = r.frame > last ? r.codes.size() : Math.min(r.macStatus.size(), r.codes.size());
            codes.addAll(r.codes.subList(r.codes.size() - encrypted, r.codes.size()));
        }
        return codes;
    }

    /** Codes of the packets in clear: all codes of the handshake frames minus their encrypted tails. */
    private static List<Integer> clearCodes(List<Row> rows) {
        List<Integer> codes = new ArrayList<>();
        for (Row r : handshake(rows)) {
            codes.addAll(r.codes.subList(0, r.codes.size() - Math.min(r.macStatus.size(), r.codes.size())));
        }
        return codes;
    }

    private static Set<Integer> codes(List<Row> rows) {
        return rows.stream().flatMap(r -> r.codes.stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static final class Session {
        final SshExchange exchange;
        final Path pcap;

        Session(SshExchange exchange, Path pcap) {
            this.exchange = exchange;
            this.pcap = pcap;
        }
    }

    /** One line of {@code tshark -T fields} with {@link #FIELDS}, separator '|', occurrences joined by ','. */
    private static final class Row {
        int frame;
        int srcPort;
        List<Integer> codes;
        List<String> macStatus;
        String password;
        List<Long> exitStatus;
        String cookie;

        static Row parse(String line) {
            String[] f = Arrays.copyOf(line.split("\\|", -1), FIELDS.length);
            Row r = new Row();
            r.frame = Integer.parseInt(f[0]);
            r.srcPort = Integer.parseInt(f[1]);
            r.codes = list(f[2]).stream().map(Integer::valueOf).collect(Collectors.toList());
            r.macStatus = list(f[3]);
            r.password = f[4] == null ? "" : f[4];
            r.exitStatus = list(f[5]).stream().map(Long::decode).collect(Collectors.toList());
            r.cookie = f[6] == null ? "" : f[6];
            return r;
        }

        private static List<String> list(String field) {
            return field == null || field.isEmpty() ? List.of() : List.of(field.split(","));
        }

        @Override
        public String toString() {
            return frame + ":" + codes + " mac=" + macStatus;
        }
    }
}
