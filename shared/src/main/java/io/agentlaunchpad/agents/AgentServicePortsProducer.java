package io.agentlaunchpad.agents;

import io.agentlaunchpad.scan.ImageCatalogue;
import io.agentlaunchpad.scan.ImageVerdicts;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The optional ports of {@link AgentService} as CDI finds them in the function's artifact. */
public class AgentServicePortsProducer {

    @Produces
    @Singleton
    public AgentServicePorts ports(Instance<LiveHealth> live, Instance<ImageCatalogue> catalogue,
                                   Instance<ImageVerdicts> verdicts, Instance<QueuedChanges> queued) {
        return new AgentServicePorts(live.isResolvable() ? live::get : null,
                catalogue.isResolvable() ? catalogue::get : null, verdicts.isResolvable() ? verdicts::get : null,
                queued.isResolvable() ? queued.get() : QueuedChanges.NONE);
    }
}
