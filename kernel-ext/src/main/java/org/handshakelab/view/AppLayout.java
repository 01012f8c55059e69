package org.handshakelab.view;

import java.util.List;
import java.util.Locale;
import org.handshakelab.dissect.ssh.SshMessageCode;
import org.handshakelab.dissect.tls.TlsCipherSuite;
import org.handshakelab.dissect.tls.TlsContentType;
import org.handshakelab.dissect.tls.TlsExtensionType;
import org.handshakelab.dissect.tls.TlsHandshakeType;
import org.handshakelab.dissect.tls.TlsNamedGroup;
import org.handshakelab.dissect.tls.TlsVersion;

/**
 * The application lines of a packet's dissection tree with their byte ranges, for what lies in this one
 * segment: TLS records (RFC 8446 §5.1) and the ClientHello/ServerHello fields (§4.1.2, §4.1.3) with their
 * extensions (server_name: RFC 6066 §3); SSH identification lines (RFC 4253 §4.2), binary packets (§6) and
 * KEXINIT (§7.1); HTTP/1.x start lines and header fields (RFC 9112 §3, §4, §5). A message that continues
 * in another segment is shown as far as this one goes; the dissectors' own reading of the whole stream is
 * listed apart.
 */
final class AppLayout {

    private final Bytes b;
    private final int end;

    private AppLayout(Bytes b, int end) {
        this.b = b;
        this.end = end;
    }

    /** Adds the TLS records in {@code [at, at+length)} to {@code parent}'s list, as a "Transport Layer Security" node. */
    static TreeBuilder tls(Bytes b, int at, int length) {
        AppLayout a = new AppLayout(b, at + length);
        TreeBuilder n = new TreeBuilder("Transport Layer Security", "tls", at, length);
        int i = at;
        while (i < a.end) {
            int type = b.u8(i);
            int major = b.u8(i + 1);
            if (type < 20 || type > 24 || major != 3 || !b.has(i, 5)) {
                n.add("TLS segment data (" + (a.end - i) + " bytes): part of a record that began earlier", "", i,
                        a.end - i);
                break;
            }
            i = a.record(n, i);
        }
        return n;
    }

    private int record(TreeBuilder parent, int at) {
        int type = b.u8(at);
        int version = b.u16(at + 1);
        int length = b.u16(at + 3);
        int available = Math.min(length, end - (at + 5));
        String name = TlsContentType.nameOf(type);
        TreeBuilder r = parent.add(TlsVersion.nameOf(version) + " Record Layer: " + name + " Protocol"
                + (available < length ? " (continues in a later segment)" : ""), "tls.record", at, 5 + available);
        r.add("Content Type: " + name + " (" + type + ")", "tls.record.content_type", at, 1);
        r.add(String.format("Version: %s (0x%04x)", TlsVersion.nameOf(version), version), "tls.record.version", at + 1, 2);
        r.add("Length: " + length, "tls.record.length", at + 3, 2);
        int body = at + 5;
        if (type == 22 && available >= 4 && handshakeReadable(body)) {
            int i = body;
            while (i + 4 <= body + available) {
                i = handshake(r, i, body + available);
            }
        } else if (type == 21 && available == 2) {
            r.add("Alert Level: " + b.u8(body), "tls.alert_message.level", body, 1);
            r.add("Alert Description: " + b.u8(body + 1), "tls.alert_message.desc", body + 1, 1);
        } else if (type == 20) {
            r.add("Change Cipher Spec Message", "tls.change_cipher_spec", body, available);
        } else if (available > 0) {
            r.add((type == 23 ? "Encrypted Application Data: " : type == 22 ? "Encrypted handshake message: " : "Data: ")
                    + b.hexShort(body, available, 16), type == 23 ? "tls.app_data" : "", body, available);
        }
        return body + available;
    }

    /** A plaintext handshake header: a known type and a length that fits a record. */
    private boolean handshakeReadable(int at) {
        return TlsHandshakeType.of(b.u8(at)).isPresent() && b.u24(at + 1) < 0x10000;
    }

