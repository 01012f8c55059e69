package org.handshakelab.view;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.handshakelab.capture.FrameCursor;
import org.handshakelab.dissect.TcpFlags;
import org.handshakelab.table.PacketTable;

/**
 * A connection as the course note draws it: the client's and the server's lifelines, one arrow per packet
 * with its flags, Seq/Ack/Len and the TLS, SSH or HTTP message it carries, time running down, and the
 * phases (TCP handshake, TLS handshake, SSH key exchange, HTTP request/response, close) bracketed on the
 * right. Drawn with Java2D as PNG. A long connection shows its first {@value #HEAD_ARROWS} and last
 * {@value #TAIL_ARROWS} packets around a gap that says how many are left out.
 *
 * <pre>{@code
 * LadderDiagram d = LadderDiagram.of(packets, 0);
 * d.arrows().get(0).label();     // "[SYN] Seq=0 Len=0"
 * }</pre>
 */
public final class LadderDiagram implements ImageView {

    /** Arrows drawn before the gap of a long connection. */
    public static final int HEAD_ARROWS = 40;
    /** Arrows drawn after the gap of a long connection. */
    public static final int TAIL_ARROWS = 15;
    /** Image width in pixels. */
    public static final int WIDTH = 1040;

    private static final int TOP = 90;
    private static final int ROW = 44;
    private static final int CLIENT_X = 230;
    private static final int SERVER_X = 780;
    private static final int SLANT = 16;

