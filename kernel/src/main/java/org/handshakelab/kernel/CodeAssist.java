package org.handshakelab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import jdk.jshell.SourceCodeAnalysis.Suggestion;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/**
 * Completion, inspection and is_complete for a cell: JShell's source analysis applied to the
 * snippet under the cursor, with the cell's magic lines blanked out so offsets stay the cell's.
 */
final class CodeAssist {

    private static final Pattern MAGIC_PREFIX = Pattern.compile("^[ \\t]*(%%?)([\\w-]*)$");

    private final SourceCodeAnalysis analysis;
    private final MagicsRegistry magicsRegistry;

    CodeAssist(SourceCodeAnalysis analysis, MagicsRegistry magicsRegistry) {
        this.analysis = analysis;
        this.magicsRegistry = magicsRegistry;
    }


    /** Completions at {@code at}: magic names on a magic line, else JShell's suggestions. */
    ReplacementOptions complete(String code, int at) {
        at = Math.max(0, Math.min(at, code.length()));
        int lineStart = code.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        if (at == 0) {
            lineStart = 0;
        }
        Matcher m = MAGIC_PREFIX.matcher(code.substring(lineStart, at));
        if (m.matches()) {
            boolean cellMagic = m.group(1).length() == 2;
            Set<String> names = cellMagic ? magicsRegistry.getCellMagicNames() : magicsRegistry.getLineMagicNames();
            List<String> options = new ArrayList<>();
            if ("time".startsWith(m.group(2))) {
                options.add("time");
            }
            names.stream().sorted().filter(n -> n.startsWith(m.group(2)) && !n.equals("time")).forEach(options::add);
            return new ReplacementOptions(options, lineStart + m.start(2), at);
        }
        String masked = CellSource.maskMagics(code);
        int start = snippetStart(masked, at);
        int[] anchor = new int[1];
        List<Suggestion> suggestions = analysis.completionSuggestions(masked.substring(start), at - start, anchor);
        List<String> options = suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(Suggestion::continuation)
                .distinct()
                .toList();
        return new ReplacementOptions(options, start + anchor[0], at);
    }

    /** The signatures and Javadoc of what is at {@code at}, or null. */
    DisplayData inspect(String code, int at) {
        at = Math.max(0, Math.min(at, code.length()));
        String masked = CellSource.maskMagics(code);
        int start = snippetStart(masked, at);
        List<Documentation> docs = analysis.documentation(masked.substring(start), at - start, true);
        if (docs.isEmpty()) {
            // JShell documents a method once its '(' is typed: "System.out.println|" asks for it too.
            String withParen = masked.substring(start, at) + "(" + masked.substring(at);
            docs = analysis.documentation(withParen, at - start + 1, true);
        }
        if (docs.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Documentation d : docs) {
            text.append(d.signature()).append('\n');
            if (d.javadoc() != null && !d.javadoc().isBlank()) {
                text.append(d.javadoc().strip()).append("\n\n");
            }
        }
        return new DisplayData(text.toString().strip());
    }

    /** {@code complete}, {@code invalid}, or the indent for the next line when more is needed. */
    String isComplete(String code) {
        String rest = CellSource.maskMagics(code);
        while (true) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case EMPTY:
                    return BaseKernel.IS_COMPLETE_YES;
                case COMPLETE:
                case COMPLETE_WITH_SEMI:
                    if (info.remaining().isBlank()) {
                        return BaseKernel.IS_COMPLETE_YES;
                    }
                    rest = info.remaining();
                    break;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return "    ".repeat(Math.max(1, depth(code)));
                default:
                    return BaseKernel.IS_COMPLETE_BAD;
            }
        }
    }

    private static int depth(String code) {
        int d = 0;
        for (char c : code.toCharArray()) {
            if (c == '{' || c == '(') {
                d++;
            } else if ((c == '}' || c == ')') && d > 0) {
                d--;
            }
        }
        return d;
    }

    /** Offset where the snippet holding {@code at} begins. */
    private int snippetStart(String code, int at) {
        int pos = 0;
        String rest = code;
        while (true) {
            int lead = rest.length() - rest.stripLeading().length();
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete() || info.completeness() == Completeness.EMPTY) {
                return Math.min(pos + lead, at);
            }
            int consumed = rest.length() - info.remaining().length();
            if (consumed <= 0 || pos + consumed >= at) {
                return Math.min(pos + lead, at);
            }
            pos += consumed;
            rest = info.remaining();
        }
    }
}
