package org.handshakelab.traffic;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The host check a TLS client makes after the signature checks: does the certificate name the host it asked
 * for? RFC 6125 §6.4: the subjectAltName DNS entries (a {@code *} only as the whole left-most label) and, for an
 * IP literal, the IP entries. Like browsers (RFC 6125 §6.4.4 made optional; CA/B Forum requires SAN), the
 * subject CN is not consulted.
 */
public final class CertHostCheck {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private CertHostCheck() {
    }

    /** The subjectAltName entries as openssl prints them: {@code DNS:localhost}, {@code IP:127.0.0.1}. */
    public static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        for (List<?> entry : altNames(certificate)) {
            int type = (Integer) entry.get(0);
            if (type == SAN_DNS) {
                names.add("DNS:" + entry.get(1));
            } else if (type == SAN_IP) {
                names.add("IP:" + entry.get(1));
            }
        }
        return names;
    }

    /** Whether {@code host} (a name or an IP literal) is one the certificate is for. */
    public static boolean matches(X509Certificate certificate, String host) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty: " + host);
        }
        byte[] ip = ipLiteral(host);
        for (List<?> entry : altNames(certificate)) {
            int type = (Integer) entry.get(0);
            String value = String.valueOf(entry.get(1));
            if (ip == null && type == SAN_DNS && dnsMatches(value, host)) {
                return true;
            }
            if (ip != null && type == SAN_IP && java.util.Arrays.equals(ip, ipLiteral(value))) {
                return true;
            }
        }
        return false;
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = trimDot(pattern.toLowerCase(Locale.ROOT));
        String h = trimDot(host.toLowerCase(Locale.ROOT));
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        int dot = h.indexOf('.');
        // the wildcard stands for exactly one label, never for a top-level-only suffix like *.com
        return dot > 0 && p.indexOf('.', 2) > 0 && h.substring(dot).equals(p.substring(1));
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static byte[] ipLiteral(String host) {
        boolean v4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = host.contains(":") && host.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(host).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Collection<List<?>> altNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of(); // an unreadable SAN names no host
        }
    }
}
