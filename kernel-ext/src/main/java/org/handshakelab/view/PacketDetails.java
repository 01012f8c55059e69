package org.handshakelab.view;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.handshakelab.capture.CaptureFile;
import org.handshakelab.capture.Frame;
import org.handshakelab.table.PacketTable;

/**
 * One packet as Wireshark's lower two panes show it: the dissection tree (frame, link, IP, TCP, and the
 * TLS, SSH or HTTP bytes of this segment, every line with its byte range) and the hex dump, in which each
 * field's bytes are marked and explained on hover, as "The Illustrated TLS 1.3 Connection" does. The HTML
 * is script-free: hovering a tree line or a field's bytes highlights the field's bytes and line with CSS
 * ({@code :hover}, {@code :has}), and every byte group carries a {@code title} tooltip naming its field.
 * Below the tree, the messages the lab's dissectors report on this frame (decrypted ones included).
 *
 * <pre>{@code
 * PacketDetails d = PacketDetails.of(packets, capture, 4);
 * d.find("tls.handshake.extensions_server_name");   // the SNI line with its offset and length
 * }</pre>
 */
public final class PacketDetails implements HtmlView {

    private static final int MAX_MESSAGE_TEXT = 400;

    private final int frameNumber;
    private final byte[] bytes;
    private final List<DetailNode> tree;
    private final List<String> messages;
    private final String title;

    private PacketDetails(int frameNumber, byte[] bytes, List<DetailNode> tree, List<String> messages, String title) {
        this.frameNumber = frameNumber;
        this.bytes = bytes;
        this.tree = List.copyOf(tree);
        this.messages = List.copyOf(messages);
        this.title = title;
    }

