package io.agentlaunchpad.infra.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The {@code function.zip} files the stack deploys. The stack test does not build them: the reactor does, earlier
 * in the same Maven run ({@code infra-cdk} depends on the functions modules), so the test only checks that each is
 * there and not older than the sources it is built from, and reads whether they are native builds.
 */
record FunctionArtifacts(Path functionsDirectory) {

    /** Each artifact and the source trees it is built from (its module, the cluster library, shared). */
    static final Map<String, List<String>> SOURCES = Map.of(
            "api", List.of("functions/api", "functions/cluster", "shared"),
            "authorizer", List.of("functions/authorizer", "shared"),
            "deployer", List.of("functions/deployer", "functions/cluster", "shared"));

    Path zip(String module) {
        return functionsDirectory.resolve(module).resolve("target").resolve("function.zip");
    }

    /** What is wrong with the artifacts, if anything: one missing or stale, with the command that rebuilds them. */
    Optional<String> problem() {
        List<String> problems = new ArrayList<>();
        Path repo = functionsDirectory.getParent();
        for (var entry : new java.util.TreeMap<>(SOURCES).entrySet()) {
            Path zip = zip(entry.getKey());
            if (!Files.isRegularFile(zip)) {
                problems.add("missing " + repo.relativize(zip));
                continue;
            }
            FileTime built = modified(zip);
            for (String tree : entry.getValue()) {
                Optional<Path> newer = newestSource(repo.resolve(tree).resolve("src/main"));
                if (newer.isPresent() && modified(newer.get()).compareTo(built) > 0) {
                    problems.add(repo.relativize(zip) + " is older than " + repo.relativize(newer.get()));
                    break;
                }
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems)
                + " - run the stack test in the reactor that builds them: ./mvnw verify -Paws-e2e -pl infra-cdk -am");
    }

    /** Native builds ({@code bootstrap} in every zip) deploy on provided.al2023, anything else as JVM functions. */
    boolean nativeRuntime() {
        for (String module : SOURCES.keySet()) {
            try (ZipFile zip = new ZipFile(zip(module).toFile())) {
                if (zip.getEntry("bootstrap") == null) {
                    return false;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return true;
    }

    private static Optional<Path> newestSource(Path tree) {
        if (!Files.isDirectory(tree)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(tree)) {
            return files.filter(Files::isRegularFile).max((a, b) -> modified(a).compareTo(modified(b)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
