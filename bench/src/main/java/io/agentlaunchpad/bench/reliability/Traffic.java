package io.agentlaunchpad.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.bench.Series;
import io.agentlaunchpad.json.Json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent users driving the platform through its HTTP API, paced to a target rate. Each user is the only writer
 * of its own agents, so what their end state must be is known: the last write the platform acknowledged. Every
 * acknowledged write goes into an {@link Expected}; every answer is checked as it comes (a 5xx, an answer outside the
 * error format, a platform token in a body, a read that does not show the caller's last acknowledged write, another
 * user's agent in a listing are failures). A write whose answer says nothing (a 503 while a fault is injected) is
 * retried as a careful client would, with the same Idempotency-Key for a create, until the platform answers it.
 */
final class Traffic {

    /** Every platform token the users send starts with this, so a leak is found by one search. */
    static final String SECRET_MARK = "LOADSECRET";

    /** Percent of a user's steps on one of its agents; what is left reads the agent's status. */
    private static final int GET = 15;
    private static final int LIST = 15;
    private static final int LOGS = 5;
    private static final int METRICS = 5;
    private static final int ACCOUNT = 5;
    private static final int UPDATE = 2;
    private static final int SCALE = 1;
    private static final int RESTART = 1;
    private static final int DELETE = 1;

    private static final Duration RETRY_FOR = Duration.ofSeconds(90);

    record Settings(double rate, Duration duration, int agentsPerUser) {
    }

    /** One agent as its owner's acknowledged writes left it. */
    static final class Expected {
        final String agentId;
        final Api.Key owner;
        final String token;
        volatile String description;
        volatile int replicas = 1;
        volatile boolean deleted;
        /** The last status read said DEPLOYED and nothing was asked of the agent since. */
        volatile boolean settled;
        /** A write never got a definite answer, even after retrying: its end state is either. */
        volatile boolean uncertain;

        Expected(String agentId, Api.Key owner, String token, String description) {
            this.agentId = agentId;
            this.owner = owner;
            this.token = token;
            this.description = description;
        }
    }

    private final Settings settings;
    private final Tally tally;
    private final FaultWindow faults;
    private final Http http;
    private final Map<String, Series> latencies = new TreeMap<>();
    private final ConcurrentLinkedQueue<Expected> agents = new ConcurrentLinkedQueue<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong refusedUnderFault = new AtomicLong();
    private final Map<String, String> otherKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long endNanos;
    private long startNanos;
    private long stoppedNanos;

    Traffic(String baseUrl, Settings settings, Tally tally, FaultWindow faults) {
        this.http = new Http(baseUrl, Map.of());
        this.settings = settings;
        this.tally = tally;
        this.faults = faults;
    }

    /** {@code count} users of role USER named {@code prefix-i}, their keys made with the admin key and watched for. */
    static List<Api.Key> users(Api api, String adminKey, String prefix, int count, LogWatch logs) {
        List<Api.Key> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Api.Key user = api.key(adminKey, prefix + "-" + i, "USER");
            users.add(user);
            logs.watchFor(user.apiKey());
        }
        return users;
    }

    /** Runs the users for the settings' duration; returns every agent any of them created. */
    Collection<Expected> run(List<Api.Key> users) throws InterruptedException {
        users.forEach(u -> otherKeys.put(u.apiKey(), u.username()));
        Pacer pacer = new Pacer(settings.rate());
        startNanos = System.nanoTime();
        endNanos = startNanos + settings.duration().toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            User user = new User(users.get(i), pacer, new SplittableRandom(1000L + i));
            Thread thread = new Thread(user, "load-user-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        stoppedNanos = System.nanoTime();
        return agents;
    }

    long requests() {
        return requests.get();
    }

    long retries() {
        return retries.get();
    }

    long refusedUnderFault() {
        return refusedUnderFault.get();
    }

    double seconds() {
        return (stoppedNanos - startNanos) / 1e9;
    }

    double achievedRate() {
        return requests.get() / seconds();
    }

    private boolean running() {
        return System.nanoTime() < endNanos;
    }

    /** The latency table: route, count, p50, p99 (ms). */
    String latencyTable() {
        StringBuilder out = new StringBuilder(String.format("%-34s %8s %9s %9s%n", "request", "count", "p50 ms", "p99 ms"));
        synchronized (latencies) {
            latencies.forEach((name, series) -> out.append(String.format(Locale.ROOT, "%-34s %8d %9s %9s%n", name,
                    series.count(), Series.fmt(series.percentileMillis(50)), Series.fmt(series.percentileMillis(99)))));
        }
        return out.toString();
    }

    Map<String, Object> latencyFigures() {
        Map<String, Object> out = new LinkedHashMap<>();
        synchronized (latencies) {
            latencies.forEach((name, series) -> out.put(name, Map.of("count", series.count(),
                    "p50Ms", series.percentileMillis(50), "p99Ms", series.percentileMillis(99))));
        }
        return out;
    }

    /** A fixed schedule of request slots shared by all users: the rate holds whatever their number. */
    private static final class Pacer {
        private final long interval;
        private final AtomicLong next = new AtomicLong(System.nanoTime());

        Pacer(double rate) {
            this.interval = (long) (1e9 / rate);
        }

        void await() {
            long now = System.nanoTime();
            // Behind by more than five seconds (the platform was slower than the rate for a while): what was missed
            // is lost rather than sent in a burst; a shorter stall (a collection, a flush) is made up.
            next.accumulateAndGet(now - 5_000_000_000L, Math::max);
            long slot = next.getAndAdd(interval);
            long wait = slot - now;
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private final class User implements Runnable {
        private final Api.Key key;
        private final Pacer pacer;
        private final SplittableRandom random;
        private final List<Expected> live = new ArrayList<>();
        private int sequence;

        User(Api.Key key, Pacer pacer, SplittableRandom random) {
            this.key = key;
            this.pacer = pacer;
            this.random = random;
        }

        @Override
        public void run() {
            while (running()) {
                pacer.await();
                try {
                    step();
                } catch (RuntimeException e) {
                    tally.failure(key.username() + ": the driver failed: " + e);
                }
            }
        }

        private void step() {
            if (live.size() < settings.agentsPerUser() && (live.isEmpty() || random.nextInt(4) == 0)) {
                create();
                return;
            }
            Expected agent = live.get(random.nextInt(live.size()));
            int roll = random.nextInt(100);
            if ((roll -= GET) < 0) {
                get(agent);
            } else if ((roll -= LIST) < 0) {
                list();
            } else if ((roll -= LOGS) < 0) {
                readWhenSettled(agent, "getAgentLogs", "/logs?lines=20");
            } else if ((roll -= METRICS) < 0) {
                readWhenSettled(agent, "getAgentMetrics", "/metrics");
            } else if ((roll -= ACCOUNT) < 0) {
                account();
            } else if ((roll -= UPDATE) < 0) {
                update(agent);
            } else if ((roll -= SCALE) < 0) {
                scale(agent);
            } else if ((roll -= RESTART) < 0) {
                restart(agent);
            } else if ((roll -= DELETE) < 0) {
                delete(agent);
            } else {
                status(agent);
            }
        }

        private void create() {
            String name = key.username() + "-" + (++sequence);
            String token = SECRET_MARK + "-" + UUID.randomUUID();
            String description = "created " + sequence;
            String body = "{\"agentName\": \"" + name + "\", \"description\": \"" + description + "\","
                    + " \"personality\": {\"bio\": [\"I keep the load going.\"]},"
                    + " \"selectedPlugins\": [\"@elizaos/plugin-discord\"],"
                    + " \"resources\": {\"memory\": \"512Mi\", \"cpu\": \"250m\", \"replicas\": 1},"
                    + " \"platforms\": {\"discord\": {\"token\": \"" + token + "\", \"applicationId\": \"42\"}}}";
            Http.Answer answer = write("createAgent", "POST", "/api/agents", body,
                    Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            if (answer == null) {
                return;
            }
            if (answer.status() != 202 && answer.status() != 201) {
                unexpected("createAgent", answer, "202");
                return;
            }
            String agentId = tree(answer).path("agentId").asText(null);
            if (agentId == null) {
                tally.failure("createAgent: " + answer.status() + " without an agentId: " + answer.body());
                return;
            }
            Expected expected = new Expected(agentId, key, token, description);
            agents.add(expected);
            live.add(expected);
        }

        private void status(Expected agent) {
            Http.Answer answer = read("getAgentStatus", "GET", agentPath(agent, "/status"));
            if (answer != null && answer.status() == 200) {
                agent.settled = "DEPLOYED".equals(tree(answer).path("status").asText());
            } else if (answer != null) {
                unexpected("getAgentStatus", answer, "200");
            }
        }

        private void get(Expected agent) {
            Http.Answer answer = read("getAgent", "GET", agentPath(agent, ""));
            if (answer == null) {
                return;
            }
            if (answer.status() != 200) {
                unexpected("getAgent", answer, "200");
                return;
            }
            JsonNode detail = tree(answer);
            if (!agent.uncertain) {
                String description = detail.path("description").asText(null);
                int replicas = detail.path("resources").path("replicas").asInt(-1);
                if (!agent.description.equals(description) || agent.replicas != replicas) {
                    tally.failure("getAgent " + agent.agentId + ": shows description '" + description + "', replicas "
                            + replicas + " after the acknowledged '" + agent.description + "', " + agent.replicas);
                }
            }
            String token = detail.path("platforms").path("discord").path("token").asText(null);
            if (!"********".equals(token)) {
                tally.failure("getAgent " + agent.agentId + ": the Discord token is not masked"); // its value stays out
            }
        }

        private void list() {
            Http.Answer answer = read("listAgents", "GET", "/api/agents?limit=50");
            if (answer == null) {
                return;
            }
            if (answer.status() != 200) {
                unexpected("listAgents", answer, "200");
                return;
            }
            for (JsonNode item : tree(answer).path("agents")) {
                if (!key.userId().equals(item.path("owner").asText())) {
                    tally.failure("listAgents for " + key.username() + " shows " + item.path("agentId").asText()
                            + " of " + item.path("owner").asText());
                }
            }
        }

        private void readWhenSettled(Expected agent, String route, String suffix) {
            if (!agent.settled || agent.replicas == 0) {
                status(agent);
                return;
            }
            Http.Answer answer = read(route, "GET", agentPath(agent, suffix));
            if (answer != null && answer.status() != 200) {
                unexpected(route, answer, "200 (the agent was DEPLOYED)");
            }
        }

        private void account() {
            String[] reads = {"/api/users/profile", "/api/security/events?limit=20", "/api/auth/keys", "/api/health"};
            String[] routes = {"getUserProfile", "getSecurityEvents", "listKeys", "getHealth"};
            int pick = random.nextInt(reads.length);
            Http.Answer answer = read(routes[pick], "GET", reads[pick]);
            if (answer != null && answer.status() != 200) {
                unexpected(routes[pick], answer, "200");
            }
        }

        private void update(Expected agent) {
            String description = "update " + (++sequence);
            change(agent, "updateAgent", "PUT", "", "{\"description\": \"" + description + "\"}", 200,
                    () -> agent.description = description);
        }

        private void scale(Expected agent) {
            int replicas = random.nextInt(3);
            change(agent, "scaleAgent", "POST", "/scale", "{\"replicas\": " + replicas + "}", 200,
                    () -> agent.replicas = replicas);
        }

        private void restart(Expected agent) {
            if (agent.replicas == 0) {
                status(agent);
                return;
            }
            change(agent, "restartAgent", "POST", "/restart", null, 202, () -> { });
        }

        /**
         * A write to the agent: once acknowledged, {@code acknowledged} records its effect on the expected agent,
         * which is then unsettled until the platform has rolled it out.
         */
        private void change(Expected agent, String route, String method, String suffix, String body, int expected,
                            Runnable acknowledged) {
            Http.Answer answer = write(route, method, agentPath(agent, suffix), body, Map.of());
            if (answered(agent, route, answer, expected)) {
                acknowledged.run();
                agent.settled = false;
            }
        }

        private void delete(Expected agent) {
            Http.Answer answer = write("deleteAgent", "DELETE", agentPath(agent, ""), null, Map.of());
            if (answer != null && answer.status() == 404 && retried(answer)) {
                // a retry of a delete the platform had taken: the agent is gone already
                answer = null;
                agent.deleted = true;
            } else if (answered(agent, "deleteAgent", answer, 202)) {
                agent.deleted = true;
            }
            live.remove(agent);
        }

        /** A change's answer: true when acknowledged; an unexpected answer is a failure, no answer an uncertainty. */
        private boolean answered(Expected agent, String route, Http.Answer answer, int expected) {
            if (answer == null) {
                agent.uncertain = true;
                return false;
            }
            if (answer.status() != expected && !(expected == 200 && answer.status() == 202)
                    && !(expected == 202 && answer.status() == 200)) {
                unexpected(route, answer, Integer.toString(expected));
                return false;
            }
            return true;
        }

        private String agentPath(Expected agent, String suffix) {
            return "/api/agents/" + agent.agentId + suffix;
        }

        private Http.Answer read(String route, String method, String path) {
            return send(route, method, path, null, Map.of());
        }

        /**
         * A write, retried with the same body and headers while the platform answers 503 under a fault; null when
         * it never got a definite answer (the caller records the uncertainty).
         */
        private Http.Answer write(String route, String method, String path, String body, Map<String, String> headers) {
            long giveUp = System.nanoTime() + RETRY_FOR.toNanos();
            int attempt = 0;
            while (true) {
                Http.Answer answer = send(route, method, path, body, headers);
                if (answer == null || answer.status() != 503) {
                    return answer == null || attempt == 0 ? answer : markRetried(answer);
                }
                if (System.nanoTime() > giveUp) {
                    tally.note(route + " " + path + ": no definite answer after " + RETRY_FOR.toSeconds() + " s of 503s");
                    return null;
                }
                attempt++;
                retries.incrementAndGet();
                sleep(Math.min(2000, 100L << Math.min(attempt, 5)));
            }
        }

        private Http.Answer send(String route, String method, String path, String body, Map<String, String> headers) {
            Probe.Builder request = Probe.to(route, method, path).header("X-API-Key", key.apiKey());
            if (body != null) {
                request.json(body);
            }
            headers.forEach(request::header);
            long started = System.nanoTime();
            Http.Answer answer = http.send(request.as("load", route));
            long elapsed = System.nanoTime() - started;
            requests.incrementAndGet();
            synchronized (latencies) {
                latencies.computeIfAbsent(route, Series::new).add(elapsed);
            }
            return judge(route, method + " " + path, answer);
        }

        /** What every answer must be, whatever the request; null when it is no answer at all. */
        private Http.Answer judge(String route, String request, Http.Answer answer) {
            if (!answer.answered()) {
                fail(route, 0, request + ": no HTTP answer: " + answer.failure());
                return null;
            }
            int status = answer.status();
            if (answer.body().contains(SECRET_MARK)) {
                fail(route, status, request + ": a platform token in the response");
                return answer;
            }
            for (String other : otherKeys.keySet()) {
                if (answer.body().contains(other)) {
                    fail(route, status, request + ": an API key in the response");
                    return answer;
                }
            }
            if (status >= 400) {
                List<String> problems = ErrorFormat.problems(answer);
                if (!problems.isEmpty()) {
                    fail(route, status, request + ": " + status + " outside the error format: " + problems);
                    return answer;
                }
            }
            if (status == 503 && faults.active()) {
                refusedUnderFault.incrementAndGet();
                pass(route, status);
                return answer;
            }
            if (status >= 500) {
                fail(route, status, request + ": " + status + " " + cut(answer.body()));
                return answer;
            }
            pass(route, status);
            return answer;
        }

        private void unexpected(String route, Http.Answer answer, String expected) {
            if (answer.status() >= 500) {
                return; // judged already: a failure, or a 503 under a fault that a read may fairly get
            }
            tally.failure(route + " for " + key.username() + ": " + answer.status() + " where " + expected
                    + " was due: " + cut(answer.body()));
        }
    }

    /** A 2xx body as JSON; one that is not JSON is a failure (and reads as nothing). */
    private JsonNode tree(Http.Answer answer) {
        try {
            return Json.tree(answer.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            tally.failure(answer.status() + " with a body that is not JSON: " + cut(answer.body()));
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static Http.Answer markRetried(Http.Answer answer) {
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        headers.put("x-load-retried", "true");
        return new Http.Answer(answer.status(), answer.body(), headers, null);
    }

    private static boolean retried(Http.Answer answer) {
        return "true".equals(answer.header("x-load-retried"));
    }

    private void pass(String route, int status) {
        tally.pass(route, status);
    }

    private void fail(String route, int status, String what) {
        tally.fail(route, status, what);
    }

    private static String cut(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
