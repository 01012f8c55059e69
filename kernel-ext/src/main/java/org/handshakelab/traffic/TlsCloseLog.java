package org.handshakelab.traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * The close events of both ends of one connection. Each end adds an event just before it puts the bytes on the
 * wire, and each event is caused by the one before it (a close_notify answers a close_notify, a FIN follows
 * reading the peer's), so the order here is the order on the wire.
 */
final class TlsCloseLog {

    private final List<TlsCloseEvent> events = new ArrayList<>();

    synchronized void add(TlsCloseEvent event) {
        events.add(event);
    }

    synchronized List<TlsCloseEvent> events() {
        return List.copyOf(events);
    }
}
