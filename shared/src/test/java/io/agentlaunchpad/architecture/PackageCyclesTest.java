package io.agentlaunchpad.architecture;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared library's packages form a graph without cycles, so each can be read and changed from its leaves up. */
class PackageCyclesTest {

    @Test
    void sharedPackagesHaveNoCycles() {
        PackageGraph graph = PackageGraph.of(Path.of("src/main/java"));

        assertThat(graph.packages()).as("packages read").isGreaterThan(15);
        assertThat(graph.cycles()).as("packages importing each other").isEmpty();
    }

    @Test
    void findsACycleThroughAThirdPackage() {
        PackageGraph graph = new PackageGraph();
        graph.add("package io.agentlaunchpad.a;\nimport io.agentlaunchpad.b.B;\nclass A {}");
        graph.add("package io.agentlaunchpad.b;\nimport static io.agentlaunchpad.c.C.value;\nclass B {}");
        graph.add("package io.agentlaunchpad.c;\nimport io.agentlaunchpad.a.A;\nclass C {}");
        graph.add("package io.agentlaunchpad.d;\nimport io.agentlaunchpad.a.A;\nclass D {}");

        assertThat(graph.cycles()).containsExactly(
                Set.of("io.agentlaunchpad.a", "io.agentlaunchpad.b", "io.agentlaunchpad.c"));
    }
}
