package org.handshakelab.traffic;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.XECPrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.sshd.client.kex.DHGClient;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.digest.Digest;
import org.apache.sshd.common.kex.AbstractDH;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.DHFactory;
import org.apache.sshd.common.kex.KeyExchange;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.kex.MontgomeryCurve;
import org.apache.sshd.common.kex.XDH;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.kex.DHGServer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * The curve25519-sha256 key exchange of MINA SSHD, instrumented to keep what Wireshark's key log needs.
 *
 * <p>Wireshark's SSH key log line is {@code <cookie> <private key>}: the 16-byte cookie of the SSH_MSG_KEXINIT
 * sent by one endpoint and the ephemeral X25519 private scalar that same endpoint used (RFC 8731 §3). Both are taken
 * from the running session: the cookie from the I_C / I_S payload MINA hands to {@link KeyExchange#init} (the very
 * bytes that go into the exchange hash), the scalar from the key pair whose public half is sent as Q_C / Q_S. Nothing
 * is recomputed outside the session.
 *
 * <p>The exchange itself is MINA's: {@link DHGClient} / {@link DHGServer} and {@link XDH} do all the protocol work;
 * only the ephemeral key generation is overridden so that the private key stays visible, exactly as
 * {@code BuiltinDHFactories.curve25519} would generate it.
 */
final class SshKeyCapture {

    /** Length of the KEXINIT cookie (RFC 4253 §7.1). */
    static final int COOKIE_LENGTH = 16;

    /** Length of an X25519 private scalar (RFC 7748 §5). */
    static final int X25519_KEY_LENGTH = 32;

    /** An entry and the client's TCP port, which tells the sessions of one server apart. */
    private record Captured(int clientPort, SshKeyLog.Entry entry) {
    }

    private final List<Captured> captured = new ArrayList<>();

    /** Key exchanges (client side) for the curve25519-sha256 method, logging the client's secret. */
    List<KeyExchangeFactory> clientKeyExchanges() {
        DHFactory dh = new CapturingCurve25519();
        return List.of(new KeyExchangeFactory() {
            @Override
            public String getName() {
                return dh.getName();
            }

            @Override
            public KeyExchange createKeyExchange(Session session) {
                return new ClientKex(dh, session);
            }
        });
    }

    /** Key exchanges (server side) for the curve25519-sha256 method, logging the server's secret. */
    List<KeyExchangeFactory> serverKeyExchanges() {
        DHFactory dh = new CapturingCurve25519();
        return List.of(new KeyExchangeFactory() {
            @Override
            public String getName() {
                return dh.getName();
            }

            @Override
            public KeyExchange createKeyExchange(Session session) {
                return new ServerKex(dh, session);
            }
        });
    }

    /** The entries of the session whose client used {@code clientPort}, in the order the key exchanges started. */
    synchronized List<SshKeyLog.Entry> entries(int clientPort) {
        return captured.stream().filter(c -> c.clientPort() == clientPort).map(Captured::entry)
                .collect(Collectors.toUnmodifiableList());
    }

    private synchronized void add(int clientPort, SshKeyLog.Entry entry) {
        captured.add(new Captured(clientPort, entry));
    }

    private static int port(SocketAddress address) {
        return address instanceof InetSocketAddress ? ((InetSocketAddress) address).getPort() : -1;
    }

    /** The cookie follows the message code byte of the KEXINIT payload (RFC 4253 §7.1). */
    static byte[] cookieOf(byte[] kexInitPayload) {
        if (kexInitPayload == null || kexInitPayload.length < 1 + COOKIE_LENGTH) {
            throw new IllegalStateException("KEXINIT payload too short for a cookie: "
                    + (kexInitPayload == null ? "null" : kexInitPayload.length + " bytes"));
        }
        return Arrays.copyOfRange(kexInitPayload, 1, 1 + COOKIE_LENGTH);
    }

