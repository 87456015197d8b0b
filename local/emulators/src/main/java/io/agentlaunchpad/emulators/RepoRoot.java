package io.agentlaunchpad.emulators;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The repository root, where {@code events/} and the emulators' {@code node_modules/} live. */
public final class RepoRoot {

    private RepoRoot() {
    }

    public static Path get() {
        String configured = System.getProperty("repo.root");
        if (configured != null && Files.isDirectory(Paths.get(configured, "events"))) {
            return Paths.get(configured).toAbsolutePath();
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("events")) && Files.isRegularFile(dir.resolve("package.json"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the repository root (events/ and package.json) above "
                + Paths.get("").toAbsolutePath());
    }
}
