package org.handshakelab.dissect;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The constants of a code enum (TLS content types, SSH message numbers, ...) by their wire code, in a table
 * built once: dissectors look a code up per record, and {@code values()} copies its array on every call.
 * Where two constants share a code, the first listed is found. Codes 0..255 need no boxing and no allocation.
 *
 * <pre>{@code
 * private static final CodeTable<TlsContentType> CODES = CodeTable.of(values(), TlsContentType::code);
 * public static Optional<TlsContentType> of(int code) { return CODES.find(code); }
 * }</pre>
 *
 * @param <E> the enum
 */
public final class CodeTable<E> {

    private static final int SMALL = 256;

    private final Object[] small = new Object[SMALL];
    private final Map<Integer, Optional<E>> large = new HashMap<>();

    private CodeTable(E[] values, ToIntFunction<E> code) {
        for (E e : values) {
            int c = code.applyAsInt(e);
            if (c >= 0 && c < SMALL) {
                if (small[c] == null) {
                    small[c] = Optional.of(e);
                }
            } else {
                large.putIfAbsent(c, Optional.of(e));
            }
        }
    }

    /** The table of {@code values} (an enum's {@code values()}) by {@code code}. */
    public static <E> CodeTable<E> of(E[] values, ToIntFunction<E> code) {
        return new CodeTable<>(values, code);
    }

    /** The constant with this code, the first listed if several have it. */
    @SuppressWarnings("unchecked")
    public Optional<E> find(int code) {
        if (code >= 0 && code < SMALL) {
            Object found = small[code];
            return found == null ? Optional.empty() : (Optional<E>) found;
        }
        return large.getOrDefault(code, Optional.empty());
    }
}
