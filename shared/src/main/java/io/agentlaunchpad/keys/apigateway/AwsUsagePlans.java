package io.agentlaunchpad.keys.apigateway;

import io.agentlaunchpad.keys.UsagePlans;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.limits.Limits;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;

/**
 * Adapter: API Gateway's management API. The key value is given to CreateApiKey so the value the authorizer returns
 * as {@code usageIdentifierKey} matches it (API key source AUTHORIZER); CreateUsagePlanKey puts it on its tier's plan.
 * See https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html
 */
public class AwsUsagePlans implements UsagePlans {

    private final ApiGatewayClient client;
    private final Limits limits;

    public AwsUsagePlans(ApiGatewayClient client, Limits limits) {
        this.client = client;
        this.limits = limits;
    }

    @Override
    public String register(String keyId, String apiKey, Role role) {
        String planId = limits.tier(role).planId().orElseThrow(() -> new IllegalStateException(
                "launchpad.usage-plans." + role.name().toLowerCase() + "-plan-id is not configured"));
        CreateApiKeyResponse created = client.createApiKey(b -> b.name(keyId).value(apiKey).enabled(true)
                .description("Agent Launchpad key " + keyId + " (" + role + ")"));
        client.createUsagePlanKey(b -> b.usagePlanId(planId).keyId(created.id()).keyType("API_KEY"));
        return created.id();
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
