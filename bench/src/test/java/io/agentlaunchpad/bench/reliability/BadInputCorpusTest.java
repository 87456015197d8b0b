package io.agentlaunchpad.bench.reliability;

import io.agentlaunchpad.agents.AgentRequests;
import io.agentlaunchpad.agents.Personality;
import io.agentlaunchpad.agents.Platform;
import io.agentlaunchpad.agents.Resources;
import io.agentlaunchpad.bench.reliability.BodySchema.Field;
import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.http.RouteTable;
import io.agentlaunchpad.access.Role;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.agentlaunchpad.bench.reliability.AccessMatrixSuite.Credential.EXPIRED;
import static io.agentlaunchpad.bench.reliability.AccessMatrixSuite.Credential.REVOKED;
import static io.agentlaunchpad.bench.reliability.AccessMatrixSuite.Credential.VALID;
import static io.agentlaunchpad.bench.reliability.AccessMatrixSuite.Ownership.MISSING;
import static io.agentlaunchpad.bench.reliability.AccessMatrixSuite.Ownership.NONE;
import static io.agentlaunchpad.bench.reliability.AccessMatrixSuite.Ownership.OTHER;
import static io.agentlaunchpad.bench.reliability.AccessMatrixSuite.Ownership.OWN;
import static io.agentlaunchpad.bench.reliability.AccessMatrixSuite.expected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus generator covers the whole route table: a route added without declared inputs, a path parameter, query
 * parameter or body field without probes, or a body schema that drifted from the request records fails here.
 */
class BadInputCorpusTest {

    static final BadInputCorpus.Targets TARGETS = new BadInputCorpus.Targets("agent-abc123def456", "key_0123456789abcdef",
            "scan-YWdlbnQtYWJjMTIzZGVmNDU2fGVsaXphb3MvYWdlbnR8c2hhMjU2OjA");
    static final List<Probe> CORPUS = BadInputCorpus.generate(TARGETS);

    @Test
    void everyRouteHasDeclaredInputsAndNoDeclarationIsStale() {
        Set<String> functions = RouteTable.ROUTES.stream().map(Route::function).collect(Collectors.toSet());
        assertThat(RouteInputs.ALL.keySet()).containsExactlyInAnyOrderElementsOf(functions);
    }

    @Test
    void theCorpusReachesTheTargetOfTenThousandInputsWithEveryBodyCutAndPoisonedAtEveryPosition() {
        assertThat(CORPUS).hasSizeGreaterThanOrEqualTo(10_000);
        for (Route route : RouteTable.ROUTES) {
            RouteInputs inputs = RouteInputs.of(route.function());
            inputs.body().ifPresent(schema -> {
                int length = schema.baseline().length();
                assertThat(probes(route, "generated: truncated body")).as(route.function()).hasSize(length - 1);
                assertThat(probes(route, "generated: control byte in the body")).as(route.function()).hasSize(length + 1);
            });
            for (String parameter : route.pathParameters()) {
                assertThat(probes(route, "generated: random " + parameter)).as(route.function())
                        .hasSize(BadInputCorpus.GENERATED_IDS)
                        .noneMatch(p -> p.rawTarget().contains(Http.segment(targetFor(parameter))));
            }
        }
    }

    private static String targetFor(String parameter) {
        return switch (parameter) {
            case "agentId" -> TARGETS.agentId();
            case "keyId" -> TARGETS.keyId();
            default -> TARGETS.scanId();
        };
    }

    @Test
    void everyRouteGetsBadCredentialsAndHeaders() {
        for (Route route : RouteTable.ROUTES) {
            assertThat(probes(route, "credentials")).as(route.function()).hasSizeGreaterThanOrEqualTo(10);
            assertThat(probes(route, "duplicate headers")).as(route.function()).isNotEmpty();
        }
    }

