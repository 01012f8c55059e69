package org.handshakelab.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.handshakelab.capture.CaptureFile;
import org.handshakelab.dissect.KeyMaterial;
import org.handshakelab.dissect.ssh.SshSecrets;
import org.handshakelab.flow.AppStreamDissectors;
import org.junit.jupiter.api.Test;

/**
 * The bundled SSH capture's table, decrypted with the keys its own Decryption Secrets Block carries, equals
 * tshark's on the same file (tshark, too, takes the keys from the block), every column.
 */
class SshDecryptedTableTest {

    private static final Path CAPTURES = Path.of("..", "captures");

    @Test
    void sshCaptureDecryptedWithItsEmbeddedKeysMatchesTsharkInEveryColumn() {
        Tshark.assumePresent();
        Path p = CAPTURES.resolve("ssh-exec.pcapng");
        CaptureFile capture = CaptureFile.open(p);
        TableOptions options = TableOptions.builder()
                .dissector(AppStreamDissectors.with(KeyMaterial.of(SshSecrets.of(capture.secrets())))).build();

        PacketTable table = PacketTable.build(capture, options);

        int serverPort = Integer.parseInt(table.text(Column.TCP_DSTPORT, 0));
        List<String[]> rows = Tshark.fields(p, List.of("-d", "tcp.port==" + serverPort + ",ssh"),
                Differences.names(Column.ALL));
        assertEquals(List.of(), Differences.of(p, table, rows, Column.ALL, Set.of()).stream()
                .map(Object::toString).toList());
        int codes = Column.ALL.indexOf(Column.SSH_MESSAGE_CODE);
        assertTrue(rows.stream().anyMatch(r -> java.util.Arrays.asList(r[codes].split(",")).contains("98")),
                "tshark decrypted the exec (SSH_MSG_CHANNEL_REQUEST, 98)");
    }
}