    /**
     * The raw 32-byte X25519 scalar (RFC 7748 encoding), whether the key comes from the JDK provider
     * ({@link XECPrivateKey}) or from another provider that only offers its PKCS#8 encoding (RFC 8410 §7).
     */
    static byte[] x25519Scalar(PrivateKey key) {
        if (key instanceof XECPrivateKey) {
            byte[] scalar = ((XECPrivateKey) key).getScalar().orElse(null);
            if (scalar != null && scalar.length == X25519_KEY_LENGTH) {
                return scalar;
            }
        }
        byte[] pkcs8 = key.getEncoded();
        if (pkcs8 == null) {
            throw new IllegalStateException("X25519 private key has no encoding: " + key.getClass().getName());
        }
        try {
            byte[] scalar = ASN1OctetString.getInstance(PrivateKeyInfo.getInstance(pkcs8).parsePrivateKey()).getOctets();
            if (scalar.length != X25519_KEY_LENGTH) {
                throw new IllegalStateException("X25519 private key must be 32 bytes: " + scalar.length);
            }
            return scalar;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("X25519 private key is not PKCS#8: " + e.getMessage(), e);
        }
    }

    private final class ClientKex extends DHGClient {
        private CapturingXdh xdh;

        ClientKex(DHFactory factory, Session session) {
            super(factory, session);
        }

        @Override
        protected AbstractDH getDH() throws Exception {
            xdh = (CapturingXdh) super.getDH();
            return xdh;
        }

        @Override
        public void init(byte[] vS, byte[] vC, byte[] iS, byte[] iC) throws Exception {
            super.init(vS, vC, iS, iC); // generates the ephemeral key and sends SSH_MSG_KEX_ECDH_INIT
            add(port(getSession().getIoSession().getLocalAddress()),
                    new SshKeyLog.Entry(SshKeyLog.Role.CLIENT, cookieOf(iC), xdh.privateScalar()));
        }
    }

    private final class ServerKex extends DHGServer {
        ServerKex(DHFactory factory, Session session) {
            super(factory, session);
        }

        @Override
        public void init(byte[] vS, byte[] vC, byte[] iS, byte[] iC) throws Exception {
            super.init(vS, vC, iS, iC); // creates dh and its ephemeral key (Q_S)
            add(port(getSession().getIoSession().getRemoteAddress()),
                    new SshKeyLog.Entry(SshKeyLog.Role.SERVER, cookieOf(iS), ((CapturingXdh) dh).privateScalar()));
        }
    }

    /** curve25519-sha256 (RFC 8731), as {@code BuiltinDHFactories.curve25519} builds it, keeping the private key. */
    private static final class CapturingCurve25519 implements DHFactory {
        @Override
        public String getName() {
            return BuiltinDHFactories.curve25519.getName();
        }

        @Override
        public boolean isSupported() {
            return BuiltinDHFactories.curve25519.isSupported();
        }

        @Override
        public boolean isGroupExchange() {
            return false;
        }

        @Override
        public AbstractDH create(Object... params) throws Exception {
            if (params != null && params.length > 0) {
                throw new IllegalArgumentException("params must be empty for " + getName() + ": " + params.length);
            }
            return new CapturingXdh();
        }
    }

    private static final class CapturingXdh extends XDH {
        private volatile PrivateKey privateKey;

        CapturingXdh() throws Exception {
            super(MontgomeryCurve.x25519, false);
        }

        @Override
        protected byte[] calculateE() throws Exception {
            KeyPair keyPair = curve.generateKeyPair();
            myKeyAgree.init(keyPair.getPrivate());
            privateKey = keyPair.getPrivate();
            return curve.encode(keyPair.getPublic());
        }

        @Override
        public Digest getHash() {
            return BuiltinDigests.sha256.create();
        }

        byte[] privateScalar() {
            PrivateKey key = privateKey;
            if (key == null) {
                throw new IllegalStateException("curve25519 ephemeral key not generated yet");
            }
            return x25519Scalar(key);
        }
    }
}
