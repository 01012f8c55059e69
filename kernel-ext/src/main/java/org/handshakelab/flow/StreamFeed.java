package org.handshakelab.flow;

import static org.handshakelab.dissect.TcpFlags.FIN;
import static org.handshakelab.dissect.TcpFlags.RST;
import static org.handshakelab.dissect.TcpFlags.SYN;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.handshakelab.dissect.DissectionSink;
import org.handshakelab.dissect.StreamDissector;

/**
 * The application side of the TCP analysis: each direction's payload put back in order
 * ({@link Reassembler}), the protocol recognised by content ({@link StreamDissectorFactory},
 * {@link Detection}) and the bytes handed to the stream's {@link StreamDissector}, whose failures are
 * contained: a dissector that throws is dropped with an anomaly.
 */
final class StreamFeed {

    private final AddressTable addresses;
    private final DissectionSink sink;
    private final List<StreamDissectorFactory> factories;
    private final List<TcpConversation> dissected = new ArrayList<>();
    private ByteBuffer viewSource;
    private ByteBuffer view;

    StreamFeed(AddressTable addresses, DissectionSink sink, List<StreamDissectorFactory> factories) {
        this.addresses = addresses;
        this.sink = sink;
        this.factories = factories;
    }

    void reassemble(ByteBuffer b, int start, int captured, TcpConversation c, TcpFlow fwd, TcpFlow rev,
                    int flags, int rawSeq, int seglen, long frame) {
        if (c.detectionDone && c.dissector == null) {
            return;
        }
        int dir = c.direction(fwd);
        Reassembler r = reassembler(c, fwd, dir);
        if ((flags & SYN) != 0) {
            r.syn(rawSeq);
        }
        if ((flags & RST) != 0) {
            r.end(frame, fwd.target, null);
            reassembler(c, rev, 1 - dir).end(frame, rev.target, null);
            return;
        }
        if (seglen > 0 || (flags & FIN) != 0) {
            if (b != viewSource) {
                viewSource = b;
                view = b.asReadOnlyBuffer();
            }
            view.limit(view.capacity()).position(start).limit(start + captured);
            int dataSeq = (flags & SYN) != 0 ? rawSeq + 1 : rawSeq;
            r.segment(dataSeq, view, captured, seglen, (flags & FIN) != 0, frame, fwd.target);
        }
    }

    private Reassembler reassembler(TcpConversation c, TcpFlow f, int dir) {
        if (f.stream == null) {
            f.stream = new Reassembler();
            f.target = new Reassembler.Target() {
                @Override
                public void deliver(ByteBuffer data, long frame) {
                    StreamFeed.this.deliver(c, dir, data, frame);
                }

                @Override
                public void end(long frame, String anomaly) {
                    StreamFeed.this.end(c, dir, frame, anomaly);
                }
            };
        }
        return f.stream;
    }

    private void deliver(TcpConversation c, int dir, ByteBuffer data, long frame) {
        if (c.dissector != null) {
            accept(c, dir, data, frame);
            return;
        }
        if (c.detectionDone) {
            return;
        }
        Detection pending = c.detection;
        ByteBuffer offer = data;
        if (pending != null) {
            pending.add(dir, frame, data);
            offer = pending.bytes(dir);
        }
        StreamDissector d = detect(c, dir, offer, frame);
        if (d == null) {
            int seen = pending == null ? data.remaining() : pending.length(dir);
            if (seen >= Detection.BYTES) {
                c.detectionDone = true; // no factory wants this stream
                c.detection = null;
            } else if (pending == null) {
                // too few bytes to tell yet: keep them, and ask again with the next ones
                c.detection = new Detection();
                c.detection.add(dir, frame, data);
            }
            return;
        }
        c.dissector = d;
        c.detectionDone = true;
        dissected.add(c);
        if (pending == null) {
            accept(c, dir, data, frame);
        } else {
            c.detection = null;
            pending.replay((direction, bytes, f) -> accept(c, direction, bytes, f));
        }
    }

    private void accept(TcpConversation c, int dir, ByteBuffer data, long frame) {
        if (c.dissector == null) {
            return;
        }
        try {
            c.dissector.accept(dir, data, (int) frame);
        } catch (RuntimeException e) {
            fail(c, frame, e);
        }
    }

    private StreamDissector detect(TcpConversation c, int dir, ByteBuffer data, long frame) {
        int position = data.position();
        int limit = data.limit();
        for (StreamDissectorFactory f : factories) {
            StreamDissector d;
            try {
                d = f.open(info(c), dir, data, sink);
            } catch (RuntimeException e) {
                sink.anomaly((int) frame, "tcp.stream " + c.stream + ": protocol detection failed in "
                        + f.getClass().getName() + ": " + e);
                d = null;
            }
            data.limit(limit).position(position);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private TcpStreamInfo info(TcpConversation c) {
        if (c.info == null) {
            long client = c.clientFlow == 1 ? c.endpoint1 : c.endpoint2;
            long server = c.clientFlow == 1 ? c.endpoint2 : c.endpoint1;
            c.info = new TcpStreamInfo(c.stream, addresses.format((int) (client >>> 16)), (int) (client & 0xFFFF),
                    addresses.format((int) (server >>> 16)), (int) (server & 0xFFFF), c.firstFrame);
        }
        return c.info;
    }

    private void end(TcpConversation c, int dir, long frame, String anomaly) {
        if (anomaly != null && c.dissector != null) {
            sink.anomaly((int) frame, "tcp.stream " + c.stream + ": " + anomaly);
        }
        if (c.dissector != null) {
            try {
                c.dissector.end(dir, (int) frame);
            } catch (RuntimeException e) {
                fail(c, frame, e);
            }
            if (ended(c.flow1) && ended(c.flow2)) {
                // both directions are over: let the dissector's buffers go (a large capture has many streams)
                c.dissector = null;
            }
        }
    }

    private static boolean ended(TcpFlow f) {
        return f.stream != null && f.stream.ended();
    }

    private void fail(TcpConversation c, long frame, RuntimeException e) {
        sink.anomaly((int) frame, "tcp.stream " + c.stream + ": dissector " + c.dissector.getClass().getName()
                + " failed (" + e + "); the stream is not dissected further");
        c.dissector = null;
    }

    /** Ends every direction still open (the capture is over): dissectors get {@link StreamDissector#end}. */
    void finish(long lastFrame) {
        for (TcpConversation c : dissected) {
            for (TcpFlow f : new TcpFlow[] {c.flow1, c.flow2}) {
                if (f.stream != null && c.dissector != null) {
                    f.stream.end(lastFrame, f.target, null);
                }
            }
        }
        dissected.clear();
    }

}
