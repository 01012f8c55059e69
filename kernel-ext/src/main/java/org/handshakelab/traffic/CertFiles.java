package org.handshakelab.traffic;

import java.nio.file.Path;

/**
 * Where a {@link CertifiedKey} was written.
 *
 * @param key         the private key file ({@code server.key})
 * @param certificate the certificate file ({@code server.crt})
 */
public record CertFiles(Path key, Path certificate) {

    /** Checks the components. */
    public CertFiles {
        if (key == null || certificate == null) {
            throw new IllegalArgumentException("key and certificate paths must not be null");
        }
    }

    /** Reads the pair back. */
    public CertifiedKey read() {
        return CertifiedKey.read(key, certificate);
    }
}
