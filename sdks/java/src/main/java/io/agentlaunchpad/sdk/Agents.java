package io.agentlaunchpad.sdk;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The agent routes. Bodies are the API's JSON as maps (camelCase keys). */
public final class Agents {

    /** The query parameter (and response field) that continues a followed log stream; one place, should it change. */
    public static final String LOG_CURSOR = "cursor";

    private final Transport t;

    Agents(Transport transport) {
        this.t = transport;
    }

    public ApiObject create(Map<String, ?> body) {
        return create(body, RequestOptions.NONE);
    }

    /** Safe to retry: every attempt carries the same Idempotency-Key (the options' or one generated here). */
    public ApiObject create(Map<String, ?> body, RequestOptions options) {
        return t.request("POST", "/api/agents", null, body, options, true);
    }

    /** limit, offset, status, owner, nextToken as the API takes them; iterate for pages, items() for agents. */
    public Pages list(Map<String, ?> query) {
        return list(query, RequestOptions.NONE);
    }

    public Pages list(Map<String, ?> query, RequestOptions options) {
        Map<String, Object> base = new LinkedHashMap<>(query == null ? Map.of() : query);
        Object first = base.remove("nextToken");
        return new Pages(token -> {
            Map<String, Object> q = new LinkedHashMap<>(base);
            q.put("nextToken", token != null ? token : first);
            return t.request("GET", "/api/agents", q, null, options, false);
        }, "agents");
    }

    public ApiObject get(String agentId) {
        return get(agentId, RequestOptions.NONE);
    }

    public ApiObject get(String agentId, RequestOptions options) {
        return t.request("GET", agentPath(agentId, ""), null, null, options, false);
    }

    public ApiObject getStatus(String agentId) {
        return getStatus(agentId, RequestOptions.NONE);
    }

    public ApiObject getStatus(String agentId, RequestOptions options) {
        return t.request("GET", agentPath(agentId, "/status"), null, null, options, false);
    }

    public ApiObject update(String agentId, Map<String, ?> changes, RequestOptions options) {
        return t.request("PUT", agentPath(agentId, ""), null, changes, options, false);
    }

    public ApiObject scale(String agentId, int replicas) {
        return scale(agentId, replicas, RequestOptions.NONE);
    }

    public ApiObject scale(String agentId, int replicas, RequestOptions options) {
        return t.request("POST", agentPath(agentId, "/scale"), null, Map.of("replicas", replicas), options, false);
    }

    public ApiObject restart(String agentId) {
        return restart(agentId, RequestOptions.NONE);
    }

    public ApiObject restart(String agentId, RequestOptions options) {
        return t.request("POST", agentPath(agentId, "/restart"), null, null, options, false);
    }

    public ApiObject delete(String agentId) {
        return delete(agentId, RequestOptions.NONE);
    }

    public ApiObject delete(String agentId, RequestOptions options) {
        return t.request("DELETE", agentPath(agentId, ""), null, null, options, false);
    }

    /**
     * {@code {agentId, metrics: {cpu, memory, network, requests, pods}, timestamp}}: cpu in cores, memory in bytes
     * ({@code usage}, and {@code limit}/{@code percentage} when the containers have limits; read them with
     * {@code get(...)} as a Number, cpu is fractional); network and requests name their {@code source}
     * ({@code prometheus}, or {@code unavailable} with a {@code reason}) and leave out figures it does not have.
     */
    public ApiObject metrics(String agentId) {
        return t.request("GET", agentPath(agentId, "/metrics"), null, null, RequestOptions.NONE, false);
    }

    /**
     * One read of the newest lines: {@code {agentId, logs: [{timestamp, level, message, pod}], totalLines, truncated,
     * follow, cursor?}}. lines and since may be null.
     */
    public ApiObject logs(String agentId, Integer lines, String since) {
        return t.request("GET", agentPath(agentId, "/logs"), Transport.query("lines", lines, "since", since), null,
                RequestOptions.NONE, false);
    }

    /**
     * The log lines over the long-poll ({@code follow=true}), fetched as iterated, until the API stops giving a
     * cursor. Stop early by leaving the loop.
     */
    public Iterable<ApiObject> followLogs(String agentId, Integer lines, String since) {
        return new FollowedLogs(t, agentId, lines, since);
    }

    public AgentReply sendMessage(String agentId, String content) {
        return sendMessage(agentId, content, null, RequestOptions.NONE);
    }

    public AgentReply sendMessage(String agentId, String content, String userId) {
        return sendMessage(agentId, content, userId, RequestOptions.NONE);
    }

