package org.handshakelab.traffic;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Recorder#record} wrote.
 *
 * @param name    the capture's name
 * @param capture the pcapng file, {@code <outDir>/<name>.pcapng}
 * @param keyLog  the key log written beside it ({@code <name>.keylog}), or null when there were no secrets
 * @param filter  the BPF filter the capture used
 * @param frames  the number of frames written
 * @param secrets the number of Decryption Secrets Blocks written
 * @param bytes   the size of the pcapng file
 */
public record RecordResult(String name, Path capture, Path keyLog, String filter, long frames, int secrets,
                           long bytes) {

    /** Checks the components. */
    public RecordResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(filter, "filter");
    }

    /** The key log file, when secrets were written. */
    public Optional<Path> keyLogPath() {
        return Optional.ofNullable(keyLog);
    }

    @Override
    public String toString() {
        return name + ": " + frames + " frames, " + bytes + " bytes, filter \"" + filter + "\""
                + (secrets > 0 ? ", " + secrets + " secrets, key log " + keyLog : "") + " -> " + capture;
    }
}
