package io.agentlaunchpad.bench.reliability;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentRevision;
import io.agentlaunchpad.agents.AgentSpec;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.Personality;
import io.agentlaunchpad.agents.Resources;
import io.agentlaunchpad.agents.dynamodb.DynamoAgentStore;
import io.agentlaunchpad.access.Permissions;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.http.RouteTable;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.keys.ApiKeys;
import io.agentlaunchpad.local.LocalPlatform;
import io.agentlaunchpad.local.LocalTokenIssuer;
import io.agentlaunchpad.tables.Tables;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The access matrix: every route × every role × own / another user's / a missing object (for routes with an id in
 * the path) × credential state. The expected status of each cell is computed from the rules, never copied from an
 * answer: a credential that is missing, malformed, unknown, expired or revoked, and a bearer token that is expired or
 * from another issuer or for another audience, is 401 (the authorizer); a valid bearer token of the role's user is
 * answered as its API key is (the platform verifies tokens with the key of a {@link LocalTokenIssuer}); a role without the route's permission ({@link Role#permissions()} through {@link Principal#can}) is
 * 403; another owner's object is 404 unless the caller is an admin, and so is a missing one (AgentService.load,
 * KeyService.revoke: existence never leaks); otherwise the route's success (for the messages routes, on the simulated
 * runtime, 409: no agent process answers).
 */
final class AccessMatrixSuite {

    enum Credential {
        VALID, MISSING, MALFORMED, UNKNOWN, EXPIRED, REVOKED, JWT, JWT_EXPIRED, JWT_WRONG_ISSUER, JWT_WRONG_AUDIENCE;

        /** A credential that identifies the caller: the API key or the bearer token of the role's user. */
        boolean accepted() {
            return this == VALID || this == JWT;
        }
    }

    enum Ownership { OWN, OTHER, MISSING, NONE }

    /** Agent routes whose call changes the agent: each cell gets an agent of its own. */
    private static final Set<String> CHANGES_AGENT = Set.of("updateAgent", "scaleAgent", "restartAgent", "deleteAgent",
            "scanAgent", "rollbackAgent");

    private final LocalPlatform.Running platform;
    private final Api api;
    private final Tally tally = new Tally("access");
    private final DynamoAgentStore store;
    private final Map<Role, Api.Key> valid = new EnumMap<>(Role.class);
    private final Map<Role, Api.Key> expired = new EnumMap<>(Role.class);
    private final Map<Role, Api.Key> revoked = new EnumMap<>(Role.class);
    private final LocalTokenIssuer tokens;
    private final Map<Role, String> ownAgent = new EnumMap<>(Role.class);
    private final Map<Role, String> otherAgent = new EnumMap<>(Role.class);
    private Api.Key bob;
    private Api.Key alice;
    private final Map<String, int[]> byCredential = new TreeMap<>();
    private int cells;
    private int mismatches;

    AccessMatrixSuite(LocalPlatform.Running platform, LocalTokenIssuer tokens) {
        this.platform = platform;
        this.tokens = tokens;
        this.api = new Api(platform.baseUrl());
        this.store = DynamoAgentStore.inTables(platform.dynamo(), Reliability.TABLE_PREFIX);
    }

    Tally run() throws Exception {
        setUp();
        Http http = new Http(platform.baseUrl(), Map.of());
        for (Route route : RouteTable.ROUTES) {
            RouteInputs inputs = RouteInputs.of(route.function());
            List<Ownership> ownerships = route.pathParameters().isEmpty() ? List.of(Ownership.NONE)
                    : List.of(Ownership.OWN, Ownership.OTHER, Ownership.MISSING);
            for (Role role : Role.values()) {
                for (Ownership ownership : ownerships) {
                    for (Credential credential : Credential.values()) {
                        cell(http, route, inputs, role, ownership, credential);
                    }
                }
            }
        }
        new AccessScenarios(platform.baseUrl(), tokens, platform.adminKey(), tally).run(alice, ownAgent.get(Role.USER));
        tally.put("matrixSize", cells);
        tally.put("mismatches", mismatches);
        Map<String, Object> states = new LinkedHashMap<>();
        byCredential.forEach((k, v) -> states.put(k, Map.of("cells", v[0], "passed", v[1], "skipped", v[2], "mismatches", v[3])));
        tally.put("byCredential", states);
        tally.note("matrix: " + RouteTable.ROUTES.size() + " routes x " + Role.values().length + " roles x own/other's/"
                + "missing object (routes with an id) x " + Credential.values().length + " credential states = "
                + cells + " cells; mismatches " + mismatches);
        byCredential.forEach((k, v) -> tally.note(String.format("credential %-12s cells %4d  passed %4d  SKIP %4d  mismatches %d",
                k, v[0], v[1], v[2], v[3])));
        tally.note("JWT cells: RS256 tokens of the role's user signed by the run's own key pair, whose public key the"
                + " platform verifies with (LAUNCHPAD_JWT_PUBLIC_KEY_LOCATION, issuer " + LocalTokenIssuer.ISSUER
                + ", audience " + LocalTokenIssuer.AUDIENCE + ")");
        tally.note("viewer 'own' agents are written straight to the agents table (a viewer cannot create one)");
        return tally;
    }

