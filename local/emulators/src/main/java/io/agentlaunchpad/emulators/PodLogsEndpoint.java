package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** {@code GET .../pods/<name>/log}: a simulated pod's generated log, a process's own output. */
record PodLogsEndpoint(StoredObjects store, ProcessRuntime runtime) {

    MockResponse answer(ResourcePath target, Map<String, String> query) {
        Pod pod = store.pod(target.namespace(), target.name());
        if (pod == null) {
            return StoredObjects.status(404, "NotFound", "pods \"" + target.name() + "\" not found");
        }
        Instant now = Instant.now();
        Instant since = null;
        if (query.containsKey("sinceTime") && query.containsKey("sinceSeconds")) {
            return StoredObjects.status(400, "BadRequest", "at most one of `sinceTime` or `sinceSeconds` may be specified");
        }
        try {
            if (query.containsKey("sinceTime")) {
                since = Instant.parse(query.get("sinceTime"));
            } else if (query.containsKey("sinceSeconds")) {
                long seconds = Long.parseLong(query.get("sinceSeconds"));
                if (seconds < 1) {
                    return StoredObjects.status(400, "BadRequest", "sinceSeconds: Invalid value: " + seconds
                            + ": must be greater than 0");
                }
                since = now.minusSeconds(seconds);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            return StoredObjects.status(400, "BadRequest", "invalid since: " + e.getMessage());
        }
        Integer tail;
        Long limit;
        try {
            tail = query.containsKey("tailLines") ? Integer.valueOf(query.get("tailLines")) : null;
            limit = query.containsKey("limitBytes") ? Long.valueOf(query.get("limitBytes")) : null;
        } catch (NumberFormatException e) {
            return StoredObjects.status(400, "BadRequest", "invalid tailLines or limitBytes: " + e.getMessage());
        }
        if (tail != null && tail < 0) {
            return StoredObjects.status(400, "BadRequest", "tailLines: Invalid value: " + tail + ": must be greater than or "
                    + "equal to 0");
        }
        try {
            SimulatedLogs.Request asked = new SimulatedLogs.Request(query.get("container"),
                    "true".equals(query.get("previous")), "true".equals(query.get("timestamps")), since, tail, limit);
            String log = runtime != null && runtime.runs(pod) ? ProcessLogs.read(pod, asked, runtime)
                    : SimulatedLogs.read(pod, asked, now);
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(log);
        } catch (SimulatedLogs.Refused e) {
            return StoredObjects.status(400, "BadRequest", e.getMessage());
        }
    }
}
