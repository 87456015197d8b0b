package io.agentlaunchpad.api;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;
import java.util.Set;

/** Small limits and a hand-moved clock: ADMIN keys get 5 per 15 minutes and 3 per minute; USERs small quotas. */
public class TightLimits implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "launchpad.rate-limits.admin", "5,3",
                "launchpad.rate-limits.user", "100000,100000",
                "launchpad.quotas.user", "agents=3,replicas=4,cpu=1,memory=64Gi");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(TestClock.class);
    }
}
