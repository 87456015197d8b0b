package io.agentlaunchpad.emulators;

import io.agentlaunchpad.emulators.SimulatedKubelet.Outcome;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Deployment controller, ReplicaSet controller, kubelet and garbage collector of the simulated cluster, as one
 * level-triggered loop over what the API server holds (nothing is remembered between looks but when to look):
 * <ul>
 * <li>a Deployment's pods are the simulation's pods matching its selector; those of another template (its
 * {@code pod-template-hash}) or made for another outcome are deleted, the rest brought to {@code spec.replicas}
 * (newest deleted first; none for a quota refusal);</li>
 * <li>a new pod starts Pending with its container being created, and settles into its outcome
 * {@code readyDelay} later: Ready, or the failure asked for;</li>
 * <li>the Deployment's status is written as its controller would, only when it differs;</li>
 * <li>pods the simulation made whose Deployment is gone are deleted.</li>
 * </ul>
 * Driven by changes: each run looks only at the Deployments the API server saw written ({@link ChangeFeed}) and
 * those with a pod due to settle; everything is looked at only when an outcome asked for changes, every
 * {@link #RESYNC} (what a missed change would leave behind), and on every run while pods run as processes (their
 * readiness comes from probes, not from writes). A look that fails is logged (the same failure once until it
 * changes) and the Deployment is looked at again on the next run.
 */
