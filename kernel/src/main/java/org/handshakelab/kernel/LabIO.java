package org.handshakelab.kernel;

import java.nio.charset.Charset;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.JupyterIO;

/** The kernel's Jupyter streams, with attach/detach open to the kernel's own execute handler. */
final class LabIO extends JupyterIO {

    LabIO(Charset encoding) {
        super(encoding);
    }

    void attach(ShellReplyEnvironment env, boolean stdinAllowed) {
        setEnv(env);
        setJupyterInEnabled(stdinAllowed);
    }

    void detach(ShellReplyEnvironment env) {
        retractEnv(env);
    }
}
