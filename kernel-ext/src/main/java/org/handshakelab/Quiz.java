package org.handshakelab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The questions of the lab notebooks, with instant feedback. Each question's expected answer is computed from the
 * capture the notebook opened (live or bundled), never typed in, so both check correctly. A wrong answer gets a
 * hint on where to look, never the answer itself.
 *
 * <p>For the notebook tests, {@code LAB_REVEAL=1} makes {@link #answer} check each question's own reference
 * answer instead of the value given: every answer cell must then say "right".
 */
public final class Quiz {

    /** How an answer is read and compared. */
    public enum Kind {
        /** A whole number: an int, a long, or text such as "42" or "0x2a". */
        NUMBER,
        /** TCP flags: a number (18, 0x12) or text "0x012", "0x0012", or names "SYN, ACK". */
        FLAGS,
        /** Milliseconds: a number within 10% (or 0.05 ms) of the capture's. */
        MILLIS,
        /** A word or name, compared without case, spaces, dashes or underscores. */
        TEXT
    }

    /**
     * One question.
     *
     * @param id        e.g. {@code http.q3}
     * @param text      the question as the notebook asks it
     * @param kind      how answers are read
     * @param reference the expected answer, computed from the capture
     * @param hint      where to look, shown with a wrong answer; must not contain the answer
     */
    public record Question(String id, String text, Kind kind, Supplier<Object> reference, String hint) {
        /** Checks the components. */
        public Question {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(hint, "hint");
        }
    }

    /**
     * What {@link #answer} says.
     *
     * @param id      the question
     * @param right   whether the answer was right
     * @param message one or two lines for the student
     */
    public record Verdict(String id, boolean right, String message) {
        @Override
        public String toString() {
            return message;
        }
    }

    private static final Map<String, Question> QUESTIONS = new LinkedHashMap<>();

    private Quiz() {
    }

    /** Registers (or replaces, when its capture is opened again) a question. */
    public static synchronized void register(Question question) {
        QUESTIONS.put(question.id(), question);
    }

    /** The registered questions' ids, in registration order. */
    public static synchronized List<String> ids() {
        return List.copyOf(QUESTIONS.keySet());
    }

    /** The question {@code id}, if its capture has been opened. */
    public static synchronized Optional<Question> question(String id) {
        return Optional.ofNullable(QUESTIONS.get(id));
    }

    /** Checks {@code value} as the answer to {@code id}: says right, or wrong and where to look. */
    public static Verdict answer(String id, Object value) {
        Question q = question(id).orElse(null);
        if (q == null) {
            return new Verdict(id, false, "? No question " + id + " yet: run the cell that opens its capture first"
                    + " (questions so far: " + String.join(", ", ids()) + ").");
        }
        boolean reveal = "1".equals(System.getenv("LAB_REVEAL"));
        Object given = reveal ? firstForm(q.reference().get()) : value;
        Optional<String> problem = unreadable(q.kind(), given);
        if (problem.isPresent()) {
            return new Verdict(id, false, "✘ " + id + ": " + problem.get());
        }
        if (matches(q.kind(), q.reference().get(), given)) {
            return new Verdict(id, true, "✔ " + id + ": right" + (reveal ? " (LAB_REVEAL=1: the reference answer)" : "")
                    + ".");
        }
        return new Verdict(id, false, "✘ " + id + ": not yet. " + q.hint());
    }

    /** Whether {@code given} is a right answer for a question of {@code kind} whose answer is {@code expected}. */
    static boolean matches(Kind kind, Object expected, Object given) {
        return switch (kind) {
            case NUMBER -> number(given).isPresent() && number(given).equals(number(expected));
            case FLAGS -> flags(given).isPresent() && flags(given).equals(flags(expected));
            case MILLIS -> {
                Optional<Double> g = decimal(given);
                Optional<Double> e = decimal(expected);
                yield g.isPresent() && e.isPresent()
                        && Math.abs(g.get() - e.get()) <= Math.max(0.05, Math.abs(e.get()) * 0.10);
            }
            case TEXT -> texts(expected).contains(text(given));
        };
    }

    private static Optional<String> unreadable(Kind kind, Object given) {
        if (given == null) {
            return Optional.of("replace null (or ___) with your answer.");
        }
        return switch (kind) {
            case NUMBER -> number(given).isPresent() ? Optional.empty()
                    : Optional.of("give a whole number, like 42 (you gave " + given + ").");
            case FLAGS -> flags(given).isPresent() ? Optional.empty()
                    : Optional.of("give the flags as a number or as hex text like \"0x002\" (you gave " + given + ").");
            case MILLIS -> decimal(given).isPresent() ? Optional.empty()
                    : Optional.of("give a number of milliseconds, like 0.25 (you gave " + given + ").");
            case TEXT -> text(given).isEmpty() ? Optional.of("give a name, like \"client\".") : Optional.empty();
        };
    }

    static Optional<Long> number(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return Optional.of(((Number) v).longValue());
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Optional.of(n.longValue());
        }
        if (v instanceof CharSequence cs) {
            String s = cs.toString().trim().replace("_", "");
            try {
                return Optional.of(s.toLowerCase(Locale.ROOT).startsWith("0x") ? Long.parseLong(s.substring(2), 16)
                        : Long.parseLong(s));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static Optional<Long> flags(Object v) {
        if (v instanceof CharSequence cs) {
            String s = cs.toString().trim().toUpperCase(Locale.ROOT);
            if (s.startsWith("0X")) {
                return number(s.toLowerCase(Locale.ROOT));
            }
            if (s.matches("[0-9A-F]{1,4}")) {
                // Wireshark shows flags in hex: "12" is SYN+ACK, as the course note writes it
                return Optional.of(Long.parseLong(s, 16));
            }
            long bits = 0;
            for (String part : s.split("[^A-Z]+")) {
                if (part.isEmpty()) {
                    continue;
                }
                int bit = org.handshakelab.dissect.TcpFlags.bit(part);
                if (bit == 0) {
                    return Optional.empty();
                }
                bits |= bit;
            }
            return bits == 0 ? Optional.empty() : Optional.of(bits);
        }
        return number(v);
    }

    static Optional<Double> decimal(Object v) {
        if (v instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        if (v instanceof CharSequence cs) {
            try {
                return Optional.of(Double.parseDouble(cs.toString().trim().replaceFirst("(?i)\\s*ms$", "")));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static String text(Object v) {
        return v == null ? "" : v.toString().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-\"'.]+", "");
    }

    /** The accepted forms: a reference may be a list of equivalent answers (a suite's name and its code). */
    private static List<String> texts(Object expected) {
        List<String> out = new ArrayList<>();
        if (expected instanceof List<?> list) {
            list.forEach(e -> out.add(text(e)));
        } else {
            out.add(text(expected));
        }
        return out;
    }

    private static Object firstForm(Object reference) {
        return reference instanceof List<?> l && !l.isEmpty() ? l.get(0) : reference;
    }

    /** For the tests: every registered question's reference passes its own check. */
    static List<String> failingReferences() {
        List<String> failing = new ArrayList<>();
        for (String id : ids()) {
            Question q = question(id).orElseThrow();
            Object ref = q.reference().get();
            Object first = firstForm(ref);
            if (unreadable(q.kind(), first).isPresent() || !matches(q.kind(), ref, first)) {
                failing.add(id + " (reference " + ref + ")");
            }
        }
        return failing;
    }
}
