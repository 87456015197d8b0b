package io.agentlaunchpad.api.monitoring;

import io.agentlaunchpad.health.ComponentProbe;
import io.agentlaunchpad.health.HealthService;
import io.agentlaunchpad.scan.ImagesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code registry}: the default image's ECR repository answers DescribeRepositories. */
@ApplicationScoped
public class RegistryProbe implements ComponentProbe {

    private final EcrClient ecr;
    private final ImagesConfig images;

    @Inject
    public RegistryProbe(EcrClient ecr, ImagesConfig images) {
        this.ecr = ecr;
        this.images = images;
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public boolean critical() {
        return false;
    }

    @Override
    public Result probe() {
        String repository = images.defaultRepository();
        var found = ecr.describeRepositories(r -> {
            r.repositoryNames(repository);
            images.registryId().ifPresent(r::registryId);
        }).repositories();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("available", !found.isEmpty());
        fields.put("repository", repository);
        return new Result(found.isEmpty() ? HealthService.UNHEALTHY : HealthService.HEALTHY, fields);
    }
}
