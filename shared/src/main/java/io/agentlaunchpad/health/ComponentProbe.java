package io.agentlaunchpad.health;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * Port: one component of {@code GET /api/health}. A probe answers what it saw, or throws when the component cannot
 * be reached; the health service times it, bounds it with a timeout, and turns a throw into UNHEALTHY.
 */
public interface ComponentProbe {

    /** The key under {@code components}. */
    String name();

    /** Without a critical component the API cannot accept work: its failure makes the whole UNHEALTHY. */
    boolean critical();

    Result probe() throws Exception;

    /** {@code status} HEALTHY, DEGRADED or UNHEALTHY, and the component's own fields. */
    @RegisterForReflection
    record Result(String status, Map<String, Object> fields) {
    }
}
