package io.agentlaunchpad.emulators;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Deployments ({@code namespace/name}) whose Deployment or pods were written since the simulated kubelet last
 * looked: the API server adds one for every successful write that is not the kubelet's own, the kubelet takes them
 * all at once. A key written many times between two looks is looked at once.
 */
final class ChangeFeed {

    /** The header the kubelet's own client sends: its writes are the result of a look, not a reason for one. */
    static final String KUBELET_HEADER = "X-Simulated-Kubelet";

    private final Set<String> changed = ConcurrentHashMap.newKeySet();

    void changed(String namespace, String deployment) {
        changed.add(namespace + "/" + deployment);
    }

    Set<String> drain() {
        Set<String> taken = new HashSet<>();
        for (String key : changed) {
            if (changed.remove(key)) {
                taken.add(key);
            }
        }
        return taken;
    }

    /**
     * The Deployment a written object belongs to: a Deployment itself, or the pod of one (named
     * {@code <deployment>-<template hash>-<suffix>}, as a ReplicaSet names its pods); null for anything else.
     */
    static String deploymentOf(ResourcePath target) {
        if (target.namespace() == null || target.name() == null) {
            return null;
        }
        if (target.plural().equals("deployments") && target.groupVersion().equals("apps/v1")) {
            return target.name();
        }
        if (target.plural().equals("pods") && target.groupVersion().equals("v1")) {
            String[] parts = target.name().split("-");
            return parts.length < 3 ? null : String.join("-", java.util.Arrays.copyOf(parts, parts.length - 2));
        }
        return null;
    }
}
