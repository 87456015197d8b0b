package io.agentlaunchpad.secrets.kms;

import io.agentlaunchpad.secrets.SealingUnavailableException;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.agentlaunchpad.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real KMS client against a protocol-level stub of KMS's JSON API (no KMS emulator exists here). */
class KmsSecretSealerTest {

    static final String KEY_ID = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final byte[] DATA_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final byte[] WRAPPED = "wrapped-data-key-for-agent-1".getBytes(StandardCharsets.US_ASCII);

    static WireMockServer kmsStub;
    static KmsClient kms;

    @BeforeAll
    static void start() {
        kmsStub = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        kmsStub.start();
        kms = KmsClient.builder().endpointOverride(URI.create(kmsStub.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        kms.close();
        kmsStub.stop();
    }

    @BeforeEach
    void answerLikeKms() {
        kmsStub.resetAll();
        String b64Key = Base64.getEncoder().encodeToString(DATA_KEY);
        String b64Wrapped = Base64.getEncoder().encodeToString(WRAPPED);
        kmsStub.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.GenerateDataKey"))
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"KeyId\": \"" + KEY_ID + "\", \"Plaintext\": \"" + b64Key
                                + "\", \"CiphertextBlob\": \"" + b64Wrapped + "\"}")));
        kmsStub.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))
                .withRequestBody(matchingJsonPath("$.EncryptionContext.agentId", equalTo("agent-1")))
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"KeyId\": \"" + KEY_ID + "\", \"Plaintext\": \"" + b64Key + "\"}")));
        kmsStub.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))
                .withRequestBody(matchingJsonPath("$.EncryptionContext.agentId", WireMock.notMatching("agent-1")))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\": \"InvalidCiphertextException\", \"message\": \"context mismatch\"}")));
    }

    @Test
    void sealsWithAFreshDataKeyBoundToTheAgentAndOpensThroughKms() throws Exception {
        KmsSecretSealer sealer = new KmsSecretSealer(kms, KEY_ID);
        byte[] token = "discord-token-xyz".getBytes(StandardCharsets.UTF_8);

        String sealed = sealer.seal(token, "agent-1");

        assertThat(sealed).startsWith("kms.v1.").doesNotContain("discord");
        assertThat(sealer.unseal(sealed, "agent-1")).isEqualTo(token);
        List<LoggedRequest> generate = kmsStub.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("TrentService.GenerateDataKey")));
        assertThat(generate).hasSize(1);
        Map<String, Object> request = Json.toMap(Json.tree(generate.get(0).getBodyAsString()));
        assertThat(request).containsEntry("KeyId", KEY_ID).containsEntry("KeySpec", "AES_256")
                .containsEntry("EncryptionContext", Map.of("agentId", "agent-1"));
        assertThat(generate.get(0).getBodyAsString()).doesNotContain("discord");
    }

    @Test
    void aValueMovedToAnotherAgentDoesNotOpen() {
        KmsSecretSealer sealer = new KmsSecretSealer(kms, KEY_ID);
        String sealed = sealer.seal("x".getBytes(StandardCharsets.UTF_8), "agent-1");

        assertThatThrownBy(() -> sealer.unseal(sealed, "agent-2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kmsUnreachableIsReportedAsUnavailable() {
        KmsClient unreachable = KmsClient.builder().endpointOverride(URI.create("http://127.0.0.1:1"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();

        assertThatThrownBy(() -> new KmsSecretSealer(unreachable, KEY_ID).seal(new byte[]{1}, "agent-1"))
                .isInstanceOf(SealingUnavailableException.class);
    }
}
