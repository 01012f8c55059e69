package org.handshakelab.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;

/**
 * A Jupyter kernel that evaluates Java cells with JShell inside its own process.
 *
 * <p>Each cell is split into JShell snippets (and magics); the value of the last one, when it is an
 * expression without a trailing {@code ;}, goes through the JJava renderer, so an extension's
 * renderers (a Tablesaw table as HTML, an XChart chart as PNG) show it.
 */
public final class LabKernel extends BaseKernel {

    /** Imports every cell starts with: JShell's usual ones plus JJava's notebook statics. */
    static final List<String> STARTUP_IMPORTS = List.of(
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.nio.file.*;",
            "import java.time.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.*;",
            "import java.util.regex.*;",
            "import java.util.stream.*;",
            "import static org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.*;");

    private final LabIO labIO;
    private final InMemoryHistory history;
    private final CellLoader loader;
    private final CellExecutionControl control;
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final CodeAssist assist;
    private final Map<String, int[]> snippetPlaces = new ConcurrentHashMap<>();
    private final Set<String> displayIds = ConcurrentHashMap.newKeySet();

    private LabKernel(String name, String version, LabIO io, InMemoryHistory history,
                      org.dflib.jjava.jupyter.kernel.comm.CommManager comms,
                      org.dflib.jjava.jupyter.kernel.display.Renderer renderer,
                      org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler transpiler,
                      org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry magics,
                      boolean extensionsEnabled,
                      org.dflib.jjava.jupyter.kernel.util.StringStyler errorStyler) {
        super(name, version,
                new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jshell", "java", "java", null),
                List.of(new HelpLink("Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/")),
                history, io, comms, renderer, new MagicParser("^\\s*%", "%%", transpiler), magics,
                extensionsEnabled, errorStyler);
        this.labIO = io;
        this.history = history;
        this.loader = new CellLoader(LabKernel.class.getClassLoader());
        this.control = new CellExecutionControl(loader);
        ExecutionControlProvider provider = new ExecutionControlProvider() {
            @Override
            public String name() {
                return "lab-cells";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return control;
            }
        };
        this.shell = JShell.builder().executionEngine(provider, Map.of()).build();
        this.shell.addToClasspath(System.getProperty("java.class.path"));
        this.analysis = shell.sourceCodeAnalysis();
        this.assist = new CodeAssist(analysis, magicsRegistry);
    }

    /** A builder with the kernel's name, version and magics set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds the kernel; the JJava builder's parts (renderer, comms, magics) are reused. */
    public static final class Builder extends BaseKernelBuilder<Builder, LabKernel> {
        Builder() {
            name("Handshake Lab");
            version(LabKernel.class.getPackage().getImplementationVersion() == null
                    ? "dev" : LabKernel.class.getPackage().getImplementationVersion());
            Magics.register(magicsRegistry);
        }

        @Override
        public LabKernel build() {
            return new LabKernel(buildName(), buildVersion(), new LabIO(buildJupyterIOEncoding()), new InMemoryHistory(),
                    buildCommManager(), buildRenderer(), buildMagicTranspiler(), buildMagicsRegistry(),
                    buildExtensionsEnabled(), buildErrorStyler());
        }
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    /** Imports, the extensions on the class path, then those of {@code JJAVA_CLASSPATH}. */
    @Override
    public synchronized void onStartup() {
        installNotebookKernel();
        for (String imp : STARTUP_IMPORTS) {
            try {
                evalCell(imp, 0);
            } catch (CellError e) {
                System.err.println("startup import skipped (" + imp + "): " + e.evalue());
            }
        }
        if (extensionsEnabled) {
            installExtensionsFrom(getClassLoader());
            String extra = System.getenv("JJAVA_CLASSPATH");
            if (extra != null && !extra.isBlank()) {
                try {
                    addToClasspath(Magics.resolve(List.of(extra), false));
                } catch (RuntimeException e) {
                    System.err.println("JJAVA_CLASSPATH ignored: " + e.getMessage());
                }
            }
        }
    }