    private int handshake(TreeBuilder parent, int at, int limit) {
        int type = b.u8(at);
        int length = b.u24(at + 1);
        int available = Math.min(length, limit - (at + 4));
        String name = TlsHandshakeType.nameOf(type);
        TreeBuilder h = parent.add("Handshake Protocol: " + name, "tls.handshake", at, 4 + available);
        h.add("Handshake Type: " + name + " (" + type + ")", "tls.handshake.type", at, 1);
        h.add("Length: " + length, "tls.handshake.length", at + 1, 3);
        int body = at + 4;
        int stop = body + available;
        if (type == 1 || type == 2) {
            hello(h, body, stop, type == 1);
        } else if (available > 0) {
            h.add("Body: " + b.hexShort(body, available, 16), "", body, available);
        }
        return stop;
    }

    private void hello(TreeBuilder h, int at, int stop, boolean client) {
        int version = b.u16(at);
        h.add(String.format("Version: %s (0x%04x)", TlsVersion.nameOf(version), version), "tls.handshake.version", at, 2);
        h.add("Random: " + b.hex(at + 2, 32), "tls.handshake.random", at + 2, 32);
        int i = at + 34;
        int sid = b.u8(i);
        h.add("Session ID Length: " + sid, "tls.handshake.session_id_length", i, 1);
        if (sid > 0) {
            h.add("Session ID: " + b.hex(i + 1, sid), "tls.handshake.session_id", i + 1, sid);
        }
        i += 1 + sid;
        if (client) {
            int len = b.u16(i);
            h.add("Cipher Suites Length: " + len, "tls.handshake.cipher_suites_length", i, 2);
            TreeBuilder cs = h.add("Cipher Suites (" + len / 2 + " suites)", "tls.handshake.ciphersuites", i + 2, len);
            for (int c = i + 2; c + 2 <= i + 2 + len && c + 2 <= stop; c += 2) {
                cs.add(String.format("Cipher Suite: %s (0x%04x)", TlsCipherSuite.nameOf(b.u16(c)), b.u16(c)),
                        "tls.handshake.ciphersuite", c, 2);
            }
            i += 2 + len;
            int comp = b.u8(i);
            h.add("Compression Methods Length: " + comp, "tls.handshake.comp_methods_length", i, 1);
            h.add("Compression Methods (" + comp + ")", "tls.handshake.comp_methods", i + 1, comp);
            i += 1 + comp;
        } else {
            h.add(String.format("Cipher Suite: %s (0x%04x)", TlsCipherSuite.nameOf(b.u16(i)), b.u16(i)),
                    "tls.handshake.ciphersuite", i, 2);
            h.add("Compression Method: " + b.u8(i + 2), "tls.handshake.comp_method", i + 2, 1);
            i += 3;
        }
        if (i + 2 > stop) {
            return;
        }
        int total = b.u16(i);
        h.add("Extensions Length: " + total, "tls.handshake.extensions_length", i, 2);
        i += 2;
        int extEnd = Math.min(stop, i + total);
        while (i + 4 <= extEnd) {
            int type = b.u16(i);
            int len = b.u16(i + 2);
            int n = Math.min(len, extEnd - (i + 4));
            TreeBuilder e = h.add("Extension: " + TlsExtensionType.nameOf(type) + " (len=" + len + ")",
                    "tls.handshake.extension", i, 4 + n);
            e.add("Type: " + TlsExtensionType.nameOf(type) + " (" + type + ")", "tls.handshake.extension.type", i, 2);
            e.add("Length: " + len, "tls.handshake.extension.len", i + 2, 2);
            extension(e, type, i + 4, n, client);
            i += 4 + n;
        }
    }

