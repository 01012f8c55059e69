package org.handshakelab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/** The cells run in this kernel session, answered to history requests (session 0 is this one). */
final class InMemoryHistory implements HistoryManager {

    private static final int SESSION = 1;
    private final List<HistoryEntry> entries = new ArrayList<>();

    synchronized void add(int executionCount, String input) {
        entries.add(new HistoryEntry(SESSION, executionCount, input, null));
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        int n = Math.max(0, Math.min(length, entries.size()));
        return List.copyOf(entries.subList(entries.size() - n, entries.size()));
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        if (session != 0 && session != SESSION) {
            return List.of();
        }
        List<HistoryEntry> out = new ArrayList<>();
        for (HistoryEntry e : entries) {
            if (e.getCellNumber() >= start && (stop <= 0 || e.getCellNumber() < stop)) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public synchronized List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
        Pattern glob = globToRegex(pattern == null || pattern.isEmpty() ? "*" : pattern);
        Map<String, HistoryEntry> found = new LinkedHashMap<>();
        List<HistoryEntry> out = new ArrayList<>();
        for (HistoryEntry e : entries) {
            if (glob.matcher(e.getInput()).matches()) {
                if (flags.contains(ResultFlag.UNIQUE)) {
                    found.remove(e.getInput());
                    found.put(e.getInput(), e);
                } else {
                    out.add(e);
                }
            }
        }
        List<HistoryEntry> all = flags.contains(ResultFlag.UNIQUE) ? new ArrayList<>(found.values()) : out;
        int n = length <= 0 ? all.size() : Math.min(length, all.size());
        return List.copyOf(all.subList(all.size() - n, all.size()));
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
