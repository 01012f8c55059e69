package org.handshakelab.view;

import java.util.ArrayList;
import java.util.List;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.flow.AppStreamDissectors;
import org.handshakelab.flow.StreamDissectorFactory;
import org.handshakelab.table.PacketTable;
import org.handshakelab.table.TableOptions;

/**
 * The messages (records of {@code dissect.tls}, {@code dissect.ssh}, {@code dissect.http}) the lab's
 * dissectors report on one frame. The packet table keeps only their fields, so the capture is dissected
 * again with the same dissectors, and the messages of that frame are kept: whatever the dissectors learn
 * (decrypted TLS or SSH messages) shows up here unchanged.
 */
final class FrameMessages {

    /** One message and the side that sent it (0 client, 1 server). */
    record Message(int direction, Object message) {
    }

    private FrameMessages() {
    }

    static List<Message> of(CaptureFile capture, int frame) {
        List<Message> out = new ArrayList<>();
        StreamDissectorFactory tapped = AppStreamDissectors.INSTANCE.tapped((stream, f, direction, message) -> {
            if (f == frame) {
                out.add(new Message(direction, message));
            }
        });
        PacketTable.build(capture, TableOptions.builder().dissector(tapped).build());
        return out;
    }
}
