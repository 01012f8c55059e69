package org.handshakelab.notebook;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static java.nio.charset.StandardCharsets.UTF_8;

/** A kernel with no Jupyter connection that records every {@link #evalRaw} and hands it to an evaluator. */
final class RecordingKernel extends BaseKernel {

    private final List<String> evaluated = new ArrayList<>();
    private final UnaryOperator<String> evaluator;

    /** A kernel whose evaluation does nothing. */
    RecordingKernel() {
        this(source -> null);
    }

    /** A kernel that evaluates with {@code evaluator}, which may throw as a real kernel does. */
    RecordingKernel(UnaryOperator<String> evaluator) {
        super("test", "0", null, List.of(), null, new JupyterIO(UTF_8), new CommManager(), new Renderer(),
                null, null, true, new StringStyler.Builder().build());
        this.evaluator = evaluator;
    }

    /** Every source given to {@link #evalRaw}, in order. */
    List<String> evaluated() {
        return List.copyOf(evaluated);
    }

    /** Loads extensions from the class path as a kernel does on startup. */
    void installExtensionsFromClassPath() {
        installDefaultExtensions();
    }

    @Override
    public Object evalRaw(String source) {
        evaluated.add(source);
        return evaluator.apply(source);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return null;
    }

    @Override
    public String isComplete(String code) {
        return IS_COMPLETE_MAYBE;
    }
}