    private void extension(TreeBuilder e, int type, int at, int len, boolean client) {
        if (type == 0 && len >= 5) {
            TreeBuilder sni = e.add("Server Name Indication extension", "tls.handshake.extensions_server_name_list",
                    at, len);
            sni.add("Server Name list length: " + b.u16(at), "tls.handshake.extensions_server_name_list_len", at, 2);
            sni.add("Server Name Type: host_name (" + b.u8(at + 2) + ")", "tls.handshake.extensions_server_name_type",
                    at + 2, 1);
            int n = b.u16(at + 3);
            sni.add("Server Name length: " + n, "tls.handshake.extensions_server_name_len", at + 3, 2);
            sni.add("Server Name: " + b.ascii(at + 5, n), "tls.handshake.extensions_server_name", at + 5,
                    Math.min(n, len - 5));
        } else if (type == 43) {
            if (client) {
                for (int i = at + 1; i + 2 <= at + len; i += 2) {
                    e.add(String.format("Supported Version: %s (0x%04x)", TlsVersion.nameOf(b.u16(i)), b.u16(i)),
                            "tls.handshake.extensions.supported_version", i, 2);
                }
            } else if (len == 2) {
                e.add(String.format("Supported Version: %s (0x%04x)", TlsVersion.nameOf(b.u16(at)), b.u16(at)),
                        "tls.handshake.extensions.supported_version", at, 2);
            }
        } else if (type == 51 && len >= 4) {
            int i = client ? at + 2 : at;
            while (i + 4 <= at + len) {
                int group = b.u16(i);
                int n = b.u16(i + 2);
                TreeBuilder k = e.add("Key Share Entry: Group: " + TlsNamedGroup.nameOf(group) + ", Key Exchange length: "
                        + n, "tls.handshake.extensions_key_share_entry", i, Math.min(4 + n, at + len - i));
                k.add("Group: " + TlsNamedGroup.nameOf(group) + " (" + group + ")",
                        "tls.handshake.extensions_key_share_group", i, 2);
                k.add("Key Exchange: " + b.hexShort(i + 4, n, 16), "tls.handshake.extensions_key_share_key_exchange",
                        i + 4, Math.min(n, at + len - i - 4));
                i += 4 + n;
                if (!client) {
                    break;
                }
            }
        } else if (len > 0) {
            e.add("Data: " + b.hexShort(at, len, 16), "", at, len);
        }
    }

    /**
     * The SSH lines of {@code [at, at+length)}: identification lines, then binary packets while they are in
     * plaintext ({@code encrypted} says the dissectors found this segment encrypted).
     */
    static TreeBuilder ssh(Bytes b, int at, int length, boolean encrypted) {
        AppLayout a = new AppLayout(b, at + length);
        TreeBuilder n = new TreeBuilder("SSH Protocol", "ssh", at, length);
        int i = at;
        if (b.ascii(at, 4).equals("SSH-")) {
            int eol = i;
            while (eol < a.end && b.u8(eol) != '\n') {
                eol++;
            }
            int lineEnd = Math.min(a.end, eol + 1);
            String line = b.ascii(i, lineEnd - i).strip();
            n.add("Protocol: " + line, "ssh.protocol", i, lineEnd - i);
            i = lineEnd;
        }
        if (i < a.end && encrypted) {
            n.add("Encrypted Packet: " + b.hexShort(i, a.end - i, 16), "ssh.encrypted_packet", i, a.end - i);
            return n;
        }
        while (i + 5 <= a.end) {
            i = a.sshPacket(n, i);
        }
        if (i < a.end) {
            n.add("SSH segment data (" + (a.end - i) + " bytes)", "", i, a.end - i);
        }
        return n;
    }

