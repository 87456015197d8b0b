package io.agentlaunchpad.keys.apigateway;

import io.agentlaunchpad.keys.LocalUsagePlans;
import io.agentlaunchpad.keys.UsagePlans;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.limits.Limits;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClientBuilder;

/** Chooses the usage-plan adapter: {@code launchpad.usage-plans.adapter} = {@code aws} or {@code local}. */
public class UsagePlansProducer {

    @Produces
    @Singleton
    public UsagePlans usagePlans(LaunchpadConfig config, Limits limits) {
        LaunchpadConfig.UsagePlans settings = config.usagePlans();
        return switch (settings.adapter()) {
            case "aws" -> new AwsUsagePlans(apiGateway(settings), limits);
            case "local" -> new LocalUsagePlans(limits);
            default -> throw new IllegalStateException("launchpad.usage-plans.adapter must be aws or local, not "
                    + settings.adapter());
        };
    }

    static ApiGatewayClient apiGateway(LaunchpadConfig.UsagePlans settings) {
        ApiGatewayClientBuilder builder = ApiGatewayClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        settings.endpointOverride().ifPresent(builder::endpointOverride);
        settings.region().map(Region::of).ifPresent(builder::region);
        return builder.build();
    }
}
