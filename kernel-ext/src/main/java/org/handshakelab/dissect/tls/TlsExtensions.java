package org.handshakelab.dissect.tls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the data of the hello extensions the lab shows; malformed data reads as empty. */
final class TlsExtensions {

    private TlsExtensions() {
    }

    static Optional<TlsExtension> find(List<TlsExtension> extensions, TlsExtensionType type) {
        return extensions.stream().filter(e -> e.type() == type.code()).findFirst();
    }

    /** server_name (RFC 6066 §3): the first host_name entry. */
    static Optional<String> serverName(List<TlsExtension> extensions) {
        return find(extensions, TlsExtensionType.SERVER_NAME).flatMap(e -> {
            try {
                TlsReader list = new TlsReader(e.bytes()).vector(2, "server_name_list");
                while (list.hasRemaining()) {
                    int nameType = list.u8("name_type");
                    TlsReader name = list.vector(2, "host_name");
                    if (nameType == 0) {
                        return Optional.of(new String(name.rest(), StandardCharsets.US_ASCII));
                    }
                }
            } catch (TlsReader.Malformed ignored) {
                // malformed extension data: no name
            }
            return Optional.empty();
        });
    }

    /** A list of 2-byte values with a {@code lengthBytes}-byte length prefix. */
    static List<Integer> u16List(List<TlsExtension> extensions, TlsExtensionType type, int lengthBytes) {
        return find(extensions, type).map(e -> {
            List<Integer> values = new ArrayList<>();
            try {
                TlsReader list = new TlsReader(e.bytes()).vector(lengthBytes, type.wireName());
                while (list.remaining() >= 2) {
                    values.add(list.u16(type.wireName()));
                }
            } catch (TlsReader.Malformed ignored) {
                // keep what was read
            }
            return List.copyOf(values);
        }).orElse(List.of());
    }

    /** key_share in a ClientHello (RFC 8446 §4.2.8): the offered groups. */
    static List<Integer> clientKeyShareGroups(List<TlsExtension> extensions) {
        return find(extensions, TlsExtensionType.KEY_SHARE).map(e -> {
            List<Integer> groups = new ArrayList<>();
            try {
                TlsReader shares = new TlsReader(e.bytes()).vector(2, "client_shares");
                while (shares.hasRemaining()) {
                    groups.add(shares.u16("group"));
                    shares.vector(2, "key_exchange");
                }
            } catch (TlsReader.Malformed ignored) {
                // keep what was read
            }
            return List.copyOf(groups);
        }).orElse(List.of());
    }

    /** key_share in a ServerHello or HelloRetryRequest: the selected group. */
    static Optional<Integer> serverKeyShareGroup(List<TlsExtension> extensions) {
        return find(extensions, TlsExtensionType.KEY_SHARE).flatMap(e -> {
            byte[] b = e.bytes();
            return b.length >= 2 ? Optional.of((b[0] & 0xFF) << 8 | b[1] & 0xFF) : Optional.empty();
        });
    }

    /** application_layer_protocol_negotiation (RFC 7301 §3.1): the protocol names. */
    static List<String> alpn(List<TlsExtension> extensions) {
        return find(extensions, TlsExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION).map(e -> {
            List<String> names = new ArrayList<>();
            try {
                TlsReader list = new TlsReader(e.bytes()).vector(2, "protocol_name_list");
                while (list.hasRemaining()) {
                    names.add(new String(list.vector(1, "protocol_name").rest(), StandardCharsets.US_ASCII));
                }
            } catch (TlsReader.Malformed ignored) {
                // keep what was read
            }
            return List.copyOf(names);
        }).orElse(List.of());
    }

    /** Reads {@code Extension extensions<0..2^16-1>} when present (it is optional before TLS 1.3). */
    static List<TlsExtension> read(TlsReader r) {
        if (!r.hasRemaining()) {
            return List.of();
        }
        List<TlsExtension> extensions = new ArrayList<>();
        TlsReader list = r.vector(2, "extensions");
        while (list.hasRemaining()) {
            int type = list.u16("extension_type");
            TlsReader data = list.vector(2, "extension_data");
            extensions.add(new TlsExtension(type, data.hex(data.remaining(), "extension_data")));
        }
        return List.copyOf(extensions);
    }
}
