package io.agentlaunchpad.api;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Runs the application as the Lambda of one route: QUARKUS_FUNQY_EXPORT set to that route's function. */
abstract class ExportProfile implements QuarkusTestProfile {

    private final String function;

    ExportProfile(String function) {
        this.function = function;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", function);
    }
}