    @Test
    void everyPathParameterOfEveryRouteGetsTraversalInjectionAndMalformedIds() {
        for (Route route : RouteTable.ROUTES) {
            for (String parameter : route.pathParameters()) {
                List<Probe> probes = probes(route, "path " + parameter);
                assertThat(probes).as(route.function() + " {" + parameter + "}").hasSizeGreaterThan(30);
                assertThat(probes).extracting(Probe::rawTarget).anyMatch(t -> t.contains("%2E%2E%2F") || t.contains(".."))
                        .anyMatch(t -> t.contains("jndi")).anyMatch(t -> t.contains("%00"));
                assertThat(CORPUS).filteredOn(p -> p.function().equals(route.function())
                        && p.category().equals(BadInputCorpus.MALFORMED_ESCAPE)).isNotEmpty();
            }
        }
    }

    @Test
    void everyDeclaredQueryParameterGetsWrongTypesAndValues() {
        for (Route route : RouteTable.ROUTES) {
            for (RouteInputs.QueryParam parameter : RouteInputs.of(route.function()).query()) {
                assertThat(probes(route, "query " + parameter.name())).as(route.function() + " ?" + parameter.name())
                        .hasSizeGreaterThanOrEqualTo(4);
            }
        }
    }

    @Test
    void everyFieldOfEveryBodyIsMutatedAndEveryBodyIsBrokenAsJson() {
        for (Route route : RouteTable.ROUTES) {
            RouteInputs inputs = RouteInputs.of(route.function());
            if (inputs.body().isEmpty()) {
                assertThat(probes(route, "malformed JSON")).as(route.function() + " reads no body").isEmpty();
                continue;
            }
            for (String category : List.of("malformed JSON", "huge body", "deep nesting", "Content-Type", "unicode")) {
                assertThat(probes(route, category)).as(route.function() + ": " + category).isNotEmpty();
            }
            for (String path : paths(inputs.body().get().fields(), "")) {
                assertThat(probes(route, "field " + path)).as(route.function() + " field " + path).isNotEmpty();
            }
        }
    }

    @Test
    void headersARouteActsOnAreBroken() {
        for (Route route : RouteTable.ROUTES) {
            RouteInputs inputs = RouteInputs.of(route.function());
            assertThat(probes(route, "Idempotency-Key").isEmpty()).as(route.function()).isEqualTo(!inputs.idempotencyKey());
            assertThat(probes(route, "If-Match").isEmpty()).as(route.function()).isEqualTo(!inputs.ifMatch());
        }
    }

    @Test
    void theAgentSchemasAreTheFieldsOfTheRequestRecords() throws Exception {
        assertThat(names(RouteInputs.CREATE_AGENT.fields())).isEqualTo(staticSet("CREATE_FIELDS"));
        Set<String> update = new HashSet<>(staticSet("UPDATE_FIELDS"));
        update.add("agentName"); // refused on update by name: the corpus sends it
        assertThat(names(RouteInputs.UPDATE_AGENT.fields())).isEqualTo(update);
        assertThat(names(RouteInputs.SCALE_AGENT.fields())).containsExactly("replicas");
        for (BodySchema schema : List.of(RouteInputs.CREATE_AGENT, RouteInputs.UPDATE_AGENT)) {
            assertThat(names(child(schema, "personality").children())).isEqualTo(staticSet("PERSONALITY_FIELDS"))
                    .isEqualTo(components(Personality.class));
            assertThat(names(child(schema, "resources").children())).isEqualTo(staticSet("RESOURCE_FIELDS"))
                    .isEqualTo(components(Resources.class));
            Field platforms = child(schema, "platforms");
            assertThat(names(platforms.children())).isEqualTo(Set.copyOf(Platform.keys()));
            for (Platform platform : Platform.values()) {
                Field settings = platforms.children().stream().filter(f -> f.name().equals(platform.key())).findFirst()
                        .orElseThrow();
                assertThat(names(settings.children())).isEqualTo(platform.fields().stream()
                        .map(Platform.Field::name).collect(Collectors.toSet()));
                settings.children().forEach(f -> assertThat(f.required()).as(platform.key() + "." + f.name())
                        .isEqualTo(platform.field(f.name()).orElseThrow().secret()));
            }
        }
    }

    @Test
    void theKeyBodysRolesAreTheRoles() {
        Field role = RouteInputs.GENERATE_KEY.fields().stream().filter(f -> f.name().equals("role")).findFirst().orElseThrow();
        for (Role r : Role.values()) {
            assertThat(role.valid().test(r.name())).isTrue();
        }
    }

