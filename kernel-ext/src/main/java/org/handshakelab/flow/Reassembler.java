package org.handshakelab.flow;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts one direction's TCP payload back in sequence order (RFC 9293 §3.10.7.4): each byte is delivered
 * once, in order; segments that arrive early wait (up to {@link #MAX_BUFFERED} bytes), retransmitted and
 * overlapping bytes are dropped. When bytes are missing for good (not captured, or too much waiting
 * behind a hole), the direction ends with an anomaly rather than handing a dissector a stream with a
 * hole in it.
 */
final class Reassembler {

    /** Out-of-order bytes held per direction before the hole is given up on. */
    static final int MAX_BUFFERED = 1 << 20;

    /** Receives the ordered bytes of one direction. */
    interface Target {
        void deliver(ByteBuffer data, long frame);

        void end(long frame, String anomaly);
    }

    private record Early(int seq, byte[] data) {
    }

    private boolean started;
    private int next;
    private boolean ended;
    private boolean finKnown;
    private int finSeq;
    private List<Early> early;
    private int buffered;

    boolean ended() {
        return ended;
    }

    /** A SYN fixes the first data byte at ISN + 1. */
    void syn(int isn) {
        if (!started) {
            started = true;
            next = isn + 1;
        }
    }

    /**
     * A segment whose payload starts at sequence number {@code seq}: {@code captured} bytes of it are at
     * {@code view}'s position (its limit set accordingly) out of {@code length} sent. {@code fin} says a
     * FIN follows the payload.
     */
    void segment(int seq, ByteBuffer view, int captured, int length, boolean fin, long frame, Target target) {
        if (ended) {
            return;
        }
        if (!started) {
            started = true;
            next = seq;
        }
        if (fin) {
            finKnown = true;
            finSeq = seq + length;
        }
        if (length > 0) {
            int ahead = seq - next;
            if (ahead > 0) {
                hold(seq, view, captured, length, frame, target);
                return;
            }
            int skip = -ahead;
            if (skip < length) {
                if (captured < length) {
                    if (skip < captured) {
                        deliverPart(view, skip, captured - skip, frame, target);
                    }
                    end(frame, target, (length - captured) + " payload bytes not captured (snap length) at frame "
                            + frame);
                    return;
                }
                deliverPart(view, skip, length - skip, frame, target);
                drain(frame, target);
            }
        }
        if (finKnown && next == finSeq && !ended) {
            end(frame, target, null);
        }
    }

    private void deliverPart(ByteBuffer view, int skip, int count, long frame, Target target) {
        int start = view.position() + skip;
        view.limit(start + count).position(start);
        next += count;
        target.deliver(view, frame);
    }

    private void hold(int seq, ByteBuffer view, int captured, int length, long frame, Target target) {
        if (captured < length) {
            // what is missing at the end of an early segment cannot be recovered either
            captured = 0;
        }
        if (buffered + captured > MAX_BUFFERED || captured == 0) {
            end(frame, target, "bytes missing before sequence number " + Integer.toUnsignedString(seq)
                    + " (not captured); dissection of this direction stops at frame " + frame);
            return;
        }
        byte[] copy = new byte[captured];
        view.get(view.position(), copy, 0, captured);
        if (early == null) {
            early = new ArrayList<>();
        }
        int i = 0;
        while (i < early.size() && early.get(i).seq - seq <= 0) {
            i++;
        }
        early.add(i, new Early(seq, copy));
        buffered += captured;
    }

    /**
     * Delivers waiting segments that have become contiguous, as bytes of {@code frame}: the frame that
     * filled the hole is the one on which whatever they complete is complete.
     */
    private void drain(long frame, Target target) {
        while (early != null && !early.isEmpty() && !ended) {
            Early e = early.get(0);
            int skip = next - e.seq;
            if (skip < 0) {
                return;
            }
            early.remove(0);
            buffered -= e.data.length;
            if (skip < e.data.length) {
                ByteBuffer b = ByteBuffer.wrap(e.data).asReadOnlyBuffer();
                deliverPart(b, skip, e.data.length - skip, frame, target);
            }
        }
    }

    /** The direction ends: FIN or RST reached, bytes missing, or the capture is over. */
    void end(long frame, Target target, String anomaly) {
        if (!ended) {
            ended = true;
            early = null;
            buffered = 0;
            target.end(frame, anomaly);
        }
    }
}
