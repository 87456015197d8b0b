package io.agentlaunchpad.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.dynamodb.DynamoAgentStore;
import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.local.LocalPlatform;
import io.agentlaunchpad.tables.Tables;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * After the traffic: waits until every agent the users created has settled, then holds the platform to the users'
 * ledger — the record, the API's answers and the cluster's objects all show the last acknowledged write; a deleted
 * agent has left no record and no object; no object belongs to an agent nobody has; no platform token is stored in
 * clear; nothing was given up on (the dead-letter queue is empty, or each dead letter left a FAILED agent that says
 * why and an event).
 */
final class EndState {

    private static final Set<AgentStatus> TERMINAL = Set.of(AgentStatus.DEPLOYED, AgentStatus.STOPPED, AgentStatus.FAILED);

    private final LocalPlatform.Running platform;
    private final Tally tally;
    private final Api api;
    private final DynamoAgentStore store;
    private final boolean failuresAllowed;
    private Snapshot events;

    /**
     * @param failuresAllowed whether an agent may end FAILED (the fault suite: a command the deployer gave up on),
     *                        provided its status says why and a DEPLOYMENT_FAILED event records it
     */
    EndState(LocalPlatform.Running platform, Tally tally, boolean failuresAllowed) {
        this.platform = platform;
        this.tally = tally;
        this.api = new Api(platform.baseUrl());
        this.store = DynamoAgentStore.inTables(platform.dynamo(), Reliability.TABLE_PREFIX);
        this.failuresAllowed = failuresAllowed;
    }

    void check(Collection<Traffic.Expected> agents, List<Api.Key> users, Duration settleWithin) throws IOException {
        List<Traffic.Expected> live = agents.stream().filter(a -> !a.deleted).toList();
        long settledIn = settle(agents, settleWithin);
        tally.put("agentsCreated", agents.size());
        tally.put("agentsDeleted", agents.size() - live.size());
        tally.put("settledSeconds", settledIn);
        tally.note(agents.size() + " agents created, " + (agents.size() - live.size()) + " deleted; every one settled "
                + "within " + settledIn + " s of the traffic stopping (or listed as stuck)");
        checkRecords(live);
        checkListings(live, users);
        new CountsCheck(platform.dynamo()).check(users.stream().map(Api.Key::userId).toList(), tally);
        checkCluster(agents);
        checkStorage(agents);
        controls(agents, users);
    }

