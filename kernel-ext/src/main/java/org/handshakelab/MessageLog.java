package org.handshakelab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.handshakelab.flow.AppStreamDissectors;
import org.handshakelab.flow.StreamDissectorFactory;

/**
 * The lab's application dissectors, keeping every message they report besides the table's fields: the packet
 * table has one value per field, a notebook also wants the ClientHello's cipher suites or the KEXINIT lists.
 */
final class MessageLog {

    private final List<Dissected> messages = new ArrayList<>();

    /** The dissectors to build the table with; their messages (decrypted ones too) land in this log. */
    StreamDissectorFactory dissectors() {
        return AppStreamDissectors.INSTANCE.tapped(
                (stream, frame, direction, message) -> messages.add(new Dissected(frame, stream, direction, message)));
    }

    /** The messages in frame order (a message reported late, e.g. encrypted bytes, sorts by its frame). */
    List<Dissected> messages() {
        List<Dissected> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparingInt(Dissected::frame)); // stable: wire order within a frame stays
        return List.copyOf(sorted);
    }
}
