package io.agentlaunchpad.emulators;

import io.agentlaunchpad.emulators.SimulatedKubelet.Outcome;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which outcome the simulated kubelet gives each Deployment's pods. The first that names the Deployment wins:
 * <ol>
 * <li>its annotation {@value #ANNOTATION} (gone when the deployer replaces the Deployment);</li>
 * <li>{@link SimulatedCluster#simulate(String, Outcome)}, for the life of the cluster;</li>
 * <li>the simulation file ({@code simulate.properties} beside the kubeconfig), re-read when it changes: lines
 * {@code <agentId>=<outcome>} or {@code <namespace>/<agentId>=<outcome>};</li>
 * <li>otherwise {@link Outcome#READY}.</li>
 * </ol>
 * Outcomes are named as {@link Outcome#parse} reads them ({@code CrashLoopBackOff}, {@code OOMKilled}, ...). A name
 * that is not an outcome is reported once and ignored.
 */
final class Simulations {

    static final String ANNOTATION = "launchpad.local/simulate";

    private static final System.Logger LOG = System.getLogger(Simulations.class.getName());

    private final Map<String, Outcome> overrides = new ConcurrentHashMap<>();
    private final Path file;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Outcome> fromFile = Map.of();
    private String fileSeen;

    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    Simulations(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    void set(String key, Outcome outcome) {
        overrides.put(key, outcome);
        version.incrementAndGet();
    }

    void clear(String key) {
        overrides.remove(key);
        version.incrementAndGet();
    }

    /** Moves on whenever an outcome asked for changes (in code or in the file): every Deployment is looked at. */
    long version() {
        return version.get();
    }

    /** Re-reads the simulation file if it changed since the last read (called on every tick of the kubelet). */
    void reload() {
        String modified;
        try {
            modified = Files.getLastModifiedTime(file) + "/" + Files.size(file);
        } catch (NoSuchFileException e) {
            modified = null;
        } catch (IOException e) {
            report("file:" + e, "cannot read " + file + ": " + e);
            return;
        }
        if (modified == null) {
            if (fileSeen != null) {
                version.incrementAndGet();
            }
            fromFile = Map.of();
            fileSeen = null;
            return;
        }
        if (modified.equals(fileSeen)) {
            return;
        }
        Properties lines = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            lines.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            report("file:" + e, "cannot read " + file + ": " + e);
            return;
        }
        Map<String, Outcome> read = new HashMap<>();
        for (String key : lines.stringPropertyNames()) {
            String value = lines.getProperty(key).strip();
            Outcome.parse(value).ifPresentOrElse(o -> read.put(key.strip(), o),
                    () -> report("file:" + key + "=" + value, file + ": '" + value + "' for " + key
                            + " is not an outcome (" + names() + "); ignored"));
        }
        fromFile = Map.copyOf(read);
        fileSeen = modified;
        version.incrementAndGet();
    }

    /** The outcome this Deployment's pods are made for. */
    Outcome desired(Deployment deployment) {
        String namespace = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        String annotated = annotations == null ? null : annotations.get(ANNOTATION);
        if (annotated != null) {
            var parsed = Outcome.parse(annotated);
            if (parsed.isPresent()) {
                return parsed.get();
            }
            report(namespace + "/" + name + "=" + annotated, "Deployment " + namespace + "/" + name + ": "
                    + ANNOTATION + "='" + annotated + "' is not an outcome (" + names() + "); ignored");
        }
        for (Map<String, Outcome> source : java.util.List.of(overrides, fromFile)) {
            Outcome o = source.get(namespace + "/" + name);
            if (o == null) {
                o = source.get(name);
            }
            if (o != null) {
                return o;
            }
        }
        return Outcome.READY;
    }

    private void report(String key, String message) {
        if (reported.add(key)) {
            LOG.log(System.Logger.Level.WARNING, message);
        }
    }

    static String names() {
        StringBuilder s = new StringBuilder();
        for (Outcome o : Outcome.values()) {
            s.append(s.isEmpty() ? "" : ", ").append(o.label());
        }
        return s.toString();
    }
}
