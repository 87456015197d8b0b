package io.agentlaunchpad.sdk;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The Agent Launchpad API client.
 *
 * <pre>{@code
 * var client = AgentLaunchpadClient.builder().apiKey(key).baseUrl("http://localhost:8080").build();
 * ApiObject agent = client.agents().create(Map.of("agentName", "my-bot", "personality", Map.of("bio", "I help")));
 * ApiObject status = client.agents().getStatus(agent.string("agentId"));
 * }</pre>
 */
public final class AgentLaunchpadClient {

    private final Agents agents;
    private final Auth auth;
    private final Security security;
    private final SystemApi system;
    private final Users users;
    private final IdentityLinks identityLinks;

    private AgentLaunchpadClient(Builder builder) {
        Transport transport = new Transport(builder);
        this.agents = new Agents(transport);
        this.auth = new Auth(transport);
        this.security = new Security(transport);
        this.system = new SystemApi(transport);
        this.users = new Users(transport);
        this.identityLinks = new IdentityLinks(transport);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Agents agents() {
        return agents;
    }

    public Auth auth() {
        return auth;
    }

    public Security security() {
        return security;
    }

    public SystemApi system() {
        return system;
    }

    public Users users() {
        return users;
    }

    /** Admin only: links of token identities to existing users. */
    public IdentityLinks identityLinks() {
        return identityLinks;
    }

    public static final class Builder {
        String apiKey;
        String accessToken;
        String baseUrl;
        Duration timeout = Duration.ofSeconds(30);
        int maxRetries = 3;
        Duration retryBaseDelay = Duration.ofMillis(500);
        Duration maxRetryDelay = Duration.ofSeconds(30);
        HttpClient httpClient;

        /** Sent as X-API-Key. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** A JWT, sent as Authorization: Bearer. */
        public Builder accessToken(String accessToken) {
            this.accessToken = accessToken;
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Per call, retries included; zero for none. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder retryBaseDelay(Duration retryBaseDelay) {
            this.retryBaseDelay = retryBaseDelay;
            return this;
        }

        public Builder maxRetryDelay(Duration maxRetryDelay) {
            this.maxRetryDelay = maxRetryDelay;
            return this;
        }

        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        public AgentLaunchpadClient build() {
            return new AgentLaunchpadClient(this);
        }
    }
}
