package io.agentlaunchpad.keys.apigateway;

import io.agentlaunchpad.keys.UsagePlans;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.limits.Limits;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.UsagePlan;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adapter: API Gateway's management API. The key value is given to CreateApiKey so the value the authorizer returns
 * as {@code usageIdentifierKey} matches it (API key source AUTHORIZER); CreateUsagePlanKey puts it on its tier's plan.
 * See https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html
 */
public class AwsUsagePlans implements UsagePlans {

    private final ApiGatewayClient client;
    private final Limits limits;
    private final Map<Role, String> plans = new ConcurrentHashMap<>();

    public AwsUsagePlans(ApiGatewayClient client, Limits limits) {
        this.client = client;
        this.limits = limits;
    }

    /**
     * Registering again after a registration cut short (the key made, not yet on its plan) finds the key by its name
     * and finishes; a key already on its plan is left there.
     */
    @Override
    public String register(String keyId, String apiKey, Role role) {
        String planId = planId(role);
        String gatewayKeyId;
        try {
            gatewayKeyId = client.createApiKey(b -> b.name(keyId).value(apiKey).enabled(true)
                    .description("Agent Launchpad key " + keyId + " (" + role + ")")).id();
        } catch (ConflictException exists) {
            gatewayKeyId = keyNamed(keyId).orElseThrow(() -> exists);
        }
        String id = gatewayKeyId;
        try {
            client.createUsagePlanKey(b -> b.usagePlanId(planId).keyId(id).keyType("API_KEY"));
        } catch (ConflictException alreadyOnThePlan) {
            // registered before
        }
        return gatewayKeyId;
    }

    /**
     * The configured plan id; else (the authorizer, which cannot be given the ids: the plans depend on the stage, the
     * stage on the authorizer) the plan that holds the tier's shared key for Bearer-token callers, found once.
     */
    private String planId(Role role) {
        Limits.UsageTier tier = limits.tier(role);
        if (tier.planId().isPresent()) {
            return tier.planId().get();
        }
        String jwtKey = tier.jwtKey().orElseThrow(() -> new IllegalStateException("launchpad.usage-plans."
                + role.name().toLowerCase() + "-plan-id (or -jwt-key) is not configured"));
        return plans.computeIfAbsent(role, r -> {
            String sharedKeyId = keyNamed(jwtKey).orElseThrow(() -> new IllegalStateException(
                    "no API key named " + jwtKey + " (the tier's key for Bearer-token callers)"));
            return client.getUsagePlans(b -> b.keyId(sharedKeyId)).items().stream().map(UsagePlan::id).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the key " + jwtKey + " is on no usage plan"));
        });
    }

    private Optional<String> keyNamed(String name) {
        return client.getApiKeys(b -> b.nameQuery(name)).items().stream().filter(k -> name.equals(k.name()))
                .map(software.amazon.awssdk.services.apigateway.model.ApiKey::id).findFirst();
    }

    /**
     * Deletes the key from API Gateway (which also takes it off its usage plan). UpdateApiKey with
     * {@code enabled=false} would keep it for the record, but it is a PATCH, which the URL-connection HTTP client
     * (the only one this build may use) cannot send; our own key item keeps the record instead.
     */
    @Override
    public void disable(String gatewayKeyId) {
        try {
            client.deleteApiKey(b -> b.apiKey(gatewayKeyId));
        } catch (NotFoundException alreadyGone) {
            // revoked before: nothing left to do
        }
    }
}
