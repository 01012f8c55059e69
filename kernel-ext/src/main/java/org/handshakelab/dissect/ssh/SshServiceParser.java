package org.handshakelab.dissect.ssh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The grammar of the messages that normally only travel encrypted: service request and accept (RFC 4253 §10),
 * EXT_INFO (RFC 8308 §2.3), user authentication (RFC 4252 §5) and the connection protocol (RFC 4254).
 */
final class SshServiceParser {

    private SshServiceParser() {
    }

    /** One message; null when the number is not one of these (the caller keeps it as {@link OtherMessage}). */
    static SshMessage parse(int code, SshReader r) {
        return switch (code) {
            case 5 -> new ServiceRequest(r.text("service name"));
            case 6 -> new ServiceAccept(r.text("service name"));
            case 7 -> extInfo(r);
            case 50 -> userauthRequest(r);
            case 51 -> new UserauthFailure(r.nameList("authentications that can continue"), r.bool("partial success"));
            case 52 -> new UserauthSuccess();
            case 80 -> new GlobalRequest(r.text("request name"), r.bool("want reply"));
            case 90 -> new ChannelOpen(r.text("channel type"), r.u32("sender channel"), r.u32("initial window size"),
                    r.u32("maximum packet size"));
            case 91 -> new ChannelOpenConfirmation(r.u32("recipient channel"), r.u32("sender channel"),
                    r.u32("initial window size"), r.u32("maximum packet size"));
            case 94 -> data(r.u32("recipient channel"), -1, r.string("data"));
            case 95 -> {
                long channel = r.u32("recipient channel");
                long type = r.u32("data type code");
                yield data(channel, type, r.string("data"));
            }
            case 96 -> new ChannelEof(r.u32("recipient channel"));
            case 97 -> new ChannelClose(r.u32("recipient channel"));
            case 98 -> channelRequest(r);
            case 61 -> new OtherMessage(code, ""); // the typed responses: passwords are not kept, not even in hex
            default -> null;
        };
    }

    /**
     * Whether a message of this number can carry a password: USERAUTH_REQUEST (RFC 4252 §8) and the
     * keyboard-interactive USERAUTH_INFO_RESPONSE (RFC 4256 §3.4). Their bytes are never kept raw.
     */
    static boolean mayHoldPassword(int code) {
        return code == 50 || code == 61;
    }

    /** The phase label: the RFC name without SSH_MSG_, with the method or request type where there is one. */
    static String label(SshMessage message, int code, String who) {
        String name = SshMessageCode.nameOf(code).replace("SSH_MSG_", "");
        if (message instanceof UserauthRequest u) {
            name += " " + u.method();
        } else if (message instanceof ChannelRequest c) {
            name += " " + c.type();
        }
        return "SSH " + name + " (" + who + ")";
    }

    private static ExtInfo extInfo(SshReader r) {
        long n = r.u32("nr-extensions");
        List<String> names = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            names.add(r.text("extension-name"));
            r.string("extension-value");
        }
        return new ExtInfo(names);
    }

    /** RFC 4252 §5; for "password" (§8) only the length of the password is kept. */
    private static UserauthRequest userauthRequest(SshReader r) {
        String user = r.text("user name");
        String service = r.text("service name");
        String method = r.text("method name");
        int passwordLength = -1;
        if (method.equals("password")) {
            boolean change = r.bool("change password flag");
            passwordLength = r.skipString("password");
            if (change) {
                r.skipString("new password");
            }
        }
        return new UserauthRequest(user, service, method, passwordLength);
    }

    /** RFC 4254 §5.4, with the type-specific data of exec and subsystem (§6.5) and exit-status (§6.10). */
    private static ChannelRequest channelRequest(SshReader r) {
        long channel = r.u32("recipient channel");
        String type = r.text("request type");
        boolean wantReply = r.bool("want reply");
        String command = "";
        long exitStatus = -1;
        switch (type) {
            case "exec", "subsystem" -> command = r.text(type.equals("exec") ? "command" : "subsystem name");
            case "exit-status" -> exitStatus = r.u32("exit status");
            default -> {
                // pty-req, env, shell, signal, ...: the name says enough for the lab
            }
        }
        return new ChannelRequest(channel, type, wantReply, command, exitStatus);
    }

    private static ChannelData data(long channel, long type, byte[] data) {
        String text = new String(data, 0, Math.min(data.length, ChannelData.PREVIEW), StandardCharsets.UTF_8);
        StringBuilder preview = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\n' -> preview.append("\\n");
                case '\r' -> preview.append("\\r");
                case '\t' -> preview.append("\\t");
                case '\\' -> preview.append("\\\\");
                default -> {
                    if (Character.isISOControl(ch)) {
                        preview.append(String.format("\\u%04x", (int) ch));
                    } else {
                        preview.append(ch);
                    }
                }
            }
        }
        return new ChannelData(channel, type, data.length, preview.toString());
    }
}
