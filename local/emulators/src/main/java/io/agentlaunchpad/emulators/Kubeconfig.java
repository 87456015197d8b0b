package io.agentlaunchpad.emulators;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The kubeconfig of the simulated cluster, through which the platform's client and {@code kubectl} reach it. */
final class Kubeconfig {

    private Kubeconfig() {
    }

    /** Writes the kubeconfig naming {@code url} to {@code kubeconfig}, whole (a reader never sees half of it). */
    static void write(Path kubeconfig, String url) throws IOException {
        Path dir = kubeconfig.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, ".kubeconfig", ".tmp");
        Files.writeString(partial, yaml(url));
        Files.move(partial, kubeconfig, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String yaml(String url) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: launchpad-simulated
                  cluster:
                    server: %s
                contexts:
                - name: launchpad-simulated
                  context:
                    cluster: launchpad-simulated
                    user: launchpad
                current-context: launchpad-simulated
                users:
                - name: launchpad
                  user:
                    token: simulated
                """.formatted(url);
    }
}