    @Override
    public void onShutdown(boolean restarting) {
        control.stop();
        super.onShutdown(restarting);
        shell.close();
    }

    @Override
    public void interrupt() {
        control.stop();
    }

    @Override
    public void display(DisplayData data) {
        if (data.hasDisplayId()) {
            displayIds.add(data.getDisplayId());
        }
        super.display(data);
    }

    // ---- execution ---------------------------------------------------------------------------

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        int count = executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        history.add(count, request.getCode());
        replaceOutputStreams(env);
        labIO.attach(env, request.isStdinEnabled());
        env.defer(() -> labIO.detach(env));
        displayIds.clear();
        try {
            Object value = runCell(request.getCode(), count);
            System.out.flush();
            System.err.flush();
            if (value != null && !(value instanceof String s && displayIds.contains(s))) {
                env.publish(new PublishExecuteResult(count, renderer.render(value)));
            }
            env.defer().reply(new ExecuteReply(count, Map.of()));
        } catch (CellError e) {
            fail(env, count, e);
        } catch (Throwable e) {
            List<String> tb = new ArrayList<>();
            tb.add("The kernel failed while running this cell (its variables are kept): " + e);
            for (StackTraceElement f : e.getStackTrace()) {
                tb.add("    at " + f);
                if (tb.size() > 8) {
                    break;
                }
            }
            fail(env, count, new CellError(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), tb));
        }
    }

    private static void fail(ShellReplyEnvironment env, int count, CellError e) {
        System.out.flush();
        System.err.flush();
        env.publish(new PublishError(e.ename(), e.evalue(), e.traceback()));
        ErrorReply reply = new ErrorReply(e.ename(), e.evalue(), e.traceback());
        reply.setExecutionCount(count);
        env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
    }

    /**
     * Evaluates Java source outside a cell (extensions use it for their imports). Not callable
     * from inside a running cell: JShell evaluates one thing at a time.
     */
    @Override
    public Object evalRaw(String source) {
        if (control.isCellThread()) {
            throw new IllegalStateException("eval(...) cannot run from inside a cell in this kernel: put the code in a cell of its own");
        }
        synchronized (this) {
            return evalCell(source, 0);
        }
    }

    /** Runs a cell the user sent: {@link #evalCell} with interrupts armed for its whole run. */
    Object runCell(String text, int cell) {
        control.beginCell();
        try {
            return evalCell(text, cell);
        } finally {
            control.endCell();
        }
    }

    /** True while a cell sent by the user runs (compiling included). */
    boolean cellInProgress() {
        return control.armed();
    }

    /** Runs a cell's magics and snippets in order; returns the value to display, or null. */
    Object evalCell(String text, int cell) {
        CellSource source = CellSource.parse(text);
        if (source.hasCellMagic()) {
            return runCellMagic(source, cell);
        }
        return runParts(text, source.parts(), cell);
    }

    private Object runParts(String text, List<CellSource.Part> parts, int cell) {
        Object value = null;
        for (CellSource.Part part : parts) {
            value = part instanceof CellSource.Code code
                    ? runCode(text, code.source(), code.offset(), cell)
                    : runLineMagic(text, (CellSource.Magic) part, cell);
        }
        return value;
    }

    private Object runCode(String cellText, String code, int offset, int cell) {
        String rest = code;
        int pos = offset;
        Object value = null;
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness kind = info.completeness();
            if (kind == Completeness.EMPTY) {
                break;
            }
            boolean whole = !kind.isComplete() || info.source() == null;
            String src = whole ? rest : info.source();
            int consumed = whole ? rest.length() : rest.length() - info.remaining().length();
            if (consumed <= 0) {
                src = rest;
                consumed = rest.length();
            }
            String typed = rest.substring(0, consumed);
            // JShell's source is the typed text (plus a ';' it may add): drop the leading blank
            // lines so that the snippet's first line is the cell line it starts on.
            int lead = src.length() - src.stripLeading().length();
            value = runSnippet(cellText, src.substring(lead), pos + lead, typed, cell);
            if (whole && kind != Completeness.UNKNOWN && value == null && !kind.isComplete()) {
                throw CellError.incomplete(cellText);
            }
            rest = rest.substring(consumed);
            pos += consumed;
        }
        return value;
    }

    private Object runSnippet(String cellText, String src, int srcStart, String typed, int cell) {
        control.reset();
        if (control.wasStopped()) {
            throw CellError.interrupted();
        }
        List<SnippetEvent> events = shell.eval(src);
        if (control.wasStopped()) {
            throw CellError.interrupted();
        }
        SnippetEvent main = null;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() == null) {
                main = e;
                break;
            }
        }
        if (main == null) {
            if (!analysis.analyzeCompletion(src).completeness().isComplete()) {
                throw CellError.incomplete(cellText);
            }
            return null;
        }
        Snippet snippet = main.snippet();
        snippetPlaces.put(snippet.id(), new int[] {cell, lineOf(cellText, Math.max(0, srcStart))});
        if (main.status() == Snippet.Status.REJECTED) {
            throw compileError(cellText, snippet, srcStart);
        }
        if (main.exception() != null) {
            throw CellError.runtime(main.exception(), this::place);
        }
        if (main.status() == Snippet.Status.RECOVERABLE_DEFINED || main.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
            if (snippet instanceof jdk.jshell.DeclarationSnippet decl) {
                System.err.println("note: " + decl.name() + " can be used once "
                        + String.join(", ", shell.unresolvedDependencies(decl).toList()) + " is declared");
            }
        }
        boolean expression = switch (snippet.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
        return expression && !typed.stripTrailing().endsWith(";") ? control.lastValue() : null;
    }

    private CellError compileError(String cellText, Snippet snippet, int srcStart) {
        Diag first = null;
        for (Diag d : shell.diagnostics(snippet).toList()) {
            if (d.isError()) {
                first = d;
                break;
            }
        }
        if (first == null) {
            return CellError.incomplete(cellText);
        }
        long start = first.getStartPosition() >= 0 ? first.getStartPosition() : first.getPosition();
        long end = first.getEndPosition() >= 0 ? first.getEndPosition() : start + 1;
        return CellError.compile(cellText, (int) (srcStart + start), (int) (srcStart + end), first.getMessage(Locale.ENGLISH));
    }

    /** "cell [3], line 5" for a frame in a cell's snippet (JShell names it "#id"), else null. */
    private String place(String file, Integer line) {
        if (!file.startsWith("#")) {
            return null;
        }
        int[] where = snippetPlaces.get(file.substring(1));
        if (where == null) {
            return "snippet " + file;
        }
        String cell = where[0] == 0 ? "startup code" : "cell [" + where[0] + "]";
        return line == null || line <= 0 ? cell : cell + ", line " + (where[1] + line);
    }

    private static int lineOf(String text, int offset) {
        int n = 0;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    // ---- magics ------------------------------------------------------------------------------

    private Object runLineMagic(String cellText, CellSource.Magic magic, int cell) {
        if (magic.name().equals("time")) {
            int lineEnd = cellText.indexOf('\n', magic.offset());
            String line = cellText.substring(magic.offset(), lineEnd < 0 ? cellText.length() : lineEnd);
            int argsAt = magic.args().isEmpty() ? line.length() : line.indexOf(magic.args());
            long t0 = System.nanoTime();
            try {
                return runCode(cellText, magic.args(), magic.offset() + argsAt, cell);
            } finally {
                printWallTime(t0);
            }
        }
        if (!magicsRegistry.getLineMagicNames().contains(magic.name())) {
            throw CellError.magic(magic.name(), "unknown magic; this kernel knows " + knownMagics());
        }
        try {
            return magicsRegistry.evalLineMagic(this, magic.name(), Magics.split(magic.args()));
        } catch (CellError e) {
            throw e;
        } catch (Exception e) {
            throw CellError.magic(magic.name(), String.valueOf(e.getMessage()));
        }
    }

    private Object runCellMagic(CellSource source, int cell) {
        String name = source.cellMagic();
        if (name.equals("time")) {
            long t0 = System.nanoTime();
            try {
                return runParts(source.text(), CellSource.split(source.body(), source.bodyOffset()), cell);
            } finally {
                printWallTime(t0);
            }
        }
        if (!magicsRegistry.getCellMagicNames().contains(name)) {
            throw CellError.magic("%" + name, "unknown cell magic; this kernel knows " + knownMagics());
        }
        try {
            return magicsRegistry.evalCellMagic(this, name, Magics.split(source.cellMagicArgs()), source.body());
        } catch (CellError e) {
            throw e;
        } catch (Exception e) {
            throw CellError.magic("%" + name, String.valueOf(e.getMessage()));
        }
    }

    private static void printWallTime(long t0) {
        double ms = (System.nanoTime() - t0) / 1e6;
        System.out.flush();
        System.out.print(String.format(Locale.ROOT, "Wall time: %.1f ms%n", ms));
    }

    private String knownMagics() {
        List<String> names = new ArrayList<>();
        names.add("%time");
        magicsRegistry.getLineMagicNames().stream().sorted().forEach(n -> names.add("%" + n));
        names.add("%%time");
        magicsRegistry.getCellMagicNames().stream().sorted().forEach(n -> names.add("%%" + n));
        return String.join(", ", names);
    }

    /** Adds paths to the cells' class path, then installs the extensions they declare. */
    List<String> addToClasspath(List<Path> paths) {
        List<String> added = new ArrayList<>();
        for (Path p : paths) {
            shell.addToClasspath(p.toString());
            added.add(p.toString());
        }
        installExtensionsFrom(loader.classLoader());
        return added;
    }

    /** Installs each {@code Extension} the loader's services name, once; a broken one is reported, not fatal. */
    private void installExtensionsFrom(ClassLoader classLoader) {
        Iterator<ServiceLoader.Provider<Extension>> providers =
                ServiceLoader.load(Extension.class, classLoader).stream().iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                ServiceLoader.Provider<Extension> provider = providers.next();
                if (!extensions.containsKey(provider.type().getName())) {
                    installExtension(provider.get());
                }
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                System.err.println("An extension could not be installed: " + e.getMessage());
            }
        }
    }

    // ---- protocol replies ---------------------------------------------------------------------

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new Message(message, MessageType.KERNEL_INFO_REPLY, new Replies.KernelInfo(Header.PROTOCOL_VERISON,
                name, version, getLanguageInfo(), getBanner(), getHelpLinks())));
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        HistoryRequest request = message.getContent();
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        List<HistoryEntry> entries = switch (request.getAccessType()) {
            case TAIL -> history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
            case RANGE -> {
                HistoryRequest.Range range = (HistoryRequest.Range) request;
                yield history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), flags);
            }
            case SEARCH -> {
                HistoryRequest.Search search = (HistoryRequest.Search) request;
                if (search.filterUnique()) {
                    flags.add(HistoryManager.ResultFlag.UNIQUE);
                }
                yield history.search(search.getPattern(), search.getMaxReturnLength(), flags);
            }
        };
        env.reply(new Message(message, MessageType.HISTORY_REPLY, new Replies.History(entries)));
    }

    // ---- completion, inspection, is_complete -------------------------------------------------

    @Override
    public synchronized ReplacementOptions complete(String code, int at) {
        return assist.complete(code, at);
    }

    @Override
    public synchronized DisplayData inspect(String code, int at, boolean detail) {
        return assist.inspect(code, at);
    }

    @Override
    public synchronized String isComplete(String code) {
        return assist.isComplete(code);
    }
}