    /** The details of frame {@code frameNumber} (from 1) of {@code capture}, whose table is {@code table}. */
    public static PacketDetails of(PacketTable table, CaptureFile capture, int frameNumber) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(capture, "capture");
        if (frameNumber < 1 || frameNumber > table.size()) {
            throw new IllegalArgumentException("frameNumber must be 1.." + table.size() + ": " + frameNumber);
        }
        int row = frameNumber - 1;
        Frame frame = FrameWalk.frame(capture, row);
        if (frame == null) {
            throw new IllegalArgumentException("frameNumber must be 1.." + table.size() + ": " + frameNumber);
        }
        byte[] data = frame.data();
        FrameLayout layout = FrameLayout.of(frame, table, row);
        List<TreeBuilder> layers = new ArrayList<>(layout.layers);
        if (layout.payloadOffset >= 0 && layout.payloadLength > 0) {
            Bytes b = new Bytes(data);
            String protocol = PacketInfo.protocol(table, row);
            switch (protocol) {
                case "TLS" -> layers.add(AppLayout.tls(b, layout.payloadOffset, layout.payloadLength));
                case "SSH" -> layers.add(AppLayout.ssh(b, layout.payloadOffset, layout.payloadLength,
                        sshEncrypted(table, row)));
                case "HTTP" -> layers.add(AppLayout.http(b, layout.payloadOffset, layout.payloadLength));
                default -> {
                }
            }
        }
        List<DetailNode> tree = new ArrayList<>();
        for (TreeBuilder l : layers) {
            tree.add(l.build());
        }
        List<String> messages = new ArrayList<>();
        if (!table.phaseLabels(row).isEmpty() && table.stream(row) >= 0 && layout.payloadLength > 0) {
            for (FrameMessages.Message m : FrameMessages.of(capture, frameNumber)) {
                String text = (m.direction() == 0 ? "client: " : "server: ") + m.message();
                messages.add(text.length() <= MAX_MESSAGE_TEXT ? text : text.substring(0, MAX_MESSAGE_TEXT - 1) + "…");
            }
        }
        String title = table.name() + " · frame " + frameNumber + " · " + PacketInfo.protocol(table, row) + " · "
                + PacketInfo.info(table, row, FrameWalk.extras(capture, new int[] {row})[0]);
        return new PacketDetails(frameNumber, data, tree, messages, title);
    }

    /** Whether this direction of an SSH connection sent NEWKEYS in an earlier frame: then its packets are encrypted. */
    private static boolean sshEncrypted(PacketTable t, int row) {
        int stream = t.stream(row);
        int direction = t.direction(row);
        for (int r = 0; r < row; r++) {
            if (t.stream(r) == stream && t.direction(r) == direction) {
                for (String label : t.phaseLabels(r)) {
                    if (label.startsWith("SSH NEWKEYS")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The frame number (from 1). */
    public int frameNumber() {
        return frameNumber;
    }

    /** The frame's captured bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The dissection tree: one node per layer, outermost first. */
    public List<DetailNode> tree() {
        return tree;
    }

    /** The messages the lab's dissectors report on this frame, as text ("client: ClientHello[...]"). */
    public List<String> messages() {
        return messages;
    }

    /** The first tree line (pre-order) with Wireshark field {@code field}, or null. */
    public DetailNode find(String field) {
        for (DetailNode n : tree) {
            DetailNode f = n.find(field);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** The bytes of {@code node} (its offset and length in the frame). */
    public byte[] bytesOf(DetailNode node) {
        if (!node.hasBytes()) {
            return new byte[0];
        }
        int end = Math.min(bytes.length, node.offset() + node.length());
        return java.util.Arrays.copyOfRange(bytes, Math.min(node.offset(), end), end);
    }

    // ---------------------------------------------------------------- HTML

    @Override
    public String html() {
        // every rule is scoped to its own div through :has, so two outputs sharing the class cannot interfere
        String id = "hl-details-" + frameNumber;
        List<DetailNode> nodes = new ArrayList<>();
        Map<DetailNode, Integer> ids = new LinkedHashMap<>();
        for (DetailNode n : tree) {
            number(n, nodes);
        }
        for (int i = 0; i < nodes.size(); i++) {
            ids.put(nodes.get(i), i);
        }
        // per byte: the deepest (last in pre-order) line covering it, and every line covering it
        int[] owner = new int[bytes.length];
        java.util.Arrays.fill(owner, -1);
        BitSet[] cover = new BitSet[bytes.length];
        for (int i = 0; i < nodes.size(); i++) {
            DetailNode n = nodes.get(i);
            if (!n.hasBytes()) {
                continue;
            }
            for (int k = n.offset(); k < Math.min(bytes.length, n.offset() + n.length()); k++) {
                owner[k] = i;
                if (cover[k] == null) {
                    cover[k] = new BitSet();
                }
                cover[k].set(i);
            }
        }
        StringBuilder out = new StringBuilder(16_384);
        out.append("<div class=\"").append(id).append("\" style=\"font-family:monospace;font-size:12px\">\n<style>\n");
        out.append('.').append(id).append(" .t{cursor:default;white-space:pre}\n");
        out.append('.').append(id).append(" .t:hover{background:#ffe08a}\n");
        out.append('.').append(id).append(" .o:hover{background:#ffe08a}\n");
        for (int i = 0; i < nodes.size(); i++) {
            if (!nodes.get(i).hasBytes()) {
                continue;
            }
            String c = "." + id;
            out.append(c).append(":has(.t").append(i).append(":hover) .b").append(i).append(',')
                    .append(c).append(":has(.o").append(i).append(":hover) .o").append(i).append(',')
                    .append(c).append(":has(.o").append(i).append(":hover) .t").append(i)
                    .append("{background:#ffe08a}\n");
        }
        out.append("</style>\n<div style=\"font-weight:bold;margin-bottom:4px\">").append(Html.escape(title))
                .append("</div>\n<div style=\"display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start\">\n");
        out.append("<div class=\"tree\" style=\"flex:1 1 480px;min-width:0\">\n");
        for (DetailNode n : tree) {
            treeHtml(out, n, ids, 0);
        }
        if (!messages.isEmpty()) {
            out.append("<details><summary>Messages reported by the lab's dissectors (")
                    .append(messages.size()).append(")</summary>\n");
            for (String m : messages) {
                out.append("<div class=\"message\" style=\"white-space:pre-wrap;margin-left:1.5em\">")
                        .append(Html.escape(m)).append("</div>\n");
            }
            out.append("</details>\n");
        }
        out.append("</div>\n<pre class=\"hex\" style=\"margin:0;flex:0 0 auto\">");
        hexHtml(out, owner, cover, nodes);
        out.append("</pre>\n</div>\n</div>");
        return out.toString();
    }

    /** Every tree line in pre-order: the index of a line is the N of its {@code tN}/{@code bN} classes. */
    List<DetailNode> preorder() {
        List<DetailNode> nodes = new ArrayList<>();
        for (DetailNode n : tree) {
            number(n, nodes);
        }
        return nodes;
    }

    private static void number(DetailNode n, List<DetailNode> nodes) {
        nodes.add(n);
        for (DetailNode c : n.children()) {
            number(c, nodes);
        }
    }

    private static String range(DetailNode n) {
        if (!n.hasBytes()) {
            return "";
        }
        return n.length() == 1 ? "byte " + n.offset() : "bytes " + n.offset() + "–" + (n.offset() + n.length() - 1)
                + " (" + n.length() + ")";
    }

    private void treeHtml(StringBuilder out, DetailNode n, Map<DetailNode, Integer> ids, int depth) {
        int i = ids.get(n);
        String tip = range(n) + (n.field().isEmpty() ? "" : (n.hasBytes() ? " · " : "") + n.field());
        String line = "<span class=\"t t" + i + "\"" + (tip.isEmpty() ? "" : " title=\"" + Html.escape(tip) + "\"")
                + ">" + Html.escape(n.label()) + "</span>";
        if (n.children().isEmpty()) {
            out.append("<div style=\"margin-left:").append(depth == 0 ? 0 : 1.5).append("em\">").append(line)
                    .append("</div>\n");
            return;
        }
        out.append("<details").append(depth == 0 && n.field().equals("frame") ? "" : " open")
                .append(" style=\"margin-left:").append(depth == 0 ? 0 : 1.5).append("em\"><summary>")
                .append(line).append("</summary>\n");
        for (DetailNode c : n.children()) {
            treeHtml(out, c, ids, depth + 1);
        }
        out.append("</details>\n");
    }

    private void hexHtml(StringBuilder out, int[] owner, BitSet[] cover, List<DetailNode> nodes) {
        for (int line = 0; line < bytes.length; line += 16) {
            out.append(String.format(Locale.ROOT, "%04x  ", line));
            int end = Math.min(bytes.length, line + 16);
            int k = line;
            while (k < end) {
                int j = k + 1;
                while (j < end && owner[j] == owner[k] && Objects.equals(cover[j], cover[k])) {
                    j++;
                }
                appendGroup(out, k, j, owner[k], cover[k], nodes, true);
                k = j;
                if (k < end) {
                    out.append(' ');
                }
            }
            out.append("   ".repeat(line + 16 - end)).append("  ");
            k = line;
            while (k < end) {
                int j = k + 1;
                while (j < end && owner[j] == owner[k] && Objects.equals(cover[j], cover[k])) {
                    j++;
                }
                appendGroup(out, k, j, owner[k], cover[k], nodes, false);
                k = j;
            }
            out.append('\n');
        }
    }

    private void appendGroup(StringBuilder out, int from, int to, int owner, BitSet cover, List<DetailNode> nodes,
                             boolean hex) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            int v = bytes[i] & 0xFF;
            if (hex) {
                text.append(i > from ? " " : "").append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
            } else {
                text.append(v >= 0x20 && v < 0x7F ? (char) v : '.');
            }
        }
        if (owner < 0) {
            out.append(Html.escape(text.toString()));
            return;
        }
        StringBuilder classes = new StringBuilder(hex ? "h o o" : "a o o").append(owner);
        for (int c = cover.nextSetBit(0); c >= 0; c = cover.nextSetBit(c + 1)) {
            classes.append(" b").append(c);
        }
        DetailNode n = nodes.get(owner);
        out.append("<span class=\"").append(classes).append("\" title=\"")
                .append(Html.escape(n.label() + " · " + range(n))).append("\">")
                .append(Html.escape(text.toString())).append("</span>");
    }

    // ---------------------------------------------------------------- text

    @Override
    public String text() {
        StringBuilder out = new StringBuilder(title);
        for (DetailNode n : tree) {
            textTree(out, n, 0);
        }
        for (String m : messages) {
            out.append("\n[dissector] ").append(m);
        }
        out.append('\n');
        for (int line = 0; line < bytes.length; line += 16) {
            out.append(String.format(Locale.ROOT, "%n%04x  ", line));
            StringBuilder ascii = new StringBuilder();
            for (int i = line; i < line + 16; i++) {
                if (i < bytes.length) {
                    int v = bytes[i] & 0xFF;
                    out.append(String.format(Locale.ROOT, "%02x ", v));
                    ascii.append(v >= 0x20 && v < 0x7F ? (char) v : '.');
                } else {
                    out.append("   ");
                }
            }
            out.append(' ').append(ascii);
        }
        return out.toString();
    }

    private static void textTree(StringBuilder out, DetailNode n, int depth) {
        out.append('\n').append("    ".repeat(depth)).append(n.label());
        if (n.hasBytes()) {
            out.append("  [").append(range(n)).append(']');
        }
        for (DetailNode c : n.children()) {
            textTree(out, c, depth + 1);
        }
    }

    @Override
    public String toString() {
        return title;
    }
}
