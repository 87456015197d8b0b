package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.Json;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-process platform the suites start, given a verification key as {@code LAUNCHPAD_JWT_PUBLIC_KEY_LOCATION}
 * gives it one: a valid bearer token is answered by its role; an expired one, another issuer's or one for another
 * audience is 401.
 */
class LocalPlatformBearerTokenTest extends TokenPlatformFixture {

    static HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, "Authorization", "Bearer " + token, null);
    }

    @Test
    void aValidTokenIsAnsweredByItsRole() throws Exception {
        HttpResponse<String> profile = get("/api/users/profile", tokens.token("carol", "USER"));
        assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
        JsonNode body = Json.tree(profile.body());
        assertThat(body.get("username").asText()).isEqualTo("carol");
        assertThat(body.get("role").asText()).isEqualTo("USER");

        assertThat(get("/api/system/metrics", tokens.token("carol", "USER")).statusCode()).isEqualTo(403);
        HttpResponse<String> admin = get("/api/system/metrics", tokens.token("dana", "ADMIN"));
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
    }

    @Test
    void anExpiredToken_anotherIssuersAndOneForAnotherAudience_are401() throws Exception {
        Instant hourAhead = Instant.now().plusSeconds(3600);
        String expired = tokens.token("carol", "USER", LocalTokenIssuer.ISSUER, LocalTokenIssuer.AUDIENCE,
                Instant.now().minusSeconds(3600));
        String otherIssuer = tokens.token("carol", "USER", "https://sso.elsewhere.example", LocalTokenIssuer.AUDIENCE,
                hourAhead);
        String otherAudience = tokens.token("carol", "USER", LocalTokenIssuer.ISSUER, "another-api", hourAhead);

        for (String token : new String[]{expired, otherIssuer, otherAudience}) {
            HttpResponse<String> answer = get("/api/users/profile", token);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
            assertThat(Json.tree(answer.body()).get("error").get("code").asText()).isEqualTo("INVALID_API_KEY");
        }
    }
}
