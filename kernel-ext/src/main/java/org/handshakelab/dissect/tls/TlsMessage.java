package org.handshakelab.dissect.tls;

/**
 * What a TLS record carries: handshake messages (in the clear), a ChangeCipherSpec, an alert, or
 * bytes this dissector cannot read because they are encrypted.
 */
public sealed interface TlsMessage
        permits TlsHandshake, TlsChangeCipherSpec, TlsAlert, TlsEncryptedHandshake, TlsApplicationData {
}
