package io.agentlaunchpad.api.monitoring;

import io.quarkus.runtime.annotations.RegisterForReflection;
/**
 * Port: an agent's traffic figures from a metrics store. Each figure may be missing: the route shows what the
 * source answered and says where it did not, never a made-up zero.
 */
public interface MetricsSource {

    /** {@code source}: where the figures came from ({@code prometheus}) or {@code unavailable}, with why. */
    Traffic traffic(String namespace, String agentId);

    @RegisterForReflection
    record Traffic(String source, String reason, Double bytesIn, Double bytesOut, Double requestsTotal,
                   Double requestsSuccess, Double requestsErrors, Double requestRate) {

        public static Traffic unavailable(String reason) {
            return new Traffic("unavailable", reason, null, null, null, null, null, null);
        }
    }
}
