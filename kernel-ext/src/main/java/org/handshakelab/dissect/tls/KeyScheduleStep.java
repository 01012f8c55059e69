package org.handshakelab.dissect.tls;

import java.util.List;
import java.util.Objects;

/**
 * One step of a TLS key schedule shown the way "The Illustrated TLS 1.3 Connection" shows it: what is
 * computed, how, from what, the result, and where the inputs came from.
 *
 * @param name    what the step yields, e.g. "server handshake key"
 * @param formula how, in the RFC's notation, e.g. {@code HKDF-Expand-Label(s hs traffic, "key", "", 16)}
 * @param inputs  the inputs, each "name = value" (hex for bytes)
 * @param output  the result, hex for bytes
 * @param source  where the inputs came from: "capture", "key log", "computed" (from earlier steps),
 *                "lab server" (exported by the lab's own TLS server), "RFC 8448" (published test vector)
 */
public record KeyScheduleStep(String name, String formula, List<String> inputs, String output, String source) {

    /** Checks for nulls and copies the list. */
    public KeyScheduleStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(formula, "formula");
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(source, "source");
    }
}
