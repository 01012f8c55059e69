package org.handshakelab.traffic;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the lab's SSH server accepts and what its client does: user and password, the one command to run, the cipher
 * to negotiate, the host key type, the host key fingerprint the client trusts, and how long any step may take.
 *
 * <p>Immutable; build with {@link #builder()}, e.g.
 * {@code SshOptions.builder().password("s3cret").command("echo hello").build()}.
 */
public final class SshOptions {

    /** The user the lab server knows. */
    public static final String DEFAULT_USER = "student";
    /** The password when none is given. */
    public static final String DEFAULT_PASSWORD = "handshake-lab";
    /** The command when none is given. */
    public static final String DEFAULT_COMMAND = "echo hello";
    /** The timeout for each step when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** The longest allowed timeout per step. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

    private static final int MAX_TEXT = 1024;

    private final String user;
    private final String password;
    private final String command;
    private final SshCipher cipher;
    private final SshHostKeyType hostKeyType;
    private final String expectedHostKey;
    private final Duration timeout;
    private final boolean strictKex;

    private SshOptions(Builder b) {
        this.user = b.user;
        this.password = b.password;
        this.command = b.command;
        this.cipher = b.cipher;
        this.hostKeyType = b.hostKeyType;
        this.expectedHostKey = b.expectedHostKey;
        this.timeout = b.timeout;
        this.strictKex = b.strictKex;
    }

    /** A builder with the defaults: user {@code student}, command {@code echo hello}, chacha20-poly1305, Ed25519. */
    public static Builder builder() {
        return new Builder();
    }

    /** All defaults. */
    public static SshOptions defaults() {
        return builder().build();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.user = user;
        b.password = password;
        b.command = command;
        b.cipher = cipher;
        b.hostKeyType = hostKeyType;
        b.expectedHostKey = expectedHostKey;
        b.timeout = timeout;
        b.strictKex = strictKex;
        return b;
    }

    /** The user name the client logs in as and the server accepts. */
    public String user() {
        return user;
    }

    /** The password the client sends and the server accepts. */
    public String password() {
        return password;
    }

    /** The command the client runs over an exec channel. */
    public String command() {
        return command;
    }

    /** The only cipher both sides offer (in both directions). */
    public SshCipher cipher() {
        return cipher;
    }

    /** The type of the in-memory host key the server generates. */
    public SshHostKeyType hostKeyType() {
        return hostKeyType;
    }

    /**
     * The host key fingerprint ({@code SHA256:...}, as {@code ssh-keygen -l} prints it) the client insists on; empty
     * means "the fingerprint of the lab server it connects to", learnt out of band from the server object itself.
     */
    public Optional<String> expectedHostKey() {
        return Optional.ofNullable(expectedHostKey);
    }

    /** The longest any single step (connect, key exchange and authentication, command, close) may take. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Whether the client asks for OpenSSH's strict key exchange (the Terrapin countermeasure, PROTOCOL §1.9).
     * Off by default: Wireshark 4.0 does not know that strict KEX resets the packet sequence numbers after
     * SSH_MSG_NEWKEYS and then cannot decrypt the session. Turn it on to see exactly that happen.
     */
    public boolean strictKex() {
        return strictKex;
    }

    @Override
    public String toString() {
        return "SshOptions[user=" + user + ", command=" + command + ", cipher=" + cipher.wireName()
                + ", hostKeyType=" + hostKeyType.wireName() + ", expectedHostKey=" + expectedHostKey
                + ", timeout=" + timeout + ", strictKex=" + strictKex + "]"; // the password stays out of logs
    }

    /** Builds {@link SshOptions}; every setter checks its argument. */
    public static final class Builder {
        private String user = DEFAULT_USER;
        private String password = DEFAULT_PASSWORD;
        private String command = DEFAULT_COMMAND;
        private SshCipher cipher = SshCipher.CHACHA20_POLY1305;
        private SshHostKeyType hostKeyType = SshHostKeyType.ED25519;
        private String expectedHostKey;
        private Duration timeout = DEFAULT_TIMEOUT;
        private boolean strictKex;

        private Builder() {
        }

        /** User name, 1..1024 characters without whitespace. */
        public Builder user(String user) {
            this.user = text("user", user);
            if (user.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("user must not contain whitespace: \"" + user + "\"");
            }
            return this;
        }

        /** Password, 1..1024 characters. */
        public Builder password(String password) {
            Objects.requireNonNull(password, "password");
            if (password.isEmpty() || password.length() > MAX_TEXT) {
                throw new IllegalArgumentException("password must be 1.." + MAX_TEXT + " characters: "
                        + password.length());
            }
            this.password = password;
            return this;
        }

        /** The command to run, 1..1024 characters; the lab server only implements {@code echo}. */
        public Builder command(String command) {
            this.command = text("command", command);
            return this;
        }

        /** The cipher both sides offer. */
        public Builder cipher(SshCipher cipher) {
            this.cipher = Objects.requireNonNull(cipher, "cipher");
            return this;
        }

        /** The server's host key type. */
        public Builder hostKeyType(SshHostKeyType hostKeyType) {
            this.hostKeyType = Objects.requireNonNull(hostKeyType, "hostKeyType");
            return this;
        }

        /** The fingerprint the client must see, {@code SHA256:} and 43 base64 characters; {@code null} to reset. */
        public Builder expectedHostKey(String fingerprint) {
            if (fingerprint != null && !fingerprint.matches("SHA256:[A-Za-z0-9+/]{43}")) {
                throw new IllegalArgumentException(
                        "expectedHostKey must be SHA256: followed by 43 base64 characters: \"" + fingerprint + "\"");
            }
            this.expectedHostKey = fingerprint;
            return this;
        }

        /** Timeout per step, 1 ms..2 minutes. */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException("timeout must be 1ms.." + MAX_TIMEOUT + ": " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Whether the client asks for strict key exchange; see {@link SshOptions#strictKex()}. */
        public Builder strictKex(boolean strictKex) {
            this.strictKex = strictKex;
            return this;
        }

        /** The options. */
        public SshOptions build() {
            return new SshOptions(this);
        }

        private static String text(String name, String value) {
            Objects.requireNonNull(value, name);
            if (value.isBlank() || value.length() > MAX_TEXT) {
                throw new IllegalArgumentException(name + " must be 1.." + MAX_TEXT + " non-blank characters: \""
                        + value + "\"");
            }
            return value;
        }
    }
}