    /**
     * Sends {@code content} to the running agent and returns its reply. {@code userId} (null: the caller) names the
     * end user of the conversation. Never retried: a message sent twice is two messages. An agent not running throws
     * ConflictException (CONFLICT); no reply within the platform's timeout (20 s by default) ServerException with
     * code GATEWAY_TIMEOUT (504). Bad arguments throw ValidationException (status 0) before any request.
     */
    public AgentReply sendMessage(String agentId, String content, String userId, RequestOptions options) {
        MessageRules.checkMessage(agentId, content, userId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("content", content);
        if (userId != null) {
            body.put("userId", userId);
        }
        return AgentReply.of(t.request("POST", agentPath(agentId, "/messages"), null, body, options, false));
    }

    public Conversation listMessages(String agentId) {
        return listMessages(agentId, null, null, RequestOptions.NONE);
    }

    /** The last {@code limit} (1..100, null: 20) messages of {@code userId}'s (null: the caller's) conversation. */
    public Conversation listMessages(String agentId, Integer limit, String userId) {
        return listMessages(agentId, limit, userId, RequestOptions.NONE);
    }

    public Conversation listMessages(String agentId, Integer limit, String userId, RequestOptions options) {
        MessageRules.checkListing(agentId, limit, userId);
        return Conversation.of(t.request("GET", agentPath(agentId, "/messages"),
                Transport.query("limit", limit, "userId", userId), null, options, false));
    }

    /** A page of the agent's rollout timeline, newest first: {@code events} [{id, timestamp, revision, type, message}]. */
    public ApiObject events(String agentId, Integer limit, String nextToken) {
        return events(agentId, limit, nextToken, RequestOptions.NONE);
    }

    public ApiObject events(String agentId, Integer limit, String nextToken, RequestOptions options) {
        return t.request("GET", agentPath(agentId, "/events"), Transport.query("limit", limit, "nextToken", nextToken),
                null, options, false);
    }

    /** {@link #waitUntilDeployed(String, Duration, Duration, Consumer, Consumer)} without the timeline. */
    public ApiObject waitUntilDeployed(String agentId, Duration timeout, Duration interval,
                                       Consumer<ApiObject> onProgress) {
        return waitUntilDeployed(agentId, timeout, interval, onProgress, null);
    }

    /**
     * Waits until DEPLOYED (returns the status), FAILED (throws DeploymentFailedException with the reason) or the
     * timeout (throws TimeoutException). The API holds each status request until the agent gets there (up to 20 s,
     * {@code ?waitFor=DEPLOYED}); an API that answers at once is polled every {@code interval}. {@code onProgress}
     * sees every answer; {@code onEvent} each new entry of the current rollout's timeline, oldest first ("scan
     * passed", "1/2 replicas ready", ...). Either may be null.
     */
    public ApiObject waitUntilDeployed(String agentId, Duration timeout, Duration interval,
                                       Consumer<ApiObject> onProgress, Consumer<ApiObject> onEvent) {
        return new DeploymentWait(this, t).until(agentId, timeout, interval, onProgress, onEvent);
    }

    /** The agent's revisions, newest first; iterate for pages, items() for revisions. A changed secret is a path. */
    public Pages listRevisions(String agentId, Integer limit) {
        return listRevisions(agentId, limit, RequestOptions.NONE);
    }

    public Pages listRevisions(String agentId, Integer limit, RequestOptions options) {
        return new Pages(token -> t.request("GET", agentPath(agentId, "/revisions"),
                Transport.query("limit", limit, "nextToken", token), null, options, false), "revisions");
    }

    public ApiObject getRevision(String agentId, long revision) {
        return getRevision(agentId, revision, RequestOptions.NONE);
    }

    public ApiObject getRevision(String agentId, long revision, RequestOptions options) {
        return t.request("GET", agentPath(agentId, "/revisions/" + revision), null, null, options, false);
    }

    /** A new revision with revision {@code revision}'s state (its secrets included), rolled out like an update. */
    public ApiObject rollback(String agentId, long revision) {
        return rollback(agentId, revision, RequestOptions.NONE);
    }

    public ApiObject rollback(String agentId, long revision, RequestOptions options) {
        return t.request("POST", agentPath(agentId, "/rollback"), null, Map.of("revision", revision), options, false);
    }

    static String agentPath(String agentId, String suffix) {
        return "/api/agents/" + Transport.enc(agentId) + suffix;
    }
}
