package io.agentlaunchpad.emulators;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

/** A container's process and the processes it started, as the kubelet signals them together. */
final class ProcessTree {

    private ProcessTree() {
    }

    /** SIGTERM ({@code force}: SIGKILL) to the process and every descendant; nothing when there is no process. */
    static void signal(Process process, boolean force) {
        if (process == null) {
            return;
        }
        Stream.concat(process.descendants(), Stream.of(process.toHandle())).forEach(h -> {
            if (force) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
        });
    }

    /** {@code <pid> <start time>}: what a later platform needs to find this process if this one dies first. */
    static void writePid(Process process, Path file) throws IOException {
        ProcessHandle h = process.toHandle();
        Files.writeString(file, h.pid() + " " + h.info().startInstant().map(Instant::toEpochMilli).orElse(0L) + "\n");
    }
}
