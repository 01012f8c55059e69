package org.handshakelab.dissect.ssh;

import java.util.List;
import java.util.Objects;

/**
 * What the two KEXINITs agree on (RFC 4253 §7.1): for each list, the first algorithm of the client's that
 * the server also lists. An empty string means there is none (for the languages that is normal; for the
 * others the connection fails with a DISCONNECT). For AEAD ciphers (chacha20-poly1305, AES-GCM) the MAC is
 * part of the cipher and shows as {@code <implicit>}, as {@code ssh -v} prints it.
 *
 * @param kex                        the key exchange method
 * @param hostKey                    the server host key algorithm
 * @param encryptionClientToServer   the cipher client to server
 * @param encryptionServerToClient   the cipher server to client
 * @param macClientToServer          the MAC client to server
 * @param macServerToClient          the MAC server to client
 * @param compressionClientToServer  the compression client to server
 * @param compressionServerToClient  the compression server to client
 * @param languageClientToServer     the language client to server
 * @param languageServerToClient     the language server to client
 */
public record NegotiatedAlgorithms(String kex, String hostKey, String encryptionClientToServer,
                                   String encryptionServerToClient, String macClientToServer,
                                   String macServerToClient, String compressionClientToServer,
                                   String compressionServerToClient, String languageClientToServer,
                                   String languageServerToClient) {

    /** The MAC shown for AEAD ciphers. */
    public static final String IMPLICIT_MAC = "<implicit>";

    /** Checks for nulls. */
    public NegotiatedAlgorithms {
        for (String s : new String[] {kex, hostKey, encryptionClientToServer, encryptionServerToClient,
            macClientToServer, macServerToClient, compressionClientToServer, compressionServerToClient,
            languageClientToServer, languageServerToClient}) {
            Objects.requireNonNull(s, "no algorithm may be null; use \"\" for no match");
        }
    }

    /** Negotiates as RFC 4253 §7.1 says, from the client's and the server's KEXINIT. */
    public static NegotiatedAlgorithms of(KexInit client, KexInit server) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        String hostKey = first(client, server, SshKexProposal.SERVER_HOST_KEY_ALGORITHMS);
        String kex = kex(client, server, hostKey);
        String encC2s = first(client, server, SshKexProposal.ENCRYPTION_CLIENT_TO_SERVER);
        String encS2c = first(client, server, SshKexProposal.ENCRYPTION_SERVER_TO_CLIENT);
        return new NegotiatedAlgorithms(kex, hostKey, encC2s, encS2c,
                aead(encC2s) ? IMPLICIT_MAC : first(client, server, SshKexProposal.MAC_CLIENT_TO_SERVER),
                aead(encS2c) ? IMPLICIT_MAC : first(client, server, SshKexProposal.MAC_SERVER_TO_CLIENT),
                first(client, server, SshKexProposal.COMPRESSION_CLIENT_TO_SERVER),
                first(client, server, SshKexProposal.COMPRESSION_SERVER_TO_CLIENT),
                first(client, server, SshKexProposal.LANGUAGES_CLIENT_TO_SERVER),
                first(client, server, SshKexProposal.LANGUAGES_SERVER_TO_CLIENT));
    }

    /** The agreed algorithm for one list, "" for none. */
    public String algorithm(SshKexProposal proposal) {
        return switch (proposal) {
            case KEX_ALGORITHMS -> kex;
            case SERVER_HOST_KEY_ALGORITHMS -> hostKey;
            case ENCRYPTION_CLIENT_TO_SERVER -> encryptionClientToServer;
            case ENCRYPTION_SERVER_TO_CLIENT -> encryptionServerToClient;
            case MAC_CLIENT_TO_SERVER -> macClientToServer;
            case MAC_SERVER_TO_CLIENT -> macServerToClient;
            case COMPRESSION_CLIENT_TO_SERVER -> compressionClientToServer;
            case COMPRESSION_SERVER_TO_CLIENT -> compressionServerToClient;
            case LANGUAGES_CLIENT_TO_SERVER -> languageClientToServer;
            case LANGUAGES_SERVER_TO_CLIENT -> languageServerToClient;
        };
    }

    /**
     * The key exchange method: the client's first guess if the server's first is the same, else the first
     * client method the server supports. Every method in use needs a signature-capable host key, so one
     * must have been agreed too.
     */
    private static String kex(KexInit client, KexInit server, String hostKey) {
        List<String> c = client.kexAlgorithms();
        List<String> s = server.kexAlgorithms();
        if (hostKey.isEmpty()) {
            return "";
        }
        if (!c.isEmpty() && !s.isEmpty() && c.get(0).equals(s.get(0))) {
            return c.get(0);
        }
        return first(c, s);
    }

    private static String first(KexInit client, KexInit server, SshKexProposal proposal) {
        return first(client.names(proposal), server.names(proposal));
    }

    private static String first(List<String> client, List<String> server) {
        for (String name : client) {
            if (server.contains(name)) {
                return name;
            }
        }
        return "";
    }

    private static boolean aead(String cipher) {
        return cipher.startsWith("chacha20-poly1305") || cipher.contains("-gcm");
    }
}
