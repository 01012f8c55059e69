/**
 * Stage: views, after {@code table} and before {@code notebook}: what a student looks at.
 *
 * <p>Takes a {@link org.handshakelab.table.PacketTable} (and, for packet details, the frames of the
 * {@link org.handshakelab.capture.CaptureFile} it was built from) and gives objects that draw themselves:
 * the Wireshark-like {@link org.handshakelab.view.PacketList} and the per-step
 * {@link org.handshakelab.view.StepTable}s as HTML, the tcptrace-style
 * {@link org.handshakelab.view.TimeSequenceChart} and the {@link org.handshakelab.view.LadderDiagram} as PNG,
 * and {@link org.handshakelab.view.PacketDetails} (dissection tree and hex dump) as HTML. Each is an
 * {@link org.handshakelab.view.HtmlView} or an {@link org.handshakelab.view.ImageView} with a text form;
 * the {@code notebook} stage only registers renderers for those two interfaces, so nothing here touches
 * the kernel. Everything comes from the table's fields and phase labels, so what the dissectors learn
 * (decrypted TLS and SSH messages) shows up here unchanged.
 */
package org.handshakelab.view;
