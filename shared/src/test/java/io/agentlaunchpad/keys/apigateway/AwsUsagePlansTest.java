package io.agentlaunchpad.keys.apigateway;

import io.agentlaunchpad.keys.LocalUsagePlans;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.limits.Limits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

import java.net.URI;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.agentlaunchpad.testing.TestConfig.limits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AWS adapter with the real SDK client against a protocol-level stub of API Gateway's management API
 * (REST-JSON): the exact requests the SDK sends are asserted.
 */
class AwsUsagePlansTest {

    private WireMockServer stub;
    private ApiGatewayClient client;

    @BeforeEach
    void start() {
        stub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        stub.start();
        client = ApiGatewayClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + stub.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        stub.stop();
    }

    @Test
    void register_createsTheKeyWithItsValueAndPutsItOnTheRolesPlan() {
        stub.stubFor(post(urlEqualTo("/apikeys")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"gw123abc\", \"name\": \"key_0011223344556677\", \"enabled\": true}")));
        stub.stubFor(post(urlEqualTo("/usageplans/plan-user/keys")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"gw123abc\", \"type\": \"API_KEY\", \"name\": \"key_0011223344556677\"}")));
        AwsUsagePlans plans = new AwsUsagePlans(client, limits(Map.of("launchpad.usage-plans.user-plan-id", "plan-user")));

        String id = plans.register("key_0011223344556677", "alk_secret-value", Role.USER);

        assertThat(id).isEqualTo("gw123abc");
        stub.verify(postRequestedFor(urlEqualTo("/apikeys"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 .*"))
                .withRequestBody(equalToJson("{\"name\": \"key_0011223344556677\", \"value\": \"alk_secret-value\","
                        + " \"enabled\": true, \"description\": \"Agent Launchpad key key_0011223344556677 (USER)\"}")));
        stub.verify(postRequestedFor(urlEqualTo("/usageplans/plan-user/keys"))
                .withRequestBody(equalToJson("{\"keyId\": \"gw123abc\", \"keyType\": \"API_KEY\"}")));
        assertThat(stub.getAllServeEvents()).hasSize(2);
    }

    /** The authorizer knows no plan ids: a token user's key goes on the plan holding the tier's shared key. */
    @Test
    void register_withoutAPlanId_usesThePlanHoldingTheTiersSharedKey_andFinishesARegistrationCutShort() {
        String shared = "launchpad-prod-jwt-callers-user";
        stub.stubFor(get(urlPathEqualTo("/apikeys")).withQueryParam("name", equalTo(shared)).willReturn(json(200,
                "{\"item\": [{\"id\": \"gw-shared\", \"name\": \"" + shared + "\"}]}")));
        stub.stubFor(get(urlPathEqualTo("/usageplans")).withQueryParam("keyId", equalTo("gw-shared")).willReturn(json(200,
                "{\"item\": [{\"id\": \"plan-user\", \"name\": \"launchpad-prod-user\"}]}")));
        // A first attempt made the key and died before putting it on the plan: the value exists.
        stub.stubFor(post(urlEqualTo("/apikeys")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", "ConflictException")
                .withBody("{\"message\": \"API Key already exists\"}")));
        stub.stubFor(get(urlPathEqualTo("/apikeys")).withQueryParam("name", equalTo("jwt-user-a-user")).willReturn(json(200,
                "{\"item\": [{\"id\": \"gw-own\", \"name\": \"jwt-user-a-user\"}]}")));
        stub.stubFor(post(urlEqualTo("/usageplans/plan-user/keys")).willReturn(json(201,
                "{\"id\": \"gw-own\", \"type\": \"API_KEY\"}")));
        AwsUsagePlans plans = new AwsUsagePlans(client, limits(Map.of("launchpad.usage-plans.user-jwt-key", shared)));

        assertThat(plans.register("jwt-user-a-user", shared + "-user-a", Role.USER)).isEqualTo("gw-own");
        assertThat(plans.register("jwt-user-a-user", shared + "-user-a", Role.USER)).isEqualTo("gw-own");

        stub.verify(2, postRequestedFor(urlEqualTo("/usageplans/plan-user/keys"))
                .withRequestBody(equalToJson("{\"keyId\": \"gw-own\", \"keyType\": \"API_KEY\"}")));
        stub.verify(1, getRequestedFor(urlPathEqualTo("/usageplans"))); // found once
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void disable_deletesTheKeyAndToleratesOneAlreadyGone() {
        stub.stubFor(delete(urlEqualTo("/apikeys/gw123abc")).willReturn(aResponse().withStatus(202)));
        stub.stubFor(delete(urlEqualTo("/apikeys/gw-gone")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "NotFoundException")
                .withBody("{\"message\": \"Invalid API Key identifier specified\"}")));
        AwsUsagePlans plans = new AwsUsagePlans(client, limits(Map.of()));

        plans.disable("gw123abc");
        plans.disable("gw-gone");

        stub.verify(deleteRequestedFor(urlEqualTo("/apikeys/gw123abc"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 .*")));
        stub.verify(deleteRequestedFor(urlEqualTo("/apikeys/gw-gone")));
        assertThat(stub.getAllServeEvents()).hasSize(2);
    }

    @Test
    void register_refusesARoleWhosePlanIsNotConfiguredBeforeCallingAws() {
        AwsUsagePlans plans = new AwsUsagePlans(client, limits(Map.of()));
        assertThatThrownBy(() -> plans.register("key_00", "alk_x", Role.ADMIN))
                .hasMessageContaining("launchpad.usage-plans.admin-plan-id");
        assertThat(stub.getAllServeEvents()).isEmpty();
    }

    @Test
    void limits_readTheTierNumbersAndPerRoleOverridesFromOneConfiguration() {
        Limits limits = limits(Map.of("launchpad.rate-limits.viewer", "30,5",
                "launchpad.quotas.user", "agents=2,replicas=3,cpu=1500m,memory=2Gi"));
        assertThat(limits.tier(Role.USER).rate()).isEqualTo(10.0);
        assertThat(limits.tier(Role.USER).burst()).isEqualTo(20);
        assertThat(limits.tier(Role.USER).quotaPerDay()).isEqualTo(10000);
        assertThat(limits.rate(Role.USER).windowLimit()).isEqualTo(100);
        assertThat(limits.rate(Role.USER).burstLimit()).isEqualTo(20);
        assertThat(limits.rate(Role.USER).windowSeconds()).isEqualTo(900);
        assertThat(limits.rate(Role.VIEWER).windowLimit()).isEqualTo(30);
        assertThat(limits.quota(Role.USER)).isEqualTo(new Limits.Quota(2, 3, 1500, 2L * 1024 * 1024 * 1024));
    }

    @Test
    void localPlans_recordWhatTheyDid() {
        LocalUsagePlans plans = new LocalUsagePlans(limits(Map.of()));
        String id = plans.register("key_01", "alk_value", Role.VIEWER);
        plans.disable(id);
        assertThat(plans.byKeyId("key_01").orElseThrow().enabled()).isFalse();
        assertThat(plans.byKeyId("key_01").orElseThrow().limits().quotaPerDay()).isEqualTo(5000);
        assertThat(plans.operations()).containsExactly("CreateApiKey key_01 -> " + id,
                "CreateUsagePlanKey VIEWER " + id, "UpdateApiKey " + id + " enabled=false");
        assertThat(plans.operations().toString()).doesNotContain("alk_value");
    }
}