    /**
     * The checks above must be able to fail: each planted discrepancy (a write never made, a deleted agent taken for
     * live, a scale never asked for, a listing missing an agent) is run through them with a scratch tally, and each
     * must be caught.
     */
    private void controls(Collection<Traffic.Expected> agents, List<Api.Key> users) throws IOException {
        Optional<Traffic.Expected> live = agents.stream().filter(a -> !a.deleted && !a.uncertain)
                .filter(a -> store.find(a.agentId).map(r -> r.status() == AgentStatus.DEPLOYED).orElse(false))
                .findFirst();
        Optional<Traffic.Expected> deleted = agents.stream().filter(a -> a.deleted).findFirst();
        if (live.isEmpty() || deleted.isEmpty()) {
            tally.failure("controls: the run left no DEPLOYED and no deleted agent to plant discrepancies on");
            return;
        }
        Traffic.Expected a = live.get();
        Traffic.Expected unwritten = new Traffic.Expected(a.agentId, a.owner, a.token, "a write that was never made");
        unwritten.replicas = a.replicas;
        Traffic.Expected unscaled = new Traffic.Expected(a.agentId, a.owner, a.token, a.description);
        unscaled.replicas = a.replicas + 1;
        Traffic.Expected gone = deleted.get();
        Traffic.Expected resurrected = new Traffic.Expected(gone.agentId, gone.owner, gone.token, gone.description);
        Tally scratch = new Tally("controls");
        EndState check = new EndState(platform, scratch, failuresAllowed);
        record Plant(String what, String caughtAs, Runnable run) {
        }
        List<Plant> plants = List.of(
                new Plant("a write never made", "lost write: " + a.agentId, () -> check.checkRecords(List.of(unwritten))),
                new Plant("a deleted agent taken for live", "lost: " + gone.agentId,
                        () -> check.checkRecords(List.of(resurrected))),
                new Plant("a listing short of an agent", gone.agentId,
                        () -> check.checkListings(List.of(resurrected), List.of(gone.owner))),
                new Plant("a scale never asked for", a.agentId + "'s Deployment asks for", () -> {
                    try {
                        check.checkCluster(List.of(unscaled));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }));
        int caught = 0;
        for (Plant plant : plants) {
            plant.run().run();
            if (scratch.failureList().stream().anyMatch(f -> f.contains(plant.caughtAs()))) {
                caught++;
            } else {
                tally.failure("controls: the end-state check did not catch " + plant.what());
            }
        }
        tally.note("controls: " + caught + " of " + plants.size() + " planted discrepancies caught ("
                + String.join(", ", plants.stream().map(Plant::what).toList()) + ")");
    }

    /** Seconds until every agent is DEPLOYED, STOPPED, FAILED or (deleted) gone; what is left then is stuck. */
    private long settle(Collection<Traffic.Expected> agents, Duration within) {
        long started = System.nanoTime();
        long deadline = started + within.toNanos();
        List<Traffic.Expected> pending = new ArrayList<>(agents);
        while (true) {
            pending.removeIf(this::settled);
            if (pending.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            sleep(500);
        }
        for (Traffic.Expected stuck : pending) {
            Optional<Agent> record = store.find(stuck.agentId);
            tally.failure("stuck: " + stuck.agentId + (stuck.deleted ? " (deleted)" : "") + " still "
                    + record.map(a -> a.status() + (a.statusReason() == null ? "" : " (" + a.statusReason() + ")"))
                    .orElse("without a record") + " " + within.toSeconds() + " s after the traffic stopped");
        }
        return (System.nanoTime() - started) / 1_000_000_000L;
    }

    private boolean settled(Traffic.Expected agent) {
        Optional<Agent> record = store.find(agent.agentId);
        if (agent.deleted) {
            return record.isEmpty();
        }
        return record.map(a -> TERMINAL.contains(a.status())).orElse(agent.uncertain);
    }

    /** Each live agent, read by its owner: the last acknowledged description and replicas, and settled on them. */
    private void checkRecords(List<Traffic.Expected> live) {
        int failed = 0;
        for (Traffic.Expected agent : live) {
            Optional<JsonNode> read = api.tryCall(agent.owner.apiKey(), "GET", "/api/agents/" + agent.agentId, null);
            if (read.isEmpty()) {
                if (!agent.uncertain) {
                    tally.failure("lost: " + agent.agentId + " was created (201) and never deleted, but is gone");
                }
                continue;
            }
            JsonNode detail = read.get();
            String status = detail.path("status").asText();
            if (!agent.uncertain) {
                String description = detail.path("description").asText(null);
                int replicas = detail.path("resources").path("replicas").asInt(-1);
                if (!agent.description.equals(description) || agent.replicas != replicas) {
                    tally.failure("lost write: " + agent.agentId + " ends with description '" + description
                            + "', replicas " + replicas + "; the last acknowledged were '" + agent.description
                            + "', " + agent.replicas);
                }
            }
            if (status.equals("FAILED")) {
                failed++;
                checkFailureVisible(agent, detail);
            } else {
                String due = detail.path("resources").path("replicas").asInt() == 0 ? "STOPPED" : "DEPLOYED";
                if (!status.equals(due)) {
                    tally.failure("status: " + agent.agentId + " ends " + status + " where " + due + " was due");
                }
            }
        }
        tally.put("agentsFailed", failed);
    }

    private void checkFailureVisible(Traffic.Expected agent, JsonNode detail) {
        String reason = detail.path("reason").asText("");
        if (!failuresAllowed) {
            tally.failure("failed: " + agent.agentId + " ended FAILED: " + reason);
            return;
        }
        if (events == null) {
            // one read of the tables for every failed agent, taken when the first one needs it
            events = Snapshot.take(platform.dynamo(), Reliability.TABLE_PREFIX, platform.sqs(), platform.deployQueueUrl());
        }
        Snapshot snapshot = events;
        if (reason.isBlank() || !snapshot.hasItem(Tables.SECURITY_EVENTS.baseName(), agent.agentId, "DEPLOYMENT_FAILED")) {
            tally.failure("invisible failure: " + agent.agentId + " ended FAILED with reason '" + reason
                    + "' and " + (snapshot.hasItem(Tables.SECURITY_EVENTS.baseName(), agent.agentId) ? "an" : "no")
                    + " event for it, none of type DEPLOYMENT_FAILED");
        } else {
            tally.note("failed visibly: " + agent.agentId + ": " + reason);
        }
    }

    /** Each user's listing, every page: exactly the agents the ledger says they have. */
    private void checkListings(List<Traffic.Expected> live, List<Api.Key> users) {
        for (Api.Key user : users) {
            Set<String> expected = live.stream().filter(a -> a.owner.equals(user) && !a.uncertain)
                    .map(a -> a.agentId).collect(Collectors.toSet());
            Set<String> uncertain = live.stream().filter(a -> a.owner.equals(user) && a.uncertain)
                    .map(a -> a.agentId).collect(Collectors.toSet());
            Set<String> listed = new HashSet<>();
            String next = null;
            do {
                String query = "/api/agents?limit=100" + (next == null ? ""
                        : "&nextToken=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
                JsonNode page = api.call(user.apiKey(), "GET", query, null);
                page.path("agents").forEach(item -> listed.add(item.path("agentId").asText()));
                next = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
            } while (next != null);
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(listed);
            Set<String> extra = new HashSet<>(listed);
            extra.removeAll(expected);
            extra.removeAll(uncertain);
            if (!missing.isEmpty() || !extra.isEmpty()) {
                tally.failure("listing of " + user.username() + ": missing " + missing + ", not created or deleted "
                        + extra);
            }
        }
    }

    /**
     * The cluster: one Deployment, Service, ConfigMap and Secret per live agent, the Deployment at the acknowledged
     * replicas with that many pods; nothing labelled for a deleted or unknown agent.
     */
    private void checkCluster(Collection<Traffic.Expected> agents) throws IOException {
        Config config = Config.fromKubeconfig(null, Files.readString(platform.kubeconfig()), platform.kubeconfig().toString());
        try (KubernetesClient kube = new KubernetesClientBuilder().withConfig(config).build()) {
            Map<String, String> managed = Map.of(AgentNames.MANAGED_BY, AgentNames.MANAGER);
            Map<String, List<Deployment>> deployments = byAgent(kube.apps().deployments().inAnyNamespace()
                    .withLabels(managed).list().getItems());
            Map<String, List<HasMetadata>> others = new HashMap<>();
            for (HasMetadata item : kube.services().inAnyNamespace().withLabels(managed).list().getItems()) {
                others.computeIfAbsent("Service/" + agentOf(item), k -> new ArrayList<>()).add(item);
            }
            for (HasMetadata item : kube.configMaps().inAnyNamespace().withLabels(managed).list().getItems()) {
                others.computeIfAbsent("ConfigMap/" + agentOf(item), k -> new ArrayList<>()).add(item);
            }
            for (HasMetadata item : kube.secrets().inAnyNamespace().withLabels(managed).list().getItems()) {
                others.computeIfAbsent("Secret/" + agentOf(item), k -> new ArrayList<>()).add(item);
            }
            Map<String, List<Pod>> pods = byAgent(kube.pods().inAnyNamespace().list().getItems().stream()
                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList());
            Map<String, Traffic.Expected> known = agents.stream().collect(Collectors.toMap(a -> a.agentId, a -> a));
            int objects = 0;
            for (Traffic.Expected agent : agents) {
                List<Deployment> own = deployments.getOrDefault(agent.agentId, List.of());
                int podCount = pods.getOrDefault(agent.agentId, List.of()).size();
                objects += own.size() + podCount;
                if (agent.deleted) {
                    for (String kind : List.of("Service", "ConfigMap", "Secret")) {
                        if (others.containsKey(kind + "/" + agent.agentId)) {
                            tally.failure("left behind: " + kind + " of deleted agent " + agent.agentId);
                        }
                    }
                    if (!own.isEmpty() || podCount > 0) {
                        tally.failure("left behind: " + own.size() + " Deployment(s), " + podCount + " pod(s) of deleted"
                                + " agent " + agent.agentId);
                    }
                    continue;
                }
                if (agent.uncertain) {
                    continue;
                }
                Optional<Agent> record = store.find(agent.agentId);
                if (record.isPresent() && record.get().status() == AgentStatus.FAILED) {
                    continue; // a failed agent keeps what was applied before, or nothing (a blocked image)
                }
                if (own.size() != 1) {
                    tally.failure("objects: " + agent.agentId + " has " + own.size() + " Deployments");
                    continue;
                }
                for (String kind : List.of("Service", "ConfigMap", "Secret")) {
                    int count = others.getOrDefault(kind + "/" + agent.agentId, List.of()).size();
                    objects += count;
                    if (count != 1) {
                        tally.failure("objects: " + agent.agentId + " has " + count + " " + kind + "s");
                    }
                }
                Integer replicas = own.get(0).getSpec().getReplicas();
                if (replicas == null || replicas != agent.replicas) {
                    tally.failure("objects: " + agent.agentId + "'s Deployment asks for " + replicas
                            + " replicas; the last acknowledged scale was " + agent.replicas);
                } else if (podCount != agent.replicas) {
                    tally.failure("objects: " + agent.agentId + " runs " + podCount + " pods for " + agent.replicas
                            + " replicas");
                }
            }
            for (String agentId : deployments.keySet()) {
                if (!known.containsKey(agentId)) {
                    tally.failure("orphan: a Deployment for " + agentId + ", which no user created");
                }
            }
            tally.put("clusterObjectsChecked", objects);
        }
    }

    /** No platform token in clear in any table, and nothing given up on without a visible failure. */
    private void checkStorage(Collection<Traffic.Expected> agents) {
        Snapshot snapshot = Snapshot.take(platform.dynamo(), Reliability.TABLE_PREFIX, platform.sqs(),
                platform.deployQueueUrl());
        List<String> clear = snapshot.itemsContaining(Traffic.SECRET_MARK);
        if (!clear.isEmpty()) {
            tally.failure("a platform token in clear in DynamoDB: " + clear.subList(0, Math.min(5, clear.size())));
        }
        String dlq = platform.deployQueueUrl() + "-dlq";
        int dead = Integer.parseInt(platform.sqs().getQueueAttributes(b -> b.queueUrl(dlq)
                .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings()
                .getOrDefault("ApproximateNumberOfMessages", "0"));
        tally.put("deadLetters", dead);
        if (dead > 0 && !failuresAllowed) {
            tally.failure("the deployer gave up on " + dead + " command(s): they are in the dead-letter queue");
        }
        tally.put("agentsChecked", agents.size());
    }

    private static <T extends HasMetadata> Map<String, List<T>> byAgent(List<T> items) {
        return items.stream().filter(i -> agentOf(i) != null)
                .collect(Collectors.groupingBy(EndState::agentOf, Collectors.mapping(Function.identity(), Collectors.toList())));
    }

    private static String agentOf(HasMetadata item) {
        Map<String, String> labels = item.getMetadata().getLabels();
        return labels == null ? null : labels.get(AgentNames.AGENT_ID);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
