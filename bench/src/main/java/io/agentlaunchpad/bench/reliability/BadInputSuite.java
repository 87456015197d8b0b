package io.agentlaunchpad.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.bench.reliability.BodySchema.Field;
import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.http.RouteTable;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.local.LocalPlatform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bad input: the generated corpus against a fresh platform. Every answer must be a 4xx in the seed's error format
 * with no trace of the implementation, and the whole corpus must write nothing ({@link Snapshot}). A 503 saying the
 * route is not served by the local platform yet is counted apart as SKIP.
 */
final class BadInputSuite {

    private final LocalPlatform.Running platform;
    private final Api api;
    private final Tally tally = new Tally("bad-input");
    private int serverRefusals;
    private static final int SETTLE_SECONDS = 45;

    BadInputSuite(LocalPlatform.Running platform) {
        this.platform = platform;
        this.api = new Api(platform.baseUrl());
    }

    Tally run() {
        String admin = platform.adminKey();
        Api.Key user = api.key(admin, "rel-user", "USER");
        BadInputCorpus.Targets targets = targets(admin);
        BadInputCorpus.Targets control = targets(admin);
        Http http = new Http(platform.baseUrl(), Map.of(Probe.ADMIN, admin, Probe.USER, user.apiKey()));

        schemaCheck(http, targets);
        controls(http, control);

        List<Probe> corpus = BadInputCorpus.generate(targets);
        // A deployer behind the queue (when the local platform has one) is still deploying what the setup and the
        // controls made: wait until it rests, so what changes afterwards is the corpus's doing.
        Snapshot before = Snapshot.settled(platform.dynamo(), Reliability.TABLE_PREFIX, platform.sqs(),
                platform.deployQueueUrl(), SETTLE_SECONDS);
        for (Probe probe : corpus) {
            judge(probe, http.send(probe));
        }
        Snapshot after = Snapshot.settled(platform.dynamo(), Reliability.TABLE_PREFIX, platform.sqs(),
                platform.deployQueueUrl(), SETTLE_SECONDS);
        if (!before.isSettled()) {
            tally.failure("the platform did not come to rest within " + SETTLE_SECONDS + " s before the corpus: the"
                    + " write check cannot tell the corpus's writes from the deployer's");
        }
        tally.note("waited " + before.waitedSeconds() + " s for the platform to rest before the corpus, "
                + after.waitedSeconds() + " s after it");

        List<String> writes = after.writesSince(before);
        writes.forEach(w -> tally.failure("written by the corpus: " + w));
        tally.put("inputsTried", corpus.size());
        tally.put("routes", RouteTable.ROUTES.size());
        tally.put("itemCountsBefore", before.itemCounts());
        tally.put("itemCountsAfter", after.itemCounts());
        tally.put("deployQueueBefore", before.queue());
        tally.put("deployQueueAfter", after.queue());
        tally.put("writes", writes);
        tally.note("item counts before " + before.itemCounts() + ", after " + after.itemCounts());
        tally.note("deploy queue before " + before.queue() + ", after " + after.queue() + (after.queueComparable(before)
                ? "" : " (not compared: the deployer has follow-ups scheduled; the agents table is compared)"));
        tally.put("refusedByTheJdkServer", serverRefusals);
        tally.note(serverRefusals + " requests with a malformed percent escape were refused by the JDK HTTP server in"
                + " front of the gateway emulation (400, text/html naming URISyntaxException): checked for 4xx only; on"
                + " AWS API Gateway answers those itself");
        tally.note("writes other than those excused (rate# counters, refusal security events, lastUsedAt/lastLogin): "
                + writes.size());
        return tally;
    }