final class KubeletLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(KubeletLoop.class.getName());
    /** The outcome annotation of a pod run as a process ({@link ProcessRuntime}) rather than simulated. */
    static final String PROCESS = "PROCESS";
    private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization KUBE =
            new io.fabric8.kubernetes.client.utils.KubernetesSerialization();

    private final KubernetesClient client;
    private final SimulatedKubelet kubelet;
    private final Simulations simulations;
    private final Duration readyDelay;
    private final Runnable housekeeping;
    private final ProcessRuntime runtime;
    /** A look at everything this often, whatever changed. */
    static final Duration RESYNC = Duration.ofSeconds(10);

    private final ChangeFeed changes;
    /** When a Deployment's next starting pod settles ({@code namespace/name}): it is looked at then. */
    private final Map<String, Instant> wakeUps = new ConcurrentHashMap<>();
    private Instant nextResync = Instant.MIN;
    private long simulationsSeen = -1;
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();
    /** The pods run as processes that this tick keeps ({@code namespace/name}). */
    private final Set<String> processPods = new HashSet<>();

    /**
     * @param runtime runs the pods of healthy Deployments as real processes; null for simulated pods only
     */
    KubeletLoop(KubernetesClient client, SimulatedKubelet kubelet, Simulations simulations, Duration readyDelay,
                Runnable housekeeping, ProcessRuntime runtime, ChangeFeed changes) {
        this.client = client;
        this.changes = changes;
        this.kubelet = kubelet;
        this.simulations = simulations;
        this.readyDelay = readyDelay;
        this.housekeeping = housekeeping;
        this.runtime = runtime;
    }

    @Override
    public void run() {
        try {
            housekeeping.run();
            simulations.reload();
            Instant now = Instant.now();
            long version = simulations.version();
            if (runtime != null || version != simulationsSeen || !now.isBefore(nextResync)) {
                changes.drain();
                wakeUps.clear();
                tick();
                simulationsSeen = version;
                nextResync = now.plus(RESYNC);
            } else {
                Set<String> due = changes.drain();
                wakeUps.forEach((key, at) -> {
                    if (!at.isAfter(now)) {
                        due.add(key);
                    }
                });
                due.forEach(key -> {
                    wakeUps.remove(key);
                    look(key, now);
                });
            }
            recovered("tick");
        } catch (RuntimeException | LinkageError | AssertionError e) {
            failed("tick", e);
        }
    }

    /** One Deployment and its pods, or the pods the simulation made for it if it is gone. */
    private void look(String key, Instant now) {
        int slash = key.indexOf('/');
        String namespace = key.substring(0, slash);
        String name = key.substring(slash + 1);
        try {
            Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
            var selector = deployment == null || deployment.getSpec().getSelector() == null ? null
                    : deployment.getSpec().getSelector().getMatchLabels();
            var pods = client.pods().inNamespace(namespace);
            List<Pod> mine = (selector == null || selector.isEmpty() ? pods.list() : pods.withLabels(selector).list())
                    .getItems().stream().filter(p -> name.equals(annotation(p, SimulatedKubelet.DEPLOYMENT))).toList();
            if (deployment == null) {
                mine.forEach(this::delete);
                lastFailure.remove(key);
                return;
            }
            reconcile(deployment, mine.stream().filter(p -> owns(deployment, p)).toList(), now);
            recovered(key);
        } catch (RuntimeException e) {
            failed(key, e);
            wakeUps.put(key, now.plus(SimulatedCluster.TICK));
        }
    }

    /** One pass over every Deployment and pod. */
    void tick() {
        Instant now = Instant.now();
        List<Deployment> deployments = client.apps().deployments().inAnyNamespace().list().getItems();
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems().stream()
                .filter(p -> annotation(p, SimulatedKubelet.OUTCOME) != null).toList();
        Set<String> owners = new HashSet<>();
        processPods.clear();
        for (Deployment deployment : deployments) {
            String key = key(deployment.getMetadata().getNamespace(), deployment.getMetadata().getName());
            owners.add(key);
            try {
                reconcile(deployment, pods.stream().filter(p -> owns(deployment, p)).toList(), now);
                recovered(key);
            } catch (RuntimeException e) {
                failed(key, e);
            }
        }
        for (Pod pod : pods) {
            String owner = annotation(pod, SimulatedKubelet.DEPLOYMENT);
            if (owner != null && !owners.contains(key(pod.getMetadata().getNamespace(), owner))) {
                delete(pod);
            }
        }
        lastFailure.keySet().removeIf(k -> !k.equals("tick") && !owners.contains(k));
        if (runtime != null) {
            runtime.retain(processPods, owners);
        }
    }

    private void reconcile(Deployment deployment, List<Pod> pods, Instant now) {
        var template = deployment.getSpec() == null ? null : deployment.getSpec().getTemplate();
        if (template == null || template.getSpec() == null || template.getSpec().getContainers() == null
                || template.getSpec().getContainers().isEmpty()) {
            throw new IllegalStateException("it has no pod template with a container to run");
        }
        String hash = SimulatedKubelet.templateHash(deployment);
        Outcome outcome = simulations.desired(deployment);
        // A healthy Deployment's pods run as processes when there is a runtime; a failure asked for is simulated.
        boolean real = runtime != null && outcome == Outcome.READY;
        String kind = real ? PROCESS : outcome.name();
        int target = outcome == Outcome.QUOTA_EXCEEDED ? 0 : SimulatedKubelet.replicas(deployment);
        List<Pod> current = new ArrayList<>();
        for (Pod pod : pods) {
            if (hash.equals(label(pod, SimulatedKubelet.TEMPLATE_HASH))
                    && kind.equals(annotation(pod, SimulatedKubelet.OUTCOME))) {
                current.add(pod);
            } else {
                delete(pod);
            }
        }
        current.sort(Comparator.comparing((Pod p) -> Objects.requireNonNullElse(SimulatedKubelet.settlesAt(p),
                Instant.EPOCH)).thenComparing(p -> p.getMetadata().getName()));
        while (current.size() > target) {
            delete(current.remove(current.size() - 1));
        }
        while (current.size() < target) {
            current.add(create(deployment, outcome, real, now));
        }
        if (real) {
            runProcesses(current, now);
        }
        for (int i = 0; !real && i < current.size(); i++) {
            Pod pod = current.get(i);
            Instant settles = SimulatedKubelet.settlesAt(pod);
            if (PodStatuses.starting(pod) && (settles == null || !settles.isAfter(now))) {
                pod.setStatus(kubelet.settledStatus(outcome, pod, now));
                current.set(i, client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod)
                        .updateStatus());
            }
        }
        String key = key(deployment.getMetadata().getNamespace(), deployment.getMetadata().getName());
        current.stream().filter(PodStatuses::starting).map(SimulatedKubelet::settlesAt)
                .filter(Objects::nonNull).min(Comparator.naturalOrder())
                .ifPresent(at -> wakeUps.put(key, at.isAfter(now) ? at : now));
        // no outcome for processes: whether they get Ready (in time) is theirs to show
        DeploymentStatus status = DeploymentStatuses.deploymentStatus(deployment, current, real ? null : outcome, now);
        if (!DeploymentStatuses.sameStatus(deployment.getStatus(), status)) {
            deployment.setStatus(status);
            client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace()).resource(deployment)
                    .updateStatus();
        }
    }

    /** Starts the pods' processes where they do not run yet and writes what the runtime reports of them. */
    private void runProcesses(List<Pod> current, Instant now) {
        for (int i = 0; i < current.size(); i++) {
            Pod pod = current.get(i);
            processPods.add(ProcessRuntime.key(pod));
            runtime.ensure(pod, client);
            var status = runtime.status(pod, now);
            if (status.isPresent() && !sameJson(status.get(), pod.getStatus())) {
                pod.setStatus(status.get());
                current.set(i, client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod)
                        .updateStatus());
            }
        }
    }

    private Pod create(Deployment deployment, Outcome outcome, boolean real, Instant now) {
        String namespace = deployment.getMetadata().getNamespace();
        Pod made = kubelet.newPod(deployment, outcome, real ? now : now.plus(readyDelay));
        if (real) {
            made.getMetadata().getAnnotations().put(SimulatedKubelet.OUTCOME, PROCESS);
        }
        Pod pod = client.pods().inNamespace(namespace).resource(made).create();
        pod.setStatus(outcome == Outcome.UNSCHEDULABLE ? kubelet.settledStatus(outcome, pod, now)
                : PodStatuses.startingStatus(pod, now));
        return client.pods().inNamespace(namespace).resource(pod).updateStatus();
    }

    private void delete(Pod pod) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
    }

    /** The pod is one the simulation made for this Deployment: same namespace, its selector's labels. */
    private static boolean owns(Deployment deployment, Pod pod) {
        if (!Objects.equals(deployment.getMetadata().getNamespace(), pod.getMetadata().getNamespace())) {
            return false;
        }
        var selector = deployment.getSpec().getSelector();
        Map<String, String> match = selector == null ? null : selector.getMatchLabels();
        if (match == null || match.isEmpty()) {
            return deployment.getMetadata().getName().equals(annotation(pod, SimulatedKubelet.DEPLOYMENT));
        }
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        return match.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** The same once written: the store's copy and a new one differ only in how empty fields are held. */
    private static boolean sameJson(Object a, Object b) {
        return b != null && KUBE.convertValue(a, com.fasterxml.jackson.databind.JsonNode.class)
                .equals(KUBE.convertValue(b, com.fasterxml.jackson.databind.JsonNode.class));
    }

    private static String label(Pod pod, String name) {
        return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(name);
    }

    private static String annotation(Pod pod, String name) {
        return pod.getMetadata().getAnnotations() == null ? null : pod.getMetadata().getAnnotations().get(name);
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    private void failed(String key, Throwable e) {
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (!message.equals(lastFailure.put(key, message))) {
            String text = "simulated kubelet: " + key + " failed (retrying): " + message;
            if (e instanceof IllegalStateException || e instanceof KubernetesClientException) {
                LOG.log(System.Logger.Level.WARNING, text);
            } else {
                LOG.log(System.Logger.Level.WARNING, text, e);
            }
        }
    }

    private void recovered(String key) {
        if (lastFailure.remove(key) != null) {
            LOG.log(System.Logger.Level.INFO, "simulated kubelet: " + key + " recovered");
        }
    }
}
