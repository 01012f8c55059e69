package org.handshakelab.kernel;

import java.util.ArrayList;
import java.util.List;

import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

/**
 * Reply contents that follow the Jupyter messaging protocol to the letter where the library's own
 * leave something out: every reply carries {@code status}, and history entries are
 * {@code [session, line, input]} triples.
 */
final class Replies {

    private Replies() {
    }

    /** kernel_info_reply with {@code "status": "ok"}. */
    static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused") // serialised by Gson
        private final String status = "ok";

        KernelInfo(String protocol, String name, String version, LanguageInfo language, String banner, List<HelpLink> links) {
            super(protocol, name, version, language, banner, links);
        }
    }

    /** history_reply: {@code status} and a list of {@code [session, line, input]} (or {@code [.., [input, output]]}). */
    static final class History {
        @SuppressWarnings("unused")
        private final String status = "ok";
        @SuppressWarnings("unused")
        private final List<List<Object>> history;

        History(List<HistoryEntry> entries) {
            List<List<Object>> out = new ArrayList<>();
            for (HistoryEntry e : entries) {
                Object io = e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput();
                out.add(List.of(e.getSession(), e.getCellNumber(), io));
            }
            this.history = out;
        }
    }
}