    // ---- setup -------------------------------------------------------------------------------------------------

    private void setUp() throws Exception {
        String admin = platform.adminKey();
        String adminUserId = api.call(admin, "GET", "/api/users/profile", null).get("userId").asText();
        valid.put(Role.ADMIN, new Api.Key(admin, null, adminUserId, "admin", "ADMIN"));
        alice = api.key(admin, "alice", "USER");
        valid.put(Role.USER, alice);
        valid.put(Role.VIEWER, api.key(admin, "vic", "VIEWER"));
        bob = api.key(admin, "bob", "USER");
        for (Role role : Role.values()) {
            Api.Key owner = valid.get(role);
            // never used before it expires: a key the warm authorizer has read is remembered for 30 s (KeyCache)
            Api.Key toExpire = api.unusedKey(admin, owner.username(), role.name());
            platform.dynamo().updateItem(b -> b.tableName(Tables.API_KEYS.tableName(Reliability.TABLE_PREFIX))
                    .key(Map.of("keyHash", AttributeValue.builder().s(ApiKeys.hash(toExpire.apiKey())).build()))
                    .updateExpression("SET expiresAt = :past")
                    .expressionAttributeValues(Map.of(":past", AttributeValue.builder().s("2020-01-01T00:00:00Z").build())));
            expired.put(role, toExpire);
            Api.Key toRevoke = api.key(admin, owner.username(), role.name());
            api.call(admin, "DELETE", "/api/auth/keys/" + toRevoke.keyId(), null);
            revoked.put(role, toRevoke);
            ownAgent.put(role, agentOf(role));
            otherAgent.put(role, otherAgentFor(role));
        }
    }

    /** An agent of the role's caller: through the API, or written to the table for a viewer, who cannot create one. */
    private String agentOf(Role role) {
        if (role == Role.VIEWER) {
            String id = "agent-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            Instant now = Instant.now();
            AgentSpec spec = new AgentSpec("viewer-bot", null, new Personality(null, List.of("bio"), List.of(), List.of()),
                    List.of("@elizaos/plugin-bootstrap"), new Resources("512Mi", "250m", 1));
            String owner = valid.get(role).userId();
            store.create(new Agent(id, owner, spec, null, Map.of(), AgentStatus.QUEUED, null, 1, 1, 0, now, now, null,
                    null), new AgentRevision(id, 1, now, owner, null, null, AgentRevision.RevisionKind.CREATE, null,
                    List.of(), spec, null, Map.of()));
            return id;
        }
        return api.createAgent(valid.get(role).apiKey(), "acc-bot");
    }

    /** For the rollback route, a second revision (the admin's update), so that revision 1 is not the current one. */
    private String rollbackable(Route route, String agentId) {
        if (route.function().equals("rollbackAgent")) {
            api.call(platform.adminKey(), "PUT", "/api/agents/" + agentId, "{\"description\": \"revision 2\"}");
        }
        return agentId;
    }

    /** Another user's agent: alice's for the admin, bob's for alice and the viewer. */
    private String otherAgentFor(Role role) {
        return api.createAgent(role == Role.ADMIN ? alice.apiKey() : bob.apiKey(), "acc-other");
    }