    /** An agent, a key and a scan id of the admin's, for the baselines to name. */
    private BadInputCorpus.Targets targets(String admin) {
        String agentId = api.call(admin, "POST", "/api/agents", RouteInputs.CREATE_AGENT.baseline()).get("agentId").asText();
        String keyId = api.call(admin, "POST", "/api/auth/generate-key", "{}").get("keyId").asText();
        // a real scan where the route is served; else an id of the right shape (its route is not served either)
        String scanId = api.tryCall(admin, "POST", "/api/security/scan/" + agentId, null)
                .map(scan -> scan.path("scanId").asText(null))
                .orElse("scan-" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                        (agentId + "|elizaos/agent|sha256:" + "0".repeat(64)).getBytes(StandardCharsets.UTF_8)));
        return new BadInputCorpus.Targets(agentId, keyId, scanId);
    }

    private void judge(Probe probe, Http.Answer answer) {
        String group = probe.category().startsWith("field ") ? "fields of " + schemaName(probe) : probe.category();
        if (!answer.answered()) {
            tally.fail(group, 0, probe.describe() + ": " + answer.failure());
            return;
        }
        if (ErrorFormat.notServed(answer)) {
            tally.skip(group, answer.status());
            return;
        }
        List<String> problems = new ArrayList<>();
        if (answer.status() < 400 || answer.status() > 499) {
            problems.add("status " + answer.status() + ", not 4xx");
        }
        if (!probe.category().equals(BadInputCorpus.MALFORMED_ESCAPE)) {
            problems.addAll(ErrorFormat.problems(answer));
        } else if (!ErrorFormat.problems(answer).isEmpty()) {
            serverRefusals++;
        }
        if (problems.isEmpty()) {
            tally.pass(group, answer.status());
        } else {
            String body = answer.body().length() > 300 ? answer.body().substring(0, 300) + "..." : answer.body();
            tally.fail(group, answer.status(), probe.describe() + ": " + String.join("; ", problems) + " -- " + body);
        }
    }

    private static String schemaName(Probe probe) {
        return RouteInputs.of(probe.function()).body().map(BodySchema::name).orElse(probe.function());
    }

    /**
     * The baseline of every route, once, on objects of its own (so the corpus's targets stay untouched): each must
     * succeed, or the corpus would be refusing for a reason other than the one fault it adds. Run before the
     * snapshot: these are the only writes the suite intends.
     */
    private void controls(Http http, BadInputCorpus.Targets control) {
        List<Route> ordered = new ArrayList<>(RouteTable.ROUTES);
        // what destroys its object goes last
        ordered.sort((a, b) -> Boolean.compare(a.method().equals("DELETE"), b.method().equals("DELETE")));
        int served = 0;
        for (Route route : ordered) {
            RouteInputs inputs = RouteInputs.of(route.function());
            Probe probe = BadInputCorpus.baselineProbe(route, control);
            Http.Answer answer = http.send(probe);
            if (ErrorFormat.notServed(answer)) {
                continue;
            }
            served++;
            // cluster routes may answer what the cluster says; a scan just started is not readable yet (404)
            boolean ok = answer.status() >= 200 && answer.status() < 300
                    || (inputs.clusterDependent() && (answer.status() == 409 || answer.status() == 503))
                    || (route.pathParameters().contains("scanId") && answer.status() == 404);
            if (!ok) {
                tally.failure("control (the valid request the corpus departs from) " + probe.describe() + " answered "
                        + answer.status() + ": " + answer.body());
            }
        }
        tally.note("controls: the valid baseline of each of " + served + " served routes answered as a valid request"
                + " should (the other " + (RouteTable.ROUTES.size() - served) + " routes: not served yet)");
    }

    private static final Pattern EXPECTED = Pattern.compile("expected one of \\[([^]]*)]");

    /**
     * The fields the corpus mutates must be the fields the platform takes: for every object of every body, an unknown
     * field is sent and the platform's "expected one of [...]" compared with the schema's children.
     */
    private void schemaCheck(Http http, BadInputCorpus.Targets targets) {
        int checked = 0;
        for (Route route : RouteTable.ROUTES) {
            Optional<BodySchema> schema = RouteInputs.of(route.function()).body();
            if (schema.isEmpty()) {
                continue;
            }
            List<List<String>> objects = new ArrayList<>();
            objects.add(List.of());
            collectObjects(schema.get().fields(), List.of(), objects);
            for (List<String> at : objects) {
                List<String> path = new ArrayList<>(at);
                path.add("zzUnknownField");
                String body = BadInputCorpus.with(schema.get().baselineNode(), path, Json.MAPPER.getNodeFactory().numberNode(1)).toString();
                Probe probe = Probe.to(route.function(), route.method(), BadInputCorpus.baselineProbe(route, targets).rawTarget())
                        .header("X-API-Key", Probe.ADMIN).json(body).as("schema", String.join(".", path));
                Http.Answer answer = http.send(probe);
                if (ErrorFormat.notServed(answer)) {
                    continue;
                }
                Set<String> platformFields = expectedFields(answer, String.join(".", path));
                Set<String> corpusFields = new TreeSet<>();
                childrenAt(schema.get().fields(), at).forEach(f -> corpusFields.add(f.name()));
                checked++;
                if (!platformFields.equals(corpusFields)) {
                    tally.failure("schema drift in " + schema.get().name() + " at '" + String.join(".", at)
                            + "': the platform takes " + platformFields + ", the corpus mutates " + corpusFields);
                }
            }
        }
        tally.note("schema check: the fields of " + checked + " body objects match what the platform accepts");
    }

    private static void collectObjects(List<Field> fields, List<String> parent, List<List<String>> out) {
        for (Field f : fields) {
            if (f.type() == BodySchema.Type.OBJECT) {
                List<String> path = new ArrayList<>(parent);
                path.add(f.name());
                out.add(path);
                collectObjects(f.children(), path, out);
            }
        }
    }

    private static List<Field> childrenAt(List<Field> fields, List<String> at) {
        List<Field> level = fields;
        for (String name : at) {
            level = level.stream().filter(f -> f.name().equals(name)).findFirst().map(Field::children).orElse(List.of());
        }
        return level;
    }

    private static Set<String> expectedFields(Http.Answer answer, String path) {
        Set<String> fields = new TreeSet<>();
        try {
            JsonNode details = Json.tree(answer.body()).path("error").path("details");
            for (JsonNode d : details) {
                if (path.equals(d.path("field").asText())) {
                    Matcher m = EXPECTED.matcher(d.path("message").asText());
                    if (m.find()) {
                        for (String name : m.group(1).split(",")) {
                            fields.add(name.trim());
                        }
                    }
                }
            }
        } catch (Exception e) {
            fields.add("(unreadable answer " + answer.status() + ")");
        }
        return fields;
    }
}
