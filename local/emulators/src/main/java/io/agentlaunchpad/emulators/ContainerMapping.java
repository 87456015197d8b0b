package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * How a pod's container runs as a process on this machine: the image's {@code /app} is the repository's
 * {@code agent-image/}, each volume mount a directory of the pod's own ({@code <podDir>/<volume>}, a configMap
 * volume holding the ConfigMap's keys as files, an emptyDir empty), and the command, its arguments and the
 * environment values that name container paths are rewritten to those host paths. The environment is the
 * container's ({@code env} with {@code secretKeyRef}/{@code configMapKeyRef}, {@code envFrom} Secrets and
 * ConfigMaps) and nothing of this machine's but {@code PATH}, as in a container.
 */
final class ContainerMapping {

    /** Where the image's files are inside the container. */
    static final String IMAGE_ROOT = "/app";

    /** A process ready to start: what to run, where, with what, and the files its volumes need first. */
    record Launch(List<String> command, Map<String, String> environment, Path workingDirectory,
                  Map<Path, Map<String, String>> configFiles, List<Path> emptyDirectories) {
    }

    /** A container's volume mount on this machine. */
    private record Mount(String containerPath, Path hostPath) {
    }

    private final Path agentImage;
    private final Path podDirectory;
    private final List<Mount> mounts = new ArrayList<>();

    private ContainerMapping(Path agentImage, Path podDirectory) {
        this.agentImage = agentImage;
        this.podDirectory = podDirectory;
    }

