package io.agentlaunchpad.http;

import io.agentlaunchpad.errors.ErrorCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** openapi.yaml documents exactly the routes of the route table, each operationId the function that serves it. */
class OpenApiContractTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private static Map<String, Object> spec;

    @BeforeAll
    static void readSpec() throws IOException {
        try (Reader in = Files.newBufferedReader(repoRoot().resolve("openapi.yaml"))) {
            spec = new Yaml(new LoaderOptions()).load(in);
        }
    }

    @Test
    void everyRouteIsDocumented_andNothingElse() {
        Set<String> documented = operations().keySet();
        Set<String> routed = RouteTable.ROUTES.stream().map(r -> r.method() + " " + r.pathTemplate())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(new TreeSet<>(documented)).isEqualTo(routed);
    }

    @Test
    void operationIdIsTheFunctionServingTheRoute() {
        Map<String, String> operations = operations();

        for (Route route : RouteTable.ROUTES) {
            assertThat(operations.get(route.method() + " " + route.pathTemplate()))
                    .as("operationId of %s %s", route.method(), route.pathTemplate())
                    .isEqualTo(route.function());
        }
    }

    @Test
    void errorCodesAreThoseOfErrorCode() {
        Map<String, Object> schemas = map(map(spec.get("components")).get("schemas"));
        List<?> documented = (List<?>) map(schemas.get("ErrorCode")).get("enum");

        Set<String> codes = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            codes.add(code.name());
        }
        assertThat(new HashSet<>(documented)).isEqualTo(codes);
    }

    @Test
    void bothSecuritySchemesAreDeclared() {
        Map<String, Object> schemes = map(map(map(spec.get("components")).get("securitySchemes")));

        assertThat(map(schemes.get("apiKey"))).containsEntry("in", "header").containsEntry("name", "X-API-Key");
        assertThat(map(schemes.get("bearerAuth"))).containsEntry("scheme", "bearer").containsEntry("bearerFormat", "JWT");
    }

    /** "METHOD /path" to operationId. */
    private static Map<String, String> operations() {
        Map<String, String> operations = new HashMap<>();
        map(spec.get("paths")).forEach((path, item) -> map(item).forEach((method, op) -> {
            if (METHODS.contains(method)) {
                operations.put(method.toUpperCase() + " " + path, (String) map(op).get("operationId"));
            }
        }));
        return operations;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).as("a YAML mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    /** The directory holding package.json and events/, walking up from where the build runs. */
    private static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("package.json")) && Files.isDirectory(dir.resolve("events"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (package.json and events/) above " + Path.of("").toAbsolutePath());
    }
}
