/**
 * Stage: notebook display, the last stage of the lab.
 *
 * <p>Takes what the earlier stages produce, Tablesaw {@code Table}s and XChart charts, and gives the
 * Jupyter kernel their displays: a table becomes an escaped HTML table (and fixed-width text), a chart a
 * PNG (and a one-line summary). {@link org.handshakelab.notebook.LabExtension} is the JJava extension
 * that registers these renderers and the lab's default imports in a kernel, ours or upstream JJava.
 *
 * <p>This is the only package that imports {@code org.dflib.jjava}; the renderers' pure functions
 * ({@link org.handshakelab.notebook.TableRenderer#html}, {@link org.handshakelab.notebook.ChartRenderer#png})
 * need no kernel.
 */
package org.handshakelab.notebook;
