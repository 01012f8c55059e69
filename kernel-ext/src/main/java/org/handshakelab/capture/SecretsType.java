package org.handshakelab.capture;

import java.util.Optional;

/** Secrets types of a pcapng Decryption Secrets Block (draft-ietf-opsawg-pcapng §4.7). */
public enum SecretsType {
    /** {@code TLSK}: an NSS key log file (SSLKEYLOGFILE) for TLS and DTLS. */
    TLS_KEY_LOG(0x544C534B, "TLS Key Log"),
    /** {@code SSHK}: an SSH key log, as written by Wireshark's SSH dissector format. */
    SSH_KEY_LOG(0x5353484B, "SSH Key Log"),
    /** {@code WGKL}: WireGuard key log. */
    WIREGUARD_KEY_LOG(0x57474B4C, "WireGuard Key Log"),
    /** {@code ZNWK}: ZigBee NWK key. */
    ZIGBEE_NWK_KEY(0x5A4E574B, "ZigBee NWK Key"),
    /** {@code ZAPS}: ZigBee APS key. */
    ZIGBEE_APS_KEY(0x5A415053, "ZigBee APS Key"),
    /** {@code UAKL}: OPC UA key log. */
    OPCUA_KEY_LOG(0x55414B4C, "OPC UA Key Log");

    private final int code;
    private final String displayName;

    SecretsType(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    /** The 32-bit secrets type code. */
    public int code() {
        return code;
    }

    /** The name Wireshark shows for it. */
    public String displayName() {
        return displayName;
    }

    /** The secrets type with this code, or empty when it is not one of the known ones. */
    public static Optional<SecretsType> of(int code) {
        for (SecretsType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
