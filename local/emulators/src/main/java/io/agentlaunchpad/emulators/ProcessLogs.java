package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;

/**
 * {@code GET .../pods/{pod}/log} of a pod run as a process: the real output of its container's current run (the
 * last one while it waits to restart) or, with {@code previous}, of the run before, with the same options and
 * refusals as {@link SimulatedLogs}.
 */
final class ProcessLogs {

    private ProcessLogs() {
    }

    static String read(Pod pod, SimulatedLogs.Request request, ProcessRuntime runtime) {
        String podName = pod.getMetadata().getName();
        List<String> names = pod.getSpec().getContainers().stream().map(c -> c.getName()).toList();
        String container = request.container();
        if (container == null || container.isEmpty()) {
            if (names.size() != 1) {
                throw new SimulatedLogs.Refused("a container name must be specified for pod " + podName
                        + ", choose one of: " + names);
            }
            container = names.get(0);
        } else if (!names.contains(container)) {
            throw new SimulatedLogs.Refused("container " + container + " is not valid for pod " + podName);
        }
        String quoted = "container \"" + container + "\" in pod \"" + podName + "\"";
        AgentProcess process = runtime.container(pod.getMetadata().getNamespace(), podName, container)
                .orElseThrow(() -> new SimulatedLogs.Refused(quoted + " is waiting to start: ContainerCreating"));
        AgentProcess.View view = process.view();
        int run;
        if (request.previous()) {
            if (view.lastTerminated() == null) {
                throw new SimulatedLogs.Refused("previous terminated " + quoted + " not found");
            }
            run = view.running() ? view.restartCount() - 1 : view.restartCount();
        } else {
            if (!view.running() && view.lastTerminated() == null) {
                throw new SimulatedLogs.Refused(quoted + " is waiting to start: " + view.waitingReason());
            }
            run = view.restartCount();
        }
        return process.log(Math.max(0, run)).read(request.timestamps(), request.since(), request.tailLines(),
                request.limitBytes());
    }
}
