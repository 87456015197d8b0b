package io.agentlaunchpad.sdk;

import io.agentlaunchpad.sdk.Peer.Answer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SDK against a peer server started here: asserts on what the SDK sends and how it reads the answers. */
class ClientTest extends WithPeer {

    @Test
    void create_sendsKeyJsonAndAGeneratedIdempotencyKey() {
        peer.answer(CREATED);

        ApiObject agent = client.agents().create(Map.of("agentName", "my-bot", "description", "My AI bot"));

        assertThat(agent.string("agentId")).isEqualTo("agent-1");
        assertThat(agent.status()).isEqualTo(202);
        assertThat(agent.requestId()).startsWith("req-");
        Peer.Seen req = peer.requests.get(0);
        assertThat(req.method() + " " + req.path()).isEqualTo("POST /api/agents");
        assertThat(req.header("X-API-Key")).isEqualTo("alk_test");
        assertThat(req.header("Content-Type")).isEqualTo("application/json");
        assertThat(req.header("Idempotency-Key")).matches("[0-9a-f-]{36}");
        assertThat(Json.parse(req.body())).isEqualTo(Map.of("agentName", "my-bot", "description", "My AI bot"));
    }

    @Test
    void twoCreates_sendTwoKeys_andAChosenKeyAsIs() {
        peer.answer(CREATED, CREATED);

        client.agents().create(Map.of("agentName", "a"));
        client.agents().create(Map.of("agentName", "a"), RequestOptions.none().withIdempotencyKey("mine-1"));

        assertThat(peer.requests.get(0).header("Idempotency-Key")).isNotEqualTo("mine-1");
        assertThat(peer.requests.get(1).header("Idempotency-Key")).isEqualTo("mine-1");
    }

    @Test
    void errorsCarryCodeStatusRequestIdAndDetails() {
        peer.answer(new Answer(400, Map.of(), "{\"error\":{\"code\":\"VALIDATION_ERROR\",\"message\":\"bad\","
                + "\"timestamp\":\"t\",\"requestId\":\"req-x\",\"details\":[{\"field\":\"resources.memory\","
                + "\"message\":\"must be a quantity\"}]}}", 0));

        ApiException e = catchApi(() -> client.agents().create(Map.of("agentName", "a")));

        assertThat(e).isInstanceOf(ApiException.ValidationException.class);
        assertThat(e.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.requestId()).isEqualTo("req-x");
        assertThat(e.fieldErrors()).containsExactly(new ApiException.FieldError("resources.memory", "must be a quantity"));
        assertThat(peer.requests).as("4xx is not retried").hasSize(1);
    }

    @Test
    void eachStatusMapsToItsException() {
        Map<Integer, Class<?>> cases = Map.of(401, ApiException.AuthenticationException.class,
                403, ApiException.PermissionException.class, 404, ApiException.NotFoundException.class,
                409, ApiException.ConflictException.class, 422, ApiException.class);
        cases.forEach((status, type) -> {
            peer.answer(Answer.error(status, "CODE_" + status, Map.of()));
            ApiException e = catchApi(() -> client.agents().scale("a", 2));
            assertThat(e).isInstanceOf(type);
            assertThat(e.code()).isEqualTo("CODE_" + status);
            assertThat(e.requestId()).startsWith("req-");
        });
    }

    @Test
    void writesSendIfMatchQuoted() {
        peer.always(Answer.json(202, "{\"agentId\":\"a\",\"status\":\"UPDATING\"}"));

        client.agents().update("a", Map.of("description", "d"), RequestOptions.none().withIfMatch(3));
        client.agents().scale("a", 2, RequestOptions.none().withIfMatch(4));
        client.agents().restart("a", RequestOptions.none().withIfMatch(5));
        client.agents().delete("a");

        assertThat(peer.requests).extracting(r -> r.method() + " " + r.path() + " " + r.header("If-Match"))
                .containsExactly("PUT /api/agents/a \"3\"", "POST /api/agents/a/scale \"4\"",
                        "POST /api/agents/a/restart \"5\"", "DELETE /api/agents/a null");
        assertThat(Json.parse(peer.requests.get(1).body())).isEqualTo(Map.of("replicas", 2L));
    }

    @Test
    void list_iteratesPagesByNextToken_keepingTheFilters() {
        peer.answer(Answer.json(200, "{\"agents\":[{\"agentId\":\"a1\"},{\"agentId\":\"a2\"}],\"total\":3,"
                        + "\"limit\":2,\"offset\":0,\"nextToken\":\"t1\"}"),
                Answer.json(200, "{\"agents\":[{\"agentId\":\"a3\"}],\"total\":3,\"limit\":2,\"offset\":2}"));

        List<String> ids = client.agents().list(Map.of("limit", 2, "status", "DEPLOYED")).items()
                .map(a -> a.string("agentId")).toList();

        assertThat(ids).containsExactly("a1", "a2", "a3");
        assertThat(peer.requests).extracting(Peer.Seen::query).containsExactly(
                Map.of("limit", "2", "status", "DEPLOYED"),
                Map.of("limit", "2", "status", "DEPLOYED", "nextToken", "t1"));
    }

