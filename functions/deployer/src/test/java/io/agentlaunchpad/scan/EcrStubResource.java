package io.agentlaunchpad.scan;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Starts {@link EcrStub} for a Quarkus test and points the deployer's ECR client at it. */
public class EcrStubResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EcrStub current;

    public static EcrStub current() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        current = EcrStub.start();
        return Map.of(
                "launchpad.registry.endpoint-override", current.endpoint(),
                "launchpad.registry.region", "us-east-1",
                "launchpad.registry.access-key-id", "test",
                "launchpad.registry.secret-access-key", "test");
    }

    @Override
    public void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
