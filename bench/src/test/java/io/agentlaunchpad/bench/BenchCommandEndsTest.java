package io.agentlaunchpad.bench;

import io.agentlaunchpad.emulators.RepoRoot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bench command run as {@code ./launchpad bench} runs it (its own JVM, the bench's Main) returns once it has
 * written its results, with its status: it once printed its table and then never exited, held by threads of the
 * simulated cluster it had closed.
 */
class BenchCommandEndsTest {

    /** A bound on a hung command, not a measurement: the small run takes a minute or two on a busy machine. */
    private static final long HUNG_AFTER_MINUTES = 10;

    @Test
    void theApiBench_writesItsResults_andExitsWithStatusZero() throws Exception {
        Path dir = Files.createTempDirectory("bench-ends");
        Process bench = start(dir, "2", "101");

        assertThat(bench.waitFor(HUNG_AFTER_MINUTES, TimeUnit.MINUTES)).as("the command returned; its output: %s",
                output(dir)).isTrue();
        assertThat(bench.exitValue()).as(output(dir)).isZero();
        assertThat(dir.resolve("bench/results/latest.json")).exists();
        assertThat(output(dir)).contains("GET /api/agents at 101 agents");
    }

    @Test
    void aCommandThatFails_exitsWithStatusOne() throws Exception {
        Path dir = Files.createTempDirectory("bench-fails");
        Process bench = start(dir, "cold-start", "not-a-number");

        assertThat(bench.waitFor(HUNG_AFTER_MINUTES, TimeUnit.MINUTES)).isTrue();
        assertThat(bench.exitValue()).as(output(dir)).isEqualTo(1);
    }

    private static Process start(Path dir, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Drepo.root=" + RepoRoot.get(),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.log").toFile()).start();
    }

    private static String output(Path dir) throws IOException {
        String text = Files.readString(dir.resolve("output.log"));
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }
}
