package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.Json;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Linking over HTTP on the in-process platform, with a locally issued token: a token named like an API-key user is
 * someone else until the admin links it, then acts as that user with the token's own role, and is someone else again
 * once unlinked. Only an admin links.
 */
class LocalPlatformIdentityLinkTest extends TokenPlatformFixture {

    static HttpResponse<String> asAdmin(String method, String path, String body) throws Exception {
        return send(method, path, "X-API-Key", platform.adminKey(), body);
    }

    static HttpResponse<String> asToken(String method, String path, String token) throws Exception {
        return send(method, path, "Authorization", "Bearer " + token, null);
    }

    @Test
    void link_actAsTheUserWithTheTokensRole_unlink() throws Exception {
        HttpResponse<String> minted = asAdmin("POST", "/api/auth/generate-key",
                "{\"username\": \"erin\", \"email\": \"erin@example.com\", \"role\": \"USER\"}");
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
        String erinsKey = Json.tree(minted.body()).get("keyId").asText();
        String token = tokens.token("erin", "VIEWER");

        // named like erin, not erin
        JsonNode before = Json.tree(asToken("GET", "/api/auth/keys", tokens.token("erin", "USER")).body());
        assertThat(before.get("keys").toString()).doesNotContain(erinsKey);

        String body = "{\"issuer\": \"" + LocalTokenIssuer.ISSUER + "\", \"subject\": \"erin\", \"username\": \"erin\"}";
        HttpResponse<String> refused = send("POST", "/api/users/links", "Authorization", "Bearer "
                + tokens.token("erin", "USER"), body);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);

        HttpResponse<String> linked = asAdmin("POST", "/api/users/links", body);
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(201);
        JsonNode link = Json.tree(linked.body());
        String linkId = link.get("linkId").asText();
        assertThat(link.get("username").asText()).isEqualTo("erin");
        assertThat(asAdmin("POST", "/api/users/links", body).statusCode()).isEqualTo(409);
        HttpResponse<String> listed = asAdmin("GET", "/api/users/links?limit=100", null);
        assertThat(listed.body()).contains(linkId);

        // linked: erin, with the token's role
        JsonNode profile = Json.tree(asToken("GET", "/api/users/profile", token).body());
        assertThat(profile.get("username").asText()).isEqualTo("erin");
        assertThat(profile.get("role").asText()).isEqualTo("VIEWER");
        JsonNode keys = Json.tree(asToken("GET", "/api/auth/keys", tokens.token("erin", "USER")).body());
        assertThat(keys.get("keys").toString()).contains(erinsKey);
        assertThat(asToken("GET", "/api/auth/keys", token).statusCode()).isEqualTo(403);

        HttpResponse<String> unlinked = asAdmin("DELETE", "/api/users/links/" + linkId, null);
        assertThat(unlinked.statusCode()).as(unlinked.body()).isEqualTo(200);
        assertThat(asAdmin("DELETE", "/api/users/links/" + linkId, null).statusCode()).isEqualTo(404);

        // someone else again
        JsonNode after = Json.tree(asToken("GET", "/api/auth/keys", tokens.token("erin", "USER")).body());
        assertThat(after.get("keys").toString()).doesNotContain(erinsKey);
        JsonNode events = Json.tree(asAdmin("GET", "/api/security/events?limit=100", null).body());
        assertThat(events.toString()).contains("IDENTITY_LINKED").contains("IDENTITY_UNLINKED");
    }

    @Test
    void badInput_is400NamingTheField_andAnUnknownUser404() throws Exception {
        HttpResponse<String> blank = asAdmin("POST", "/api/users/links",
                "{\"issuer\": \"" + LocalTokenIssuer.ISSUER + "\", \"subject\": \"  \", \"username\": \"erin\"}");
        assertThat(blank.statusCode()).as(blank.body()).isEqualTo(400);
        assertThat(Json.tree(blank.body()).get("error").get("details").get(0).get("field").asText())
                .isEqualTo("subject");
        HttpResponse<String> nobody = asAdmin("POST", "/api/users/links",
                "{\"issuer\": \"" + LocalTokenIssuer.ISSUER + "\", \"subject\": \"s1\", \"username\": \"nobody-here\"}");
        assertThat(nobody.statusCode()).as(nobody.body()).isEqualTo(404);
        assertThat(asAdmin("DELETE", "/api/users/links/link-nope", null).statusCode()).isEqualTo(400);
        assertThat(asAdmin("GET", "/api/users/links?nextToken=forged", null).statusCode()).isEqualTo(400);
    }
}
