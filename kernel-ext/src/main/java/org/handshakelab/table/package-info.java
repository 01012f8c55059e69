/**
 * The packet table: one row per frame, built from a capture file in one pass.
 *
 * <p>Stage: after {@code flow}, before the notebook's tables and charts. Takes a
 * {@link org.handshakelab.capture.CaptureFile} and gives a {@link org.handshakelab.table.PacketTable}:
 * columnar (primitive arrays, about 70 bytes of heap per frame) with the frame, IP and TCP fields and a
 * sparse side structure for the application fields the dissectors report. {@link org.handshakelab.table.Column}s
 * are named and formatted exactly as Wireshark's fields, so {@code PacketTable#writeTsv} prints what
 * {@code tshark -T fields -E occurrence=a -E aggregator=,} prints for the same file.
 * {@link org.handshakelab.table.TableMain} is the command line ({@code ./lab table --tsv [--keylog KEYLOG] FILE},
 * {@code ./lab bench FILE}). {@link org.handshakelab.table.TableOptions} carries the secrets TLS is decrypted with
 * (a key log, and the capture's own Decryption Secrets Blocks unless turned off);
 * {@link org.handshakelab.table.KeyScheduleTables} shows the decrypted records and one record's key schedule.
 */
package org.handshakelab.table;