    /**
     * One packet drawn as an arrow.
     *
     * @param frame      the frame number (from 1)
     * @param seconds    time since the first packet of the capture
     * @param fromClient true for client → server
     * @param label      flags and numbers, e.g. {@code [SYN, ACK] Seq=0 Ack=1 Len=0}
     * @param message    the application message(s) and the step, e.g. {@code TLS ClientHello}; may be empty
     * @param kind       the phase the packet belongs to
     */
    public record Arrow(int frame, double seconds, boolean fromClient, String label, String message, PhaseKind kind) {
        /** Checks the arguments. */
        public Arrow {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * A phase bracketed on the right: arrows {@code first..last} (indexes into {@link #arrows()}).
     *
     * @param kind  the phase
     * @param first index of the first arrow
     * @param last  index of the last arrow
     */
    public record Bracket(PhaseKind kind, int first, int last) {
    }

    private final String title;
    private final String client;
    private final String server;
    private final List<Arrow> arrows;
    private final List<Bracket> brackets;
    private final int omitted;

    private LadderDiagram(String title, String client, String server, List<Arrow> arrows, List<Bracket> brackets,
                          int omitted) {
        this.title = title;
        this.client = client;
        this.server = server;
        this.arrows = List.copyOf(arrows);
        this.brackets = List.copyOf(brackets);
        this.omitted = omitted;
    }

    /** The ladder of TCP stream {@code stream}. */
    public static LadderDiagram of(PacketTable t, int stream) {
        Objects.requireNonNull(t, "t");
        if (stream < 0 || stream >= Math.max(1, t.streamCount())) {
            throw new IllegalArgumentException("stream must be 0.." + (t.streamCount() - 1) + ": " + stream);
        }
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            if (t.stream(r) == stream) {
                rows.add(r);
            }
        }
        int omitted = 0;
        if (rows.size() > HEAD_ARROWS + TAIL_ARROWS) {
            omitted = rows.size() - HEAD_ARROWS - TAIL_ARROWS;
            List<Integer> kept = new ArrayList<>(rows.subList(0, HEAD_ARROWS));
            kept.addAll(rows.subList(rows.size() - TAIL_ARROWS, rows.size()));
            rows = kept;
        }
        String client = "client";
        String server = "server";
        long t0 = t.size() > 0 ? t.timestampNanos(0) : 0;
        List<Arrow> arrows = new ArrayList<>();
        for (int r : rows) {
            boolean fromClient = t.direction(r) != 1;
            String src = t.sourceAddress(r) + ":" + t.srcPort(r);
            String dst = t.destinationAddress(r) + ":" + t.dstPort(r);
            if (arrows.isEmpty()) {
                client = fromClient ? src : dst;
                server = fromClient ? dst : src;
            }
            long ts = t.timestampNanos(r);
            double seconds = ts == FrameCursor.NO_TIMESTAMP || t0 == FrameCursor.NO_TIMESTAMP ? 0 : (ts - t0) / 1e9;
            arrows.add(new Arrow(r + 1, seconds, fromClient, label(t, r), message(t, r), PhaseKind.of(t, r)));
        }
        String title = t.name() + " · stream " + stream + " · " + Html.plural(arrows.size() + omitted, "packet");
        return new LadderDiagram(title, client, server, arrows, brackets(arrows, omitted), omitted);
    }

    /** {@code [SYN, ACK] Seq=0 Ack=1 Len=0}: flags and relative numbers as Wireshark's Info shows them. */
    static String label(PacketTable t, int r) {
        int flags = t.flags(r);
        if (flags < 0) {
            return "";
        }
        StringBuilder s = new StringBuilder("[").append(TcpFlags.names(flags)).append(']');
        s.append(" Seq=").append(t.seq(r));
        if (TcpFlags.has(flags, TcpFlags.ACK)) {
            s.append(" Ack=").append(t.ack(r));
        }
        return s.append(" Len=").append(Math.max(0, t.len(r))).toString();
    }

    private static String message(PacketTable t, int r) {
        String m = String.join(", ", t.phaseLabels(r));
        return m.length() <= 80 ? m : m.substring(0, 79) + "…";
    }

    /** Runs of consecutive arrows of one phase kind (data is not bracketed; the gap ends a run). */
    private static List<Bracket> brackets(List<Arrow> arrows, int omitted) {
        List<Bracket> out = new ArrayList<>();
        int start = -1;
        PhaseKind kind = null;
        for (int i = 0; i <= arrows.size(); i++) {
            PhaseKind k = i < arrows.size() ? arrows.get(i).kind() : null;
            boolean gap = omitted > 0 && i == HEAD_ARROWS;
            // a plain ACK inside a phase (the ACK of a ClientHello) stays in it
            if (k == PhaseKind.DATA && kind != null && kind != PhaseKind.DATA && !gap && i + 1 < arrows.size()
                    && arrows.get(i + 1).kind() == kind && arrows.get(i).label().contains("Len=0")) {
                continue;
            }
            if (k != kind || gap) {
                if (kind != null && kind != PhaseKind.DATA) {
                    out.add(new Bracket(kind, start, i - 1));
                }
                start = i;
                kind = k;
            }
        }
        return out;
    }

    /** The arrows, top to bottom. */
    public List<Arrow> arrows() {
        return arrows;
    }

    /** The phase brackets, top to bottom. */
    public List<Bracket> brackets() {
        return brackets;
    }

    /** Packets of a long connection left out between head and tail. */
    public int omitted() {
        return omitted;
    }

    /** The title above the lifelines. */
    public String title() {
        return title;
    }

    /** The image height for the arrows. */
    public int height() {
        return TOP + ROW * arrows.size() + (omitted > 0 ? ROW : 0) + 40;
    }

    /** y of arrow {@code i}'s tail. */
    private int y(int i) {
        return TOP + 20 + ROW * i + (omitted > 0 && i >= HEAD_ARROWS ? ROW : 0);
    }

    @Override
    public byte[] png() {
        BufferedImage image = new BufferedImage(WIDTH, height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the ladder of " + title + " as PNG", e);
        }
        return out.toByteArray();
    }

    private void draw(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height());
        Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font bold = plain.deriveFont(Font.BOLD);
        Font mono = new Font(Font.MONOSPACED, Font.PLAIN, 11);
        g.setColor(Color.BLACK);
        g.setFont(bold.deriveFont(14f));
        g.drawString(title, 20, 24);
        g.setFont(bold);
        centered(g, "Client " + client, CLIENT_X, 60);
        centered(g, "Server " + server, SERVER_X, 60);
        int bottom = height() - 20;
        g.setColor(new Color(0x55, 0x55, 0x55));
        g.setStroke(new BasicStroke(2f));
        g.drawLine(CLIENT_X, 70, CLIENT_X, bottom);
        g.drawLine(SERVER_X, 70, SERVER_X, bottom);
        for (Bracket b : brackets) {
            bracket(g, b, plain);
        }
        for (int i = 0; i < arrows.size(); i++) {
            arrow(g, arrows.get(i), y(i), plain, bold, mono);
        }
        if (omitted > 0) {
            g.setColor(Color.GRAY);
            g.setFont(plain);
            centered(g, "… " + Html.plural(omitted, "packet") + " not drawn …", (CLIENT_X + SERVER_X) / 2,
                    y(HEAD_ARROWS) - ROW / 2 + 4);
        }
    }

    private void arrow(Graphics2D g, Arrow a, int y, Font plain, Font bold, Font mono) {
        int x1 = a.fromClient() ? CLIENT_X : SERVER_X;
        int x2 = a.fromClient() ? SERVER_X : CLIENT_X;
        int y2 = y + SLANT;
        Color color = a.kind() == PhaseKind.RST ? new Color(0xc0, 0, 0)
                : a.fromClient() ? new Color(0x1f, 0x4f, 0x9f) : new Color(0x9f, 0x3f, 0x1f);
        if (!a.kind().color().isEmpty()) {
            g.setColor(Color.decode(a.kind().color()));
            g.fillRect(CLIENT_X + 1, y - 24, SERVER_X - CLIENT_X - 2, ROW - 4);
        }
        g.setColor(color);
        g.setStroke(new BasicStroke(1.6f));
        g.drawLine(x1, y, x2, y2);
        double angle = Math.atan2(y2 - y, x2 - x1);
        Polygon head = new Polygon();
        head.addPoint(x2, y2);
        head.addPoint((int) Math.round(x2 - 10 * Math.cos(angle - 0.4)), (int) Math.round(y2 - 10 * Math.sin(angle - 0.4)));
        head.addPoint((int) Math.round(x2 - 10 * Math.cos(angle + 0.4)), (int) Math.round(y2 - 10 * Math.sin(angle + 0.4)));
        g.fillPolygon(head);
        int mid = (CLIENT_X + SERVER_X) / 2;
        g.setFont(mono);
        centered(g, a.label(), mid, y - 6);
        if (!a.message().isEmpty()) {
            g.setFont(bold);
            centered(g, a.message(), mid, y - 19 + (a.label().isEmpty() ? 12 : 0));
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(mono);
        String when = String.format(Locale.ROOT, "#%d  %.6f s", a.frame(), a.seconds());
        g.drawString(when, CLIENT_X - g.getFontMetrics().stringWidth(when) - 12, (a.fromClient() ? y : y2) + 4);
    }

    private void bracket(Graphics2D g, Bracket b, Font font) {
        int top = y(b.first()) - 22;
        int bottom = y(b.last()) + SLANT + 4;
        int x = SERVER_X + 30;
        g.setColor(b.kind() == PhaseKind.DATA ? Color.GRAY : Color.decode(b.kind().color()).darker());
        g.setStroke(new BasicStroke(2f));
        g.drawLine(x, top, x + 8, top);
        g.drawLine(x, top, x, bottom);
        g.drawLine(x, bottom, x + 8, bottom);
        g.setColor(Color.BLACK);
        g.setFont(font.deriveFont(Font.BOLD));
        g.drawString(b.kind().label(), x + 14, (top + bottom) / 2 + 4);
    }

    private static void centered(Graphics2D g, String text, int x, int y) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, x - m.stringWidth(text) / 2, y);
    }

    @Override
    public String text() {
        StringBuilder s = new StringBuilder(title).append("\nclient ").append(client).append("  ·  server ")
                .append(server);
        for (int i = 0; i < arrows.size(); i++) {
            if (omitted > 0 && i == HEAD_ARROWS) {
                s.append("\n  … ").append(Html.plural(omitted, "packet")).append(" not drawn …");
            }
            Arrow a = arrows.get(i);
            s.append(String.format(Locale.ROOT, "%n%5d %10.6f  %s  %s", a.frame(), a.seconds(),
                    a.fromClient() ? "client ──> server" : "client <── server", a.label()));
            if (!a.message().isEmpty()) {
                s.append("  ").append(a.message());
            }
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return title;
    }
}
