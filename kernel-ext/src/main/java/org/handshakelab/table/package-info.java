/**
 * The packet table: one row per frame, built from a capture file in one pass.
 *
 * <p>Stage: after {@code flow}, before the notebook's tables and charts. Takes a
 * {@link org.handshakelab.capture.CaptureFile} and gives a {@link org.handshakelab.table.PacketTable}:
 * columnar (primitive arrays, about 70 bytes of heap per frame) with the frame, IP and TCP fields and a
 * sparse side structure for the application fields the dissectors report. {@link org.handshakelab.table.Column}s
 * are named and formatted exactly as Wireshark's fields, so {@code PacketTable#writeTsv} prints what
 * {@code tshark -T fields -E occurrence=a -E aggregator=,} prints for the same file.
 * {@link org.handshakelab.table.TableMain} is the command line ({@code ./lab table --tsv FILE},
 * {@code ./lab bench FILE}).
 */
package org.handshakelab.table;
