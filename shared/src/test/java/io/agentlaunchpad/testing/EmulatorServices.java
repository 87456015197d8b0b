package io.agentlaunchpad.testing;

import io.agentlaunchpad.emulators.Dynalite;
import io.agentlaunchpad.emulators.ElasticMq;

/** dynalite and ElasticMQ, started fresh for one test run. */
final class EmulatorServices {

    private EmulatorServices() {
    }

    static BackendServices start() {
        Dynalite dynalite = Dynalite.start();
        ElasticMq elasticMq;
        try {
            elasticMq = ElasticMq.start();
        } catch (RuntimeException e) {
            dynalite.close();
            throw e;
        }
        return new BackendServices(dynalite.client(), elasticMq.client(),
                BackendServices.endpoints(dynalite.endpoint(), elasticMq.endpoint(), Dynalite.REGION, "test", "test"),
                false, () -> {
                    elasticMq.close();
                    dynalite.close();
                });
    }
}