    /**
     * The launch of {@code container} of {@code pod}, its volumes under {@code podDirectory}. {@code configMaps}
     * and {@code secrets} read an object of the pod's namespace by name (null when there is none).
     *
     * @throws IllegalStateException for what a kubelet would refuse too (a missing ConfigMap or Secret, a key
     *                               it lacks, a container with no command): the message says which
     */
    static Launch launch(Pod pod, Container container, Path agentImage, Path podDirectory,
                         BiFunction<String, String, ConfigMap> configMaps, BiFunction<String, String, Secret> secrets,
                         Map<String, String> overrides) {
        String namespace = pod.getMetadata().getNamespace();
        ContainerMapping mapping = new ContainerMapping(agentImage, podDirectory);
        Map<Path, Map<String, String>> configFiles = new LinkedHashMap<>();
        List<Path> emptyDirs = new ArrayList<>();
        Map<String, Volume> volumes = new LinkedHashMap<>();
        if (pod.getSpec().getVolumes() != null) {
            pod.getSpec().getVolumes().forEach(v -> volumes.put(v.getName(), v));
        }
        if (container.getVolumeMounts() != null) {
            for (VolumeMount m : container.getVolumeMounts()) {
                Volume volume = volumes.get(m.getName());
                if (volume == null) {
                    throw new IllegalStateException("volume mount " + m.getName() + " names no volume of the pod");
                }
                Path host = podDirectory.resolve(m.getName());
                mapping.mounts.add(new Mount(trimSlash(m.getMountPath()), host));
                if (volume.getConfigMap() != null) {
                    ConfigMap map = configMaps.apply(namespace, volume.getConfigMap().getName());
                    if (map == null) {
                        throw new IllegalStateException("configmap \"" + volume.getConfigMap().getName()
                                + "\" not found");
                    }
                    configFiles.put(host, map.getData() == null ? Map.of() : map.getData());
                } else if (volume.getSecret() != null) {
                    Secret secret = secrets.apply(namespace, volume.getSecret().getSecretName());
                    if (secret == null) {
                        throw new IllegalStateException("secret \"" + volume.getSecret().getSecretName()
                                + "\" not found");
                    }
                    configFiles.put(host, secretData(secret));
                } else {
                    emptyDirs.add(host);
                }
            }
        }
        mapping.mounts.sort(Comparator.comparingInt((Mount m) -> m.containerPath().length()).reversed());

        Map<String, String> env = new LinkedHashMap<>();
        String path = System.getenv("PATH");
        env.put("PATH", path == null ? "/usr/local/bin:/usr/bin:/bin" : path);
        if (container.getEnvFrom() != null) {
            for (EnvFromSource from : container.getEnvFrom()) {
                String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                if (from.getSecretRef() != null) {
                    Secret secret = secrets.apply(namespace, from.getSecretRef().getName());
                    if (secret == null) {
                        if (!Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                            throw new IllegalStateException("secret \"" + from.getSecretRef().getName()
                                    + "\" not found");
                        }
                    } else {
                        secretData(secret).forEach((k, v) -> env.put(prefix + k, v));
                    }
                }
                if (from.getConfigMapRef() != null) {
                    ConfigMap map = configMaps.apply(namespace, from.getConfigMapRef().getName());
                    if (map == null) {
                        if (!Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                            throw new IllegalStateException("configmap \"" + from.getConfigMapRef().getName()
                                    + "\" not found");
                        }
                    } else if (map.getData() != null) {
                        map.getData().forEach((k, v) -> env.put(prefix + k, v));
                    }
                }
            }
        }
        if (container.getEnv() != null) {
            for (EnvVar e : container.getEnv()) {
                String value = e.getValue();
                if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                    var ref = e.getValueFrom().getSecretKeyRef();
                    Secret secret = secrets.apply(namespace, ref.getName());
                    value = secret == null ? null : secretData(secret).get(ref.getKey());
                    if (value == null && !Boolean.TRUE.equals(ref.getOptional())) {
                        throw new IllegalStateException("couldn't find key " + ref.getKey() + " in Secret "
                                + namespace + "/" + ref.getName());
                    }
                } else if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                    var ref = e.getValueFrom().getConfigMapKeyRef();
                    ConfigMap map = configMaps.apply(namespace, ref.getName());
                    value = map == null || map.getData() == null ? null : map.getData().get(ref.getKey());
                    if (value == null && !Boolean.TRUE.equals(ref.getOptional())) {
                        throw new IllegalStateException("couldn't find key " + ref.getKey() + " in ConfigMap "
                                + namespace + "/" + ref.getName());
                    }
                }
                if (value != null) {
                    env.put(e.getName(), value);
                }
            }
        }
        env.replaceAll((k, v) -> mapping.hostPathOrSelf(v));
        mapping.mounts.stream().filter(m -> m.containerPath().equals("/tmp")).findFirst()
                .ifPresent(tmp -> env.put("TMPDIR", tmp.hostPath().toString()));
        env.putAll(overrides);

        List<String> command = new ArrayList<>();
        if (container.getCommand() != null) {
            command.addAll(container.getCommand());
        }
        if (container.getArgs() != null) {
            command.addAll(container.getArgs());
        }
        if (command.isEmpty()) {
            throw new IllegalStateException("the container has no command: the local runtime runs the container's "
                    + "command and cannot read the image's");
        }
        command.replaceAll(mapping::hostPathOrSelf);
        Path workingDir = container.getWorkingDir() == null || container.getWorkingDir().isEmpty() ? agentImage
                : Path.of(mapping.hostPathOrSelf(container.getWorkingDir()));
        return new Launch(List.copyOf(command), env, workingDir, configFiles, emptyDirs);
    }

    /** The host path of a container path under a mount or the image's root; anything else as it is. */
    String hostPathOrSelf(String value) {
        if (value == null || !value.startsWith("/")) {
            return value;
        }
        for (Mount m : mounts) {
            String rest = under(value, m.containerPath());
            if (rest != null) {
                return rest.isEmpty() ? m.hostPath().toString() : m.hostPath().resolve(rest).toString();
            }
        }
        String rest = under(value, IMAGE_ROOT);
        if (rest != null) {
            return rest.isEmpty() ? agentImage.toString() : agentImage.resolve(rest).toString();
        }
        return value;
    }

    /** What follows {@code root} in {@code path} ("" for the root itself), or null when path is not under it. */
    private static String under(String path, String root) {
        if (root.isEmpty()) {
            return null;
        }
        if (path.equals(root)) {
            return "";
        }
        return path.startsWith(root + "/") ? path.substring(root.length() + 1) : null;
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** A Secret's values: {@code data} decoded, {@code stringData} over it (the mock store keeps both as given). */
    static Map<String, String> secretData(Secret secret) {
        Map<String, String> values = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> values.put(k, v == null ? "" : new String(
                    Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        return values;
    }
}
