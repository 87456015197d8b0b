package io.agentlaunchpad.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code .launchpad/} is its owner's only, and the first admin key reaches a terminal, never a redirected log. */
class StateDirectoryTest {

    @Test
    void theDirectoryAndItsFilesAreReadableByTheirOwnerOnly(@TempDir Path parent) throws Exception {
        Path home = parent.resolve(".launchpad");
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (StateDirectory state = StateDirectory.open(home)) {
            state.sealingKey();
            state.markRunning("test");
            state.dynamoDirectory();
            StateDirectory.writePrivate(state.adminKeyFile(), "alk_x\n");
            assertThat(mode(home)).isEqualTo("rwx------");
            assertThat(mode(home.resolve("dynamodb"))).isEqualTo("rwx------");
            for (String file : new String[]{"lock", "running", "sealing-key", "admin-api-key"}) {
                assertThat(mode(home.resolve(file))).as(file).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void theFirstAdminKeyIsPrintedOnlyToATerminal() {
        Path file = Path.of("/home/x/.launchpad/admin-api-key");
        assertThat(announced(false, "alk_secret", file)).doesNotContain("alk_secret").contains(file.toString());
        assertThat(announced(true, "alk_secret", file)).contains("alk_secret", file.toString());
    }

    static String announced(boolean terminal, String key, Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AdminKey.announceAdminKey(new PrintStream(out, true, StandardCharsets.UTF_8), terminal, key, file);
        return out.toString(StandardCharsets.UTF_8);
    }

    static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