    @Test
    void theAccessRulesGiveTheExpectedStatusFromPermissionsAndOwnership() {
        Route delete = RouteTable.byFunction("deleteAgent");
        RouteInputs inputs = RouteInputs.of("deleteAgent");
        assertThat(expected(delete, inputs, Role.VIEWER, OWN, VALID)).containsExactly(403);
        assertThat(expected(delete, inputs, Role.USER, OTHER, VALID)).containsExactly(404);
        assertThat(expected(delete, inputs, Role.ADMIN, OTHER, VALID)).containsExactly(202);
        assertThat(expected(delete, inputs, Role.ADMIN, MISSING, VALID)).containsExactly(404);
        assertThat(expected(delete, inputs, Role.ADMIN, OWN, REVOKED)).containsExactly(401);
        assertThat(expected(RouteTable.byFunction("generateKey"), RouteInputs.of("generateKey"), Role.USER, NONE,
                VALID)).containsExactly(201);
        assertThat(expected(RouteTable.byFunction("getSystemMetrics"), RouteInputs.of("getSystemMetrics"), Role.USER,
                NONE, VALID)).containsExactly(403);
    }

    @Test
    void theMessagesRoutes_viewerRefused_ownAgentNotRunningOnTheSimulatedRuntime_othersHidden() {
        for (String function : List.of("sendAgentMessage", "listAgentMessages")) {
            Route route = RouteTable.byFunction(function);
            RouteInputs inputs = RouteInputs.of(function);
            assertThat(expected(route, inputs, Role.VIEWER, OWN, VALID)).as(function).containsExactly(403);
            assertThat(expected(route, inputs, Role.USER, OWN, VALID)).as(function).containsExactly(409);
            assertThat(expected(route, inputs, Role.USER, OTHER, VALID)).as(function).containsExactly(404);
            assertThat(expected(route, inputs, Role.ADMIN, OTHER, VALID)).as(function).containsExactly(409);
            assertThat(expected(route, inputs, Role.USER, MISSING, VALID)).as(function).containsExactly(404);
            assertThat(expected(route, inputs, Role.USER, OWN, EXPIRED)).as(function).containsExactly(401);
        }
    }

    @Test
    void theMessageInputsAreBrokenFieldByField() {
        Route send = RouteTable.byFunction("sendAgentMessage");
        assertThat(probes(send, "field content")).extracting(Probe::label)
                .contains("too long (4001)", "empty", "missing").anyMatch(l -> l.startsWith("control"));
        assertThat(probes(send, "field userId")).extracting(Probe::label)
                .contains("'" + "a".repeat(37) + "...'", "''").anyMatch(l -> l.contains("OR 1=1"));
        Route list = RouteTable.byFunction("listAgentMessages");
        assertThat(probes(list, "query limit")).extracting(Probe::label).contains("'0'", "'101'", "'abc'");
        assertThat(probes(list, "query userId")).extracting(Probe::label).contains("'has space'", "''")
                .noneMatch(l -> l.equals("'..'") || l.equals("'NaN'")); // valid user ids, not bad input
    }

    private static List<Probe> probes(Route route, String category) {
        return CORPUS.stream().filter(p -> p.function().equals(route.function()) && p.category().equals(category)).toList();
    }

    private static List<String> paths(List<Field> fields, String prefix) {
        List<String> out = new java.util.ArrayList<>();
        for (Field f : fields) {
            String path = prefix.isEmpty() ? f.name() : prefix + "." + f.name();
            out.add(path);
            out.addAll(paths(f.children(), path));
        }
        return out;
    }

    private static Field child(BodySchema schema, String name) {
        return schema.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static Set<String> names(List<Field> fields) {
        return fields.stream().map(Field::name).collect(Collectors.toSet());
    }

    private static Set<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private static Set<String> staticSet(String name) throws Exception {
        java.lang.reflect.Field field = AgentRequests.class.getDeclaredField(name);
        field.setAccessible(true);
        return (Set<String>) field.get(null);
    }
}
