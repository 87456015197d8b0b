package io.agentlaunchpad.infra.e2e;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The artifacts the stack deploys: there, fresh, and which runtime they are for. */
class FunctionArtifactsTest {

    @TempDir
    Path repo;
    FunctionArtifacts artifacts;

    @BeforeEach
    void built() throws IOException {
        artifacts = new FunctionArtifacts(repo.resolve("functions"));
        for (String tree : new String[]{"shared", "functions/cluster", "functions/api", "functions/authorizer",
                "functions/deployer"}) {
            Path source = repo.resolve(tree).resolve("src/main/java/A.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, "class A {}");
            Files.setLastModifiedTime(source, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        }
        for (String module : FunctionArtifacts.SOURCES.keySet()) {
            zip(module, "lib/app.jar");
        }
    }

    void zip(String module, String entry) throws IOException {
        Path zip = artifacts.zip(module);
        Files.createDirectories(zip.getParent());
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(entry));
            z.closeEntry();
        }
    }

    @Test
    void freshJvmArtifacts() {
        assertThat(artifacts.problem()).isEmpty();
        assertThat(artifacts.nativeRuntime()).isFalse();
    }

    @Test
    void nativeOnlyWhenEveryArtifactHasItsBootstrap() throws IOException {
        zip("api", "bootstrap");
        zip("authorizer", "bootstrap");
        assertThat(artifacts.nativeRuntime()).isFalse();
        zip("deployer", "bootstrap");
        assertThat(artifacts.nativeRuntime()).isTrue();
    }

    @Test
    void aMissingArtifact_namesItAndHowToBuildIt() throws IOException {
        Files.delete(artifacts.zip("authorizer"));
        assertThat(artifacts.problem()).contains("missing functions/authorizer/target/function.zip - run the stack "
                + "test in the reactor that builds them: ./mvnw verify -Paws-e2e -pl infra-cdk -am");
    }

    @Test
    void anArtifactOlderThanItsSources_isStale() throws IOException {
        Path changed = repo.resolve("functions/cluster/src/main/java/A.java");
        Files.setLastModifiedTime(changed, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(artifacts.problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("functions/api/target/function.zip is older than functions/cluster/src/main/java/A.java")
                .contains("functions/deployer/target/function.zip is older than functions/cluster/src/main/java/A.java")
                .doesNotContain("authorizer"));
    }
}
