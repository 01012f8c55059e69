package org.handshakelab.dissect.tls;

/**
 * One attribute of a distinguished name (RFC 5280 §4.1.2.4), in the order it is encoded.
 *
 * @param oid   the attribute type, e.g. 2.5.4.3
 * @param name  its short name, e.g. CN, or the OID when there is none
 * @param value the value as text
 */
public record DnAttribute(String oid, String name, String value) {

    /** Checks for nulls. */
    public DnAttribute {
        if (oid == null || name == null || value == null) {
            throw new IllegalArgumentException("oid, name and value must not be null: " + oid + ", " + name);
        }
    }
}
