package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** {@code GET .../pods/<name>/log}: a simulated pod's generated log, a process's own output. */
final class PodLogsEndpoint {

    private final StoredObjects store;
    private final ProcessRuntime runtime;

    PodLogsEndpoint(StoredObjects store, ProcessRuntime runtime) {
        this.store = store;
        this.runtime = runtime;
    }

    MockResponse answer(SimulatedApiServer.Target target, Map<String, String> query) {
        Pod pod = store.get("/api/v1/namespaces/" + target.namespace() + "/pods/" + target.name(), Pod.class);
        if (pod == null) {
            return SimulatedApiServer.status(404, "NotFound", "pods \"" + target.name() + "\" not found");
        }
        Instant now = Instant.now();
        Instant since = null;
        if (query.containsKey("sinceTime") && query.containsKey("sinceSeconds")) {
            return SimulatedApiServer.status(400, "BadRequest", "at most one of `sinceTime` or `sinceSeconds` may be specified");
        }
        try {
            if (query.containsKey("sinceTime")) {
                since = Instant.parse(query.get("sinceTime"));
            } else if (query.containsKey("sinceSeconds")) {
                long seconds = Long.parseLong(query.get("sinceSeconds"));
                if (seconds < 1) {
                    return SimulatedApiServer.status(400, "BadRequest", "sinceSeconds: Invalid value: " + seconds
                            + ": must be greater than 0");
                }
                since = now.minusSeconds(seconds);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            return SimulatedApiServer.status(400, "BadRequest", "invalid since: " + e.getMessage());
        }
        Integer tail;
        Long limit;
        try {
            tail = query.containsKey("tailLines") ? Integer.valueOf(query.get("tailLines")) : null;
            limit = query.containsKey("limitBytes") ? Long.valueOf(query.get("limitBytes")) : null;
        } catch (NumberFormatException e) {
            return SimulatedApiServer.status(400, "BadRequest", "invalid tailLines or limitBytes: " + e.getMessage());
        }
        if (tail != null && tail < 0) {
            return SimulatedApiServer.status(400, "BadRequest", "tailLines: Invalid value: " + tail + ": must be greater than or "
                    + "equal to 0");
        }
        try {
            SimulatedLogs.Request asked = new SimulatedLogs.Request(query.get("container"),
                    "true".equals(query.get("previous")), "true".equals(query.get("timestamps")), since, tail, limit);
            String log = runtime != null && runtime.runs(pod) ? ProcessLogs.read(pod, asked, runtime)
                    : SimulatedLogs.read(pod, asked, now);
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(log);
        } catch (SimulatedLogs.Refused e) {
            return SimulatedApiServer.status(400, "BadRequest", e.getMessage());
        }
    }
}
