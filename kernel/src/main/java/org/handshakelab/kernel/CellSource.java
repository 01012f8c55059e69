package org.handshakelab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cell split into Java code and magics, keeping each part's offset in the cell so that errors
 * point at the line the student typed.
 *
 * <p>A cell magic ({@code %%time}) takes the first line and applies to the rest of the cell. A line
 * magic ({@code %classpath x.jar}) is a line whose first non-blank characters are {@code %} and a
 * name; the code around it runs before and after it, in order.
 */
record CellSource(String text, String cellMagic, String cellMagicArgs, int bodyOffset, List<Part> parts) {

    private static final Pattern CELL_MAGIC = Pattern.compile("\\A[ \\t]*%%([A-Za-z_][\\w-]*)([^\\n]*)(?:\\n|\\z)");
    private static final Pattern LINE_MAGIC = Pattern.compile("^[ \\t]*%([A-Za-z_][\\w-]*)(.*)$", Pattern.MULTILINE);

    /** A piece of the cell, in cell order. */
    sealed interface Part permits Code, Magic {
        /** Offset of the part's first character in the cell. */
        int offset();
    }

    /** Java source to hand to JShell. */
    record Code(String source, int offset) implements Part {
    }

    /** A line magic: its name and the rest of its line. */
    record Magic(String name, String args, int offset) implements Part {
    }

    CellSource {
        parts = List.copyOf(parts);
    }

    /** True when the cell starts with {@code %%name}. */
    boolean hasCellMagic() {
        return cellMagic != null;
    }

    /** The cell after its {@code %%} line, or the whole cell. */
    String body() {
        return text.substring(bodyOffset);
    }

    static CellSource parse(String text) {
        Matcher cell = CELL_MAGIC.matcher(text);
        if (cell.find()) {
            return new CellSource(text, cell.group(1), cell.group(2).strip(), cell.end(), List.of());
        }
        return new CellSource(text, null, null, 0, split(text, 0));
    }

    /** Splits {@code text} (which starts at {@code base} in the cell) into code and line magics. */
    static List<Part> split(String text, int base) {
        List<Part> parts = new ArrayList<>();
        Matcher m = LINE_MAGIC.matcher(text);
        int codeStart = 0;
        while (m.find()) {
            addCode(parts, text.substring(codeStart, m.start()), base + codeStart);
            parts.add(new Magic(m.group(1), m.group(2).strip(), base + m.start()));
            codeStart = m.end();
        }
        addCode(parts, text.substring(codeStart), base + codeStart);
        return parts;
    }

    private static void addCode(List<Part> parts, String code, int offset) {
        if (!code.isBlank()) {
            parts.add(new Code(code, offset));
        }
    }

    /**
     * The cell with every magic line blanked out by spaces, so offsets stay those of the cell:
     * for completion, inspection and is_complete, which only look at the Java.
     */
    static String maskMagics(String text) {
        StringBuilder out = new StringBuilder(text);
        Matcher cell = CELL_MAGIC.matcher(text);
        if (cell.find()) {
            blank(out, cell.start(), cell.end());
        }
        Matcher line = LINE_MAGIC.matcher(out.toString());
        while (line.find()) {
            blank(out, line.start(), line.end());
        }
        return out.toString();
    }

    private static void blank(StringBuilder out, int from, int to) {
        for (int i = from; i < to; i++) {
            if (out.charAt(i) != '\n') {
                out.setCharAt(i, ' ');
            }
        }
    }
}
