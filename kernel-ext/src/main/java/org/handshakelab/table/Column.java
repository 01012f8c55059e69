package org.handshakelab.table;

import java.util.List;
import org.handshakelab.dissect.Field;

/**
 * The columns of the packet table, named exactly as the Wireshark fields they hold, so that
 * {@code tshark -T fields -e <name>} prints the same values (see {@link PacketTable#text}).
 */
public enum Column {
    FRAME_NUMBER("frame.number", null),
    FRAME_TIME_RELATIVE("frame.time_relative", null),
    IP_SRC("ip.src", null),
    IP_DST("ip.dst", null),
    TCP_SRCPORT("tcp.srcport", null),
    TCP_DSTPORT("tcp.dstport", null),
    TCP_STREAM("tcp.stream", null),
    TCP_FLAGS("tcp.flags", null),
    TCP_SEQ("tcp.seq", null),
    TCP_ACK("tcp.ack", null),
    TCP_SEQ_RAW("tcp.seq_raw", null),
    TCP_ACK_RAW("tcp.ack_raw", null),
    TCP_LEN("tcp.len", null),
    TCP_WINDOW_SIZE_VALUE("tcp.window_size_value", null),
    TLS_RECORD_CONTENT_TYPE(Field.TLS_RECORD_CONTENT_TYPE),
    TLS_HANDSHAKE_TYPE(Field.TLS_HANDSHAKE_TYPE),
    SSH_PROTOCOL(Field.SSH_PROTOCOL),
    SSH_MESSAGE_CODE(Field.SSH_MESSAGE_CODE),
    HTTP_REQUEST_METHOD(Field.HTTP_REQUEST_METHOD),
    HTTP_REQUEST_URI(Field.HTTP_REQUEST_URI),
    HTTP_RESPONSE_CODE(Field.HTTP_RESPONSE_CODE);

    /** Every column, in the order {@code ./lab table --tsv} prints them. */
    public static final List<Column> ALL = List.of(values());
    /** The frame, IP and TCP columns: {@code frame.number} through {@code tcp.window_size_value}. */
    public static final List<Column> TCP_IP = ALL.subList(0, TCP_WINDOW_SIZE_VALUE.ordinal() + 1);

    private final String wiresharkName;
    private final Field field;

    Column(String wiresharkName, Field field) {
        this.wiresharkName = wiresharkName;
        this.field = field;
    }

    Column(Field field) {
        this(field.wiresharkName(), field);
    }

    /** The Wireshark field name, e.g. {@code tcp.seq}. */
    public String wiresharkName() {
        return wiresharkName;
    }

    /** The application field this column shows, or null for the frame, IP and TCP columns. */
    public Field field() {
        return field;
    }

    /** The column named {@code name} (a Wireshark field name). */
    public static Column named(String name) {
        for (Column c : values()) {
            if (c.wiresharkName.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("name must be one of the table's Wireshark fields " + names() + ": "
                + name);
    }

    private static List<String> names() {
        return ALL.stream().map(Column::wiresharkName).toList();
    }

    /** The column of an application field. */
    public static Column of(Field field) {
        return named(field.wiresharkName());
    }
}