    @Test
    void revisions_arePagedReadOneByOne_andRolledBackWithIfMatch() {
        peer.answer(Answer.json(200, "{\"agentId\":\"a\",\"currentRevision\":3,\"revisions\":[{\"revision\":3},"
                        + "{\"revision\":2}],\"limit\":2,\"nextToken\":\"t2\"}"),
                Answer.json(200, "{\"agentId\":\"a\",\"currentRevision\":3,\"revisions\":[{\"revision\":1}],"
                        + "\"limit\":2}"),
                Answer.json(200, "{\"agentId\":\"a\",\"revision\":1,\"spec\":{\"name\":\"n\"}}"),
                Answer.json(202, "{\"agentId\":\"a\",\"status\":\"UPDATING\"}"));

        List<Long> seen = client.agents().listRevisions("a", 2).items().map(r -> r.number("revision")).toList();
        ApiObject one = client.agents().getRevision("a", 1);
        ApiObject rolled = client.agents().rollback("a", 1, RequestOptions.none().withIfMatch(7));

        assertThat(seen).containsExactly(3L, 2L, 1L);
        assertThat(one.number("revision")).isEqualTo(1);
        assertThat(rolled.string("status")).isEqualTo("UPDATING");
        assertThat(peer.requests).extracting(r -> r.method() + " " + r.path() + " " + r.query() + " "
                + r.header("If-Match")).containsExactly("GET /api/agents/a/revisions {limit=2} null",
                "GET /api/agents/a/revisions {limit=2, nextToken=t2} null", "GET /api/agents/a/revisions/1 {} null",
                "POST /api/agents/a/rollback {} \"7\"");
        assertThat(Json.parse(peer.requests.get(3).body())).isEqualTo(Map.of("revision", 1L));
    }

    @Test
    void followLogs_iteratesLinesAcrossLongPolls() {
        String c = Agents.LOG_CURSOR;
        peer.answer(Answer.json(200, "{\"logs\":[{\"message\":\"one\"},{\"message\":\"two\"}],\"totalLines\":2,"
                        + "\"truncated\":false,\"" + c + "\":\"c1\"}"),
                Answer.json(200, "{\"logs\":[],\"totalLines\":0,\"truncated\":false,\"" + c + "\":\"c2\"}"),
                Answer.json(200, "{\"logs\":[{\"message\":\"three\"}],\"totalLines\":1,\"truncated\":false}"));

        List<String> seen = new ArrayList<>();
        client.agents().followLogs("a", 50, "1h").forEach(line -> seen.add(line.string("message")));

        assertThat(seen).containsExactly("one", "two", "three");
        assertThat(peer.requests).extracting(Peer.Seen::query).containsExactly(
                Map.of("lines", "50", "since", "1h", "follow", "true"),
                Map.of("lines", "50", "follow", "true", c, "c1"),
                Map.of("lines", "50", "follow", "true", c, "c2"));
    }

    @Test
    void theOtherResourcesCallTheirRoutes() {
        peer.always(Answer.json(200, "{\"ok\":true}"));

        client.auth().generateKey("admin", "a@b.c", "ADMIN");
        client.auth().listKeys();
        client.auth().revokeKey("key 1");
        client.security().scan("agent-1");
        client.security().getScan("scan-1");
        client.security().events(5, "HIGH", null, "t1");
        client.system().health();
        client.system().metrics();
        client.users().getProfile();
        client.users().updateProfile(Map.of("email", "n@b.c"));
        client.agents().metrics("agent-1");
        client.agents().logs("agent-1", 10, null);

        assertThat(peer.requests).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "POST /api/auth/generate-key", "GET /api/auth/keys", "DELETE /api/auth/keys/key%201",
                "POST /api/security/scan/agent-1", "GET /api/security/scans/scan-1", "GET /api/security/events",
                "GET /api/health", "GET /api/system/metrics", "GET /api/users/profile", "PUT /api/users/profile",
                "GET /api/agents/agent-1/metrics", "GET /api/agents/agent-1/logs");
        assertThat(peer.requests.get(5).query()).isEqualTo(Map.of("limit", "5", "severity", "HIGH", "nextToken", "t1"));
        assertThat(peer.requests.get(11).query()).isEqualTo(Map.of("lines", "10"));
    }

    @Test
    void aBearerToken_isSentAsAuthorization() {
        peer.answer(Answer.json(200, "{}"));

        AgentLaunchpadClient.builder().accessToken("eyJ.x.y").baseUrl(peer.url()).build().users().getProfile();

        assertThat(peer.requests.get(0).header("Authorization")).isEqualTo("Bearer eyJ.x.y");
        assertThat(peer.requests.get(0).header("X-API-Key")).isNull();
    }

    private static ApiException catchApi(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }
}
