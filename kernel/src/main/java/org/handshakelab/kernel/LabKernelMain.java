package org.handshakelab.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/** Starts the kernel for Jupyter: {@code LabKernelMain <connection-file>}. */
public final class LabKernelMain {

    private LabKernelMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        if (args.length != 1) {
            System.err.println("usage: LabKernelMain <jupyter-connection-file>   (Jupyter starts the kernel; run ./lab start)");
            System.exit(2);
        }
        String json;
        try {
            json = Files.readString(Path.of(args[0]));
        } catch (IOException e) {
            System.err.println("cannot read the connection file " + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        JupyterConnection connection = new JupyterConnection(KernelConnectionProperties.parse(json));
        LabKernel kernel = LabKernel.builder().build();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        // Answer kernel_info at once; the first cell waits (the kernel's lock) until JShell is warm.
        Thread startup = new Thread(kernel::onStartup, "kernel-startup");
        startup.start();
        connection.waitUntilClose();
        System.exit(0);
    }
}