    /** The role's user's bearer token: valid, or wrong in exactly one way. */
    private String token(Role role, Credential credential) {
        String username = valid.get(role).username();
        Instant hourAhead = Instant.now().plusSeconds(3600);
        return switch (credential) {
            case JWT -> tokens.token(username, role.name());
            case JWT_EXPIRED -> tokens.token(username, role.name(), LocalTokenIssuer.ISSUER, LocalTokenIssuer.AUDIENCE,
                    Instant.now().minusSeconds(3600));
            case JWT_WRONG_ISSUER -> tokens.token(username, role.name(), "https://sso.elsewhere.example",
                    LocalTokenIssuer.AUDIENCE, hourAhead);
            case JWT_WRONG_AUDIENCE -> tokens.token(username, role.name(), LocalTokenIssuer.ISSUER, "another-api",
                    hourAhead);
            default -> throw new IllegalArgumentException(credential + " is not a bearer token");
        };
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // ---- one cell ----------------------------------------------------------------------------------------------

    private void cell(Http http, Route route, RouteInputs inputs, Role role, Ownership ownership, Credential credential) {
        String target = route.pathTemplate();
        for (String parameter : route.pathParameters()) {
            target = target.replace("{" + parameter + "}", Http.segment(object(route, parameter, role, ownership)));
        }
        Probe.Builder request = Probe.to(route.function(), route.method(), target);
        switch (credential) {
            case VALID -> request.header("X-API-Key", valid.get(role).apiKey());
            case MISSING -> { }
            case MALFORMED -> request.header("X-API-Key", "not-a-key");
            case UNKNOWN -> request.header("X-API-Key", "alk_" + "Q".repeat(43));
            case EXPIRED -> request.header("X-API-Key", expired.get(role).apiKey());
            case REVOKED -> request.header("X-API-Key", revoked.get(role).apiKey());
            case JWT, JWT_EXPIRED, JWT_WRONG_ISSUER, JWT_WRONG_AUDIENCE ->
                    request.header("Authorization", "Bearer " + token(role, credential));
        }
        String body = body(route, role);
        if (body != null) {
            request.json(body);
        }
        Probe probe = request.as(role + "/" + ownership, credential.name());
        Set<Integer> expected = expected(route, inputs, role, ownership, credential);
        Http.Answer answer = http.send(probe);
        cells++;
        int[] state = byCredential.computeIfAbsent(credential.name(), k -> new int[4]);
        state[0]++;
        String group = route.method() + " " + route.pathTemplate();
        String where = route.method() + " " + route.pathTemplate() + " as " + role + ", " + ownership + " object, "
                + credential + " credential";
        if (ErrorFormat.notServed(answer) && !expected.equals(Set.of(401))) {
            tally.skip(group, answer.status());
            state[2]++;
            return;
        }
        List<String> problems = new ArrayList<>();
        if (!answer.answered()) {
            problems.add(answer.failure());
        } else if (!expected.contains(answer.status())) {
            problems.add("expected " + expected + ", got " + answer.status() + " " + cut(answer.body()));
        }
        if (answer.answered() && answer.status() >= 400) {
            problems.addAll(ErrorFormat.problems(answer));
        }
        if (problems.isEmpty()) {
            tally.pass(group, answer.status());
            state[1]++;
        } else {
            tally.fail(group, answer.status(), where + ": " + String.join("; ", problems));
            state[3]++;
            mismatches++;
        }
    }

    /** The id the path names: the caller's own, another user's, or one that does not exist; fresh where the call changes it. */
    private String object(Route route, String parameter, Role role, Ownership ownership) {
        boolean fresh = CHANGES_AGENT.contains(route.function());
        return switch (parameter) {
            case "agentId" -> switch (ownership) {
                case OWN -> fresh ? rollbackable(route, agentOf(role)) : ownAgent.get(role);
                case OTHER -> fresh ? rollbackable(route, otherAgentFor(role)) : otherAgent.get(role);
                default -> "agent-doesnotexist0";
            };
            case "revision" -> "1"; // every agent of the matrix has its first revision
            case "keyId" -> switch (ownership) {
                // a fresh key every time: revoking is the route's effect
                case OWN -> api.key(platform.adminKey(), valid.get(role).username(), role.name()).keyId();
                case OTHER -> api.key(platform.adminKey(), "bob", "USER").keyId();
                default -> "key_00000000deadbeef";
            };
            case "scanId" -> "scan-" + b64((switch (ownership) {
                case OWN -> ownAgent.get(role);
                case OTHER -> otherAgent.get(role);
                default -> "agent-doesnotexist0";
            }) + "|elizaos/agent|sha256:" + "0".repeat(64));
            // a fresh link where the call may unlink it (an admin's own or another's: admins see every link)
            case "linkId" -> ownership == Ownership.MISSING || role != Role.ADMIN ? "link-" + "0".repeat(32)
                    : api.call(platform.adminKey(), "POST", "/api/users/links", linkBody("ADMIN")).get("linkId").asText();
            default -> throw new IllegalStateException("no objects for path parameter {" + parameter + "}");
        };
    }

    private String body(Route route, Role role) {
        return switch (route.function()) {
            case "createAgent" -> Api.AGENT.replace("NAME", "acc-new");
            case "updateAgent" -> "{\"description\": \"access matrix\"}";
            case "scaleAgent" -> "{\"replicas\": 1}";
            case "rollbackAgent" -> "{\"revision\": 1}";
            case "sendAgentMessage" -> "{\"content\": \"Hello from the access matrix\"}";
            case "generateKey" -> "{}";
            case "updateUserProfile" -> "{\"email\": \"" + valid.get(role).username() + "@example.com\"}";
            case "linkIdentity" -> linkBody(role.name());
            default -> null;
        };
    }

    /** A token identity never seen (so it owns nothing), linked to the admin's user. */
    private String linkBody(String tag) {
        return "{\"issuer\": \"" + LocalTokenIssuer.ISSUER + "\", \"subject\": \"acc-" + tag + "-" + System.nanoTime()
                + "\", \"username\": \"" + valid.get(Role.ADMIN).username() + "\"}";
    }

    /**
     * The rules: 401 for any credential but a valid one; 403 without the route's permission; 404 for a missing
     * object, and for another owner's unless the caller is an admin; else the route's success.
     */
    static Set<Integer> expected(Route route, RouteInputs inputs, Role role, Ownership ownership, Credential credential) {
        if (!credential.accepted()) {
            return Set.of(401);
        }
        Principal caller = new Principal("caller", "caller", role.name(), new LinkedHashSet<>(role.permissions()), "key");
        if (!caller.can(route.permission())) {
            return Set.of(403);
        }
        if (ownership == Ownership.MISSING || (ownership == Ownership.OTHER && !caller.isAdmin())) {
            return Set.of(404);
        }
        // A token user is its issuer + sub, never the API-key user its display name matches (#17): the "own" objects,
        // made with the role's API key, are someone else's to it.
        if (ownership == Ownership.OWN && credential == Credential.JWT && !caller.isAdmin()) {
            return Set.of(404);
        }
        return success(route, inputs);
    }

    /**
     * A route's answer once the caller may call it on this object: agent changes are asynchronous (202), minting a
     * key creates it (201), the rest is 200. Routes that read the cluster or the registry may also answer what the
     * cluster says (409 not deployed or no image, 503 cluster unreachable); a scan id names a scan that never ran (404).
     */
    static Set<Integer> success(Route route, RouteInputs inputs) {
        if (route.permission().equals(Permissions.AGENTS_MESSAGE)) {
            // The suites run the simulated runtime: no agent process behind any pod, so the API server's service
            // proxy finds no endpoint and the platform answers that the agent is not running, whatever its status.
            return Set.of(409);
        }
        Set<Integer> ok = new LinkedHashSet<>();
        if (route.function().equals("generateKey") || route.function().equals("linkIdentity")) {
            ok.add(201);
        } else if (!route.method().equals("GET") && (route.function().equals("createAgent")
                || route.pathParameters().contains("agentId") && !inputs.clusterDependent())) {
            ok.add(202);
        } else {
            ok.add(200);
        }
        if (inputs.clusterDependent()) {
            ok.addAll(List.of(200, 202, 409, 503));
            if (route.pathParameters().contains("scanId")) {
                ok.add(404);
            }
        }
        return ok;
    }

    private static String cut(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
