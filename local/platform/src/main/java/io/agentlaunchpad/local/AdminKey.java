package io.agentlaunchpad.local;

import io.agentlaunchpad.keys.dynamodb.BootstrapAdmin;
import io.agentlaunchpad.keys.KeyViews;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The first admin user and its key, made once per state directory. */
final class AdminKey {

    private AdminKey() {
    }

    /**
     * On the first start: an admin user and key, kept in {@code .launchpad/admin-api-key} (0600) and printed once only
     * when {@code terminal} (standard output is one): redirected output ends up in the platform's log.
     */
    static void bootstrap(LocalPlatform platform, StateDirectory state, java.io.PrintStream out, boolean terminal)
            throws IOException {
        if (java.nio.file.Files.exists(state.adminKeyFile())) {
            out.println("Admin API key: in " + state.adminKeyFile());
            return;
        }
        KeyViews.Created created = BootstrapAdmin.run(platform.dynamo(), platform.config(), "admin", "admin@launchpad.local",
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        StateDirectory.writePrivate(state.adminKeyFile(), created.apiKey() + "\n");
        announceAdminKey(out, terminal, created.apiKey(), state.adminKeyFile());
    }

    static void announceAdminKey(java.io.PrintStream out, boolean terminal, String key, Path file) {
        if (terminal) {
            out.println("Created the admin user and its API key (shown once; also in " + file + "):");
            out.println("  " + key);
        } else {
            out.println("Created the admin user; its API key is in " + file
                    + " (readable only by you; not printed because standard output is not a terminal)");
        }
    }
}
