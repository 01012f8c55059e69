package org.handshakelab.dissect.ssh;

import java.util.HexFormat;

/**
 * The grammar of key exchange messages 30-34, whose meaning depends on the negotiated method: ECDH
 * (RFC 5656 §4, curve25519 RFC 8731), plain DH (RFC 4253 §8) or DH group exchange (RFC 4419 §3).
 */
final class SshKexParser {

    private SshKexParser() {
    }

    /** One message; {@link OtherMessage} when the method is unknown or the number is not a KEX one. */
    static SshMessage parse(String family, int code, SshReader r) {
        switch (family) {
            case "ECDH" -> {
                if (code == 30) {
                    return new KexEcdhInit(r.hexString("Q_C"));
                }
                if (code == 31) {
                    SshHostKey key = hostKey(r);
                    return new KexEcdhReply(key, r.hexString("Q_S"), signature(r));
                }
            }
            case "DH" -> {
                if (code == 30) {
                    return new KexDhInit(r.mpint("e"), false);
                }
                if (code == 31) {
                    SshHostKey key = hostKey(r);
                    return new KexDhReply(key, r.mpint("f"), signature(r), false);
                }
            }
            case "GEX" -> {
                switch (code) {
                    case 30 -> {
                        return new KexDhGexRequest(-1, r.u32("n"), -1);
                    }
                    case 31 -> {
                        return new KexDhGexGroup(r.mpint("p"), r.mpint("g"));
                    }
                    case 32 -> {
                        return new KexDhInit(r.mpint("e"), true);
                    }
                    case 33 -> {
                        SshHostKey key = hostKey(r);
                        return new KexDhReply(key, r.mpint("f"), signature(r), true);
                    }
                    case 34 -> {
                        return new KexDhGexRequest(r.u32("min"), r.u32("n"), r.u32("max"));
                    }
                    default -> {
                        // not a group exchange message
                    }
                }
            }
            default -> {
                // method unknown: message 30-34 cannot be read
            }
        }
        return new OtherMessage(code, r.restHex());
    }

    /** The phase label of a KEX message that {@link #parse} took apart. */
    static String label(String family, int code) {
        return switch (family) {
            case "ECDH" -> code == 30 ? "SSH KEX ECDH init" : "SSH KEX ECDH reply";
            case "DH" -> code == 30 ? "SSH KEX DH init" : "SSH KEX DH reply";
            default -> switch (code) {
                case 30, 34 -> "SSH KEX DH GEX request";
                case 31 -> "SSH KEX DH GEX group";
                case 32 -> "SSH KEX DH GEX init";
                default -> "SSH KEX DH GEX reply";
            };
        };
    }

    /** K_S: a string holding the key blob, which starts with the key type (RFC 4253 §6.6). */
    private static SshHostKey hostKey(SshReader r) {
        byte[] blob = r.string("K_S");
        String type = new SshReader(blob).text("host key type");
        return new SshHostKey(type, HexFormat.of().formatHex(blob));
    }

    /** The signature: a string holding {@code string format, string blob} (RFC 4253 §6.6). */
    private static SshSignature signature(SshReader r) {
        SshReader sig = new SshReader(r.string("signature of H"));
        return new SshSignature(sig.text("signature format"), sig.hexString("signature blob"));
    }
}
