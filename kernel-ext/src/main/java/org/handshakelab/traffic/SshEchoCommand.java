package org.handshakelab.traffic;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.sshd.server.command.AbstractCommandSupport;
import org.apache.sshd.server.command.CommandFactory;

/**
 * The only command the lab's SSH server runs: {@code echo} (no shell, no process). It writes its arguments and a
 * newline to the channel and exits with status 0; any other command gets a message on stderr and status 127, as
 * a shell answers "command not found".
 */
final class SshEchoCommand extends AbstractCommandSupport {

    /** Exit status of an unknown command, as POSIX shells use it. */
    static final int NOT_FOUND = 127;

    /** Creates an {@link SshEchoCommand} for every exec request. */
    static final CommandFactory FACTORY = (channel, command) -> new SshEchoCommand(command);

    private SshEchoCommand(String command) {
        super(command, null); // null: MINA gives the command its own single thread and shuts it down on exit
    }

    @Override
    public void run() {
        String command = getCommand().strip();
        try {
            if (command.equals("echo") || command.startsWith("echo ")) {
                write(getOutputStream(), command.substring(4).strip() + "\n");
                onExit(0);
            } else {
                String name = command.split("\\s+", 2)[0];
                write(getErrorStream(), name + ": command not found (the lab server only runs echo)\n");
                onExit(NOT_FOUND, "command not found");
            }
        } catch (IOException e) {
            onExit(1, "cannot write output: " + e.getMessage());
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
