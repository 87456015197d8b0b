package io.agentlaunchpad.emulators;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a platform that died without stopping its agents left behind (a SIGKILL, a crash): the agent processes
 * named by the {@code pid} files under the agents directory, killed (with their descendants) if they still run
 * and are the processes recorded (same start time, so a reused pid is spared), and the directories removed: the
 * cluster starts empty, so no pod of a previous run is coming back. Agents also watch for their parent's death
 * themselves ({@code LAUNCHPAD_PARENT_PID}); this covers an agent that could not.
 */
final class LeftoverProcesses {

    private static final System.Logger LOG = System.getLogger(LeftoverProcesses.class.getName());

    private LeftoverProcesses() {
    }

    static void killAll(Path agentsDirectory) {
        if (!Files.isDirectory(agentsDirectory)) {
            return;
        }
        List<Path> pidFiles;
        try (Stream<Path> walk = Files.walk(agentsDirectory)) {
            pidFiles = walk.filter(p -> p.getFileName().toString().equals("pid")).toList();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot look for leftover agents in " + agentsDirectory + ": " + e);
            return;
        }
        for (Path file : pidFiles) {
            try {
                String[] parts = Files.readString(file).trim().split("\\s+");
                long pid = Long.parseLong(parts[0]);
                long started = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
                ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> sameStart(h, started))
                        .ifPresent(h -> {
                            LOG.log(System.Logger.Level.WARNING, "killing agent process " + pid
                                    + " left by a previous run (" + file.getParent() + ")");
                            h.descendants().forEach(ProcessHandle::destroyForcibly);
                            h.destroyForcibly();
                        });
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot read " + file + ": " + e.getMessage());
            }
        }
        try (Stream<Path> children = Files.list(agentsDirectory)) {
            children.forEach(ProcessRuntime::delete);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot clear " + agentsDirectory + ": " + e.getMessage());
        }
    }

    private static boolean sameStart(ProcessHandle handle, long startedMillis) {
        return handle.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - startedMillis) < 2000)
                .orElse(false);
    }
}
