/**
 * The Handshake Lab Jupyter kernel: a JShell kernel on {@code jjava-jupyter}'s {@code BaseKernel}.
 *
 * <p>Stage: the front of the house. It takes Jupyter messages (execute, complete, inspect,
 * is_complete, history, kernel_info, interrupt, shutdown) and evaluates cells with JShell in the
 * kernel's own process, so that the objects a cell returns reach the JJava renderers that
 * extensions such as {@code kernel-ext} register. It behaves like JJava: kernelspec name
 * {@code java}, {@code display(...)}, extensions found through
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension}, and the {@code %classpath},
 * {@code %jars} and {@code %time} magics.
 */
package org.handshakelab.kernel;