    private int sshPacket(TreeBuilder parent, int at) {
        long packetLength = b.u32(at);
        int padding = b.u8(at + 4);
        if (packetLength < 5 || packetLength > 35000) {
            parent.add("Not an SSH binary packet here (" + (end - at) + " bytes)", "", at, end - at);
            return end;
        }
        int total = (int) Math.min(4 + packetLength, end - at);
        int code = b.u8(at + 5);
        String name = SshMessageCode.nameOf(code);
        TreeBuilder p = parent.add("SSH Version 2, Message: " + name + (total < 4 + packetLength
                ? " (continues in a later segment)" : ""), "ssh.packet", at, total);
        p.add("Packet Length: " + packetLength, "ssh.packet_length", at, 4);
        p.add("Padding Length: " + padding, "ssh.padding_length", at + 4, 1);
        int payloadEnd = (int) Math.min(end, at + 4 + packetLength - padding);
        TreeBuilder m = p.add("Key Exchange (method): " + name, "ssh.payload", at + 5, Math.max(0, payloadEnd - at - 5));
        m.add("Message Code: " + name + " (" + code + ")", "ssh.message_code", at + 5, 1);
        int i = at + 6;
        if (code == 20) {
            m.add("Cookie: " + b.hex(i, 16), "ssh.cookie", i, 16);
            i += 16;
            List<String> lists = List.of("kex_algorithms", "server_host_key_algorithms",
                    "encryption_algorithms_client_to_server", "encryption_algorithms_server_to_client",
                    "mac_algorithms_client_to_server", "mac_algorithms_server_to_client",
                    "compression_algorithms_client_to_server", "compression_algorithms_server_to_client",
                    "languages_client_to_server", "languages_server_to_client");
            for (String list : lists) {
                long n = b.u32(i);
                if (n < 0 || i + 4 + n > payloadEnd) {
                    break;
                }
                TreeBuilder l = m.add(list + ": " + b.ascii(i + 4, (int) n), "", i, 4 + (int) n);
                l.add(list + " length: " + n, "ssh." + list + "_length", i, 4);
                l.add(list + " string: " + b.ascii(i + 4, (int) n), "ssh." + list, i + 4, (int) n);
                i += 4 + (int) n;
            }
            if (i + 5 <= payloadEnd) {
                m.add("First KEX Packet Follows: " + b.u8(i), "ssh.first_kex_packet_follows", i, 1);
                m.add("Reserved: " + b.hex(i + 1, 4), "ssh.kex.reserved", i + 1, 4);
            }
        } else if (code == 30 || code == 31) {
            List<String> names = code == 30 ? List.of("ssh.ecdh_q_c") : List.of("ssh.host_key", "ssh.ecdh_q_s",
                    "ssh.kex.h_sig");
            for (String field : names) {
                long n = b.u32(i);
                if (n < 0 || i + 4 + n > payloadEnd) {
                    break;
                }
                m.add(field.substring(4) + " (" + n + " bytes): " + b.hexShort(i + 4, (int) n, 16), field, i,
                        4 + (int) n);
                i += 4 + (int) n;
            }
        } else if (payloadEnd > i) {
            m.add("Body: " + b.hexShort(i, payloadEnd - i, 16), "", i, payloadEnd - i);
        }
        if (padding > 0 && payloadEnd + padding <= end) {
            p.add("Padding String: " + b.hex(payloadEnd, padding), "ssh.padding_string", payloadEnd, padding);
        }
        return at + total;
    }

    /** The HTTP/1.x start line, header fields and body of {@code [at, at+length)}. */
    static TreeBuilder http(Bytes b, int at, int length) {
        int end = at + length;
        String first = line(b, at, end);
        boolean response = first.startsWith("HTTP/");
        TreeBuilder n = new TreeBuilder("Hypertext Transfer Protocol", "http", at, length);
        int i = at;
        int lineLen = lineLength(b, i, end);
        TreeBuilder start = n.add(first, response ? "http.response.line" : "http.request.line", i, lineLen);
        String[] parts = first.split(" ", 3);
        int p = i;
        for (int k = 0; k < parts.length; k++) {
            String field = response ? List.of("http.response.version", "http.response.code", "http.response.phrase").get(k)
                    : List.of("http.request.method", "http.request.uri", "http.request.version").get(k);
            String what = response ? List.of("Response Version", "Status Code", "Response Phrase").get(k)
                    : List.of("Request Method", "Request URI", "Request Version").get(k);
            start.add(what + ": " + parts[k], field, p, parts[k].length());
            p += parts[k].length() + 1;
        }
        i += lineLen;
        while (i < end) {
            int len = lineLength(b, i, end);
            String text = line(b, i, end);
            if (text.isEmpty()) {
                n.add("\\r\\n (end of header fields)", "", i, len);
                i += len;
                break;
            }
            int colon = text.indexOf(':');
            String name = colon > 0 ? text.substring(0, colon).toLowerCase(Locale.ROOT) : "";
            n.add(text, colon > 0 ? "http." + name.replace('-', '_') : "", i, len);
            i += len;
        }
        if (i < end) {
            n.add("Body (" + (end - i) + " bytes): " + b.ascii(i, Math.min(60, end - i)).replace("\r", "\\r")
                    .replace("\n", "\\n"), "http.file_data", i, end - i);
        }
        return n;
    }

    private static int lineLength(Bytes b, int at, int end) {
        int i = at;
        while (i < end && b.u8(i) != '\n') {
            i++;
        }
        return Math.min(end, i + 1) - at;
    }

    private static String line(Bytes b, int at, int end) {
        return b.ascii(at, lineLength(b, at, end)).replace("\r", "").replace("\n", "");
    }
}
