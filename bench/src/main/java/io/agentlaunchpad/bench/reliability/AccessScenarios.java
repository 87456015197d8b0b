package io.agentlaunchpad.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.local.LocalTokenIssuer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The access cases a route × role × credential grid cannot express (issue #17): keys minted by a key after that key's
 * revocation, a minted key's expiry bounded by its parent's, a token user whose display name is an API-key user's,
 * and forged bearer tokens (no signature, claims changed after signing, signed by a key of their own). Each case
 * states its expected status from the rules; an answer outside it is a failure of the access suite.
 */
final class AccessScenarios {

    private final String baseUrl;
    private final Api api;
    private final LocalTokenIssuer tokens;
    private final String adminKey;
    private final Tally tally;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private int cases;
    private int mismatches;

    AccessScenarios(String baseUrl, LocalTokenIssuer tokens, String adminKey, Tally tally) {
        this.baseUrl = baseUrl;
        this.api = new Api(baseUrl);
        this.tokens = tokens;
        this.adminKey = adminKey;
        this.tally = tally;
    }

    void run(Api.Key apiKeyUser, String apiKeyUsersAgent) throws Exception {
        childKeysDieWithTheirParent();
        aChildNeverOutlivesItsParent();
        tokenUsersWithCollidingNames(apiKeyUser, apiKeyUsersAgent);
        aLinkedTokenActsAsItsUserWithItsOwnRole(apiKeyUser, apiKeyUsersAgent);
        forgedTokens(apiKeyUser.username());
        tally.put("scenarioCases", cases);
        tally.put("scenarioMismatches", mismatches);
        tally.note("scenarios: child keys after the parent's revocation, expiry bounded by the parent, token users"
                + " named like API-key users (and 'admin'), linked to one by an admin and unlinked, forged tokens = " + cases + " cases; mismatches "
                + mismatches + ". The key cap and per-user limits across keys need the limits the suites lift: they"
                + " are proven by KeyRoutesTest.generateKey_refusesMoreActiveKeysThanTheCapWith429 and"
                + " LimitsTest.rateLimit_countsPerKeyAndPerUserAcrossTheirKeys (functions/api), not here");
    }

    private void childKeysDieWithTheirParent() throws Exception {
        Api.Key parent = api.key(adminKey, "carol-" + suffix(), "USER");
        String child = api.call(parent.apiKey(), "POST", "/api/auth/generate-key", "{}").get("apiKey").asText();
        String grandchild = api.call(child, "POST", "/api/auth/generate-key", "{}").get("apiKey").asText();
        expect("child key works before", status("X-API-Key", child, "GET", "/api/agents"), 200);
        expect("revoke the parent", status("X-API-Key", adminKey, "DELETE", "/api/auth/keys/" + parent.keyId()), 200);
        expect("parent after its revocation", status("X-API-Key", parent.apiKey(), "GET", "/api/agents"), 401);
        expect("child after its parent's revocation", status("X-API-Key", child, "GET", "/api/agents"), 401);
        expect("grandchild after its grandparent's revocation", status("X-API-Key", grandchild, "GET", "/api/agents"),
                401);
        expect("child cannot mint after the revocation",
                status("X-API-Key", child, "POST", "/api/auth/generate-key", "{}"), 401);
    }

    private void aChildNeverOutlivesItsParent() throws Exception {
        JsonNode parent = api.call(adminKey, "POST", "/api/auth/generate-key", "{\"username\": \"dora-" + suffix()
                + "\", \"email\": \"dora@example.com\", \"role\": \"USER\", \"expiresInDays\": 1}");
        JsonNode child = api.call(parent.get("apiKey").asText(), "POST", "/api/auth/generate-key",
                "{\"expiresInDays\": 365}");
        cases++;
        Instant parentExpiry = Instant.parse(parent.get("expiresAt").asText());
        Instant childExpiry = Instant.parse(child.get("expiresAt").asText());
        if (childExpiry.isAfter(parentExpiry)) {
            mismatch("a 365-day key minted by a 1-day key expires " + childExpiry + ", after its parent's "
                    + parentExpiry);
        }
    }

    /** A token user is issuer + sub: the API-key user of the same name is someone else, the admin too. */
    private void tokenUsersWithCollidingNames(Api.Key apiKeyUser, String apiKeyUsersAgent) throws Exception {
        String sameName = "Bearer " + tokens.token(apiKeyUser.username(), "USER");
        Answer keys = send("Authorization", sameName, "GET", "/api/auth/keys", null);
        expect("token named like an API-key user lists keys", keys.status(), 200);
        expectAbsent("its list holds none of the API-key user's keys", keys.body(), apiKeyUser.keyId());
        expect("token named like an API-key user revokes their key",
                status("Authorization", sameName, "DELETE", "/api/auth/keys/" + apiKeyUser.keyId()), 404);
        expect("token named like an API-key user reads their agent",
                status("Authorization", sameName, "GET", "/api/agents/" + apiKeyUsersAgent), 404);
        String admin = "Bearer " + tokens.token("admin", "USER");
        Answer adminKeys = send("Authorization", admin, "GET", "/api/auth/keys", null);
        expect("token with upn 'admin' lists keys", adminKeys.status(), 200);
        expectAbsent("its list holds none of the admin's keys", adminKeys.body(),
                api.call(adminKey, "GET", "/api/auth/keys", null).path("keys").path(0).path("keyId").asText("none"));
    }

    /**
     * Linking (#17 item 4) is an admin's act: a token named like an API-key user is someone else until an admin links
     * it, then acts as that user with the token's own role (VIEWER here, the user's keys are USER), and is someone
     * else again once unlinked.
     */
    private void aLinkedTokenActsAsItsUserWithItsOwnRole(Api.Key apiKeyUser, String apiKeyUsersAgent) throws Exception {
        // The matrix's token user of this name made agents and keys as its own user: linking it would leave them.
        expect("linking a token identity that owns agents and keys", status("X-API-Key", adminKey, "POST",
                "/api/users/links", linkBody(apiKeyUser.username(), apiKeyUser.username())), 409);
        // The same name in capitals: the same API-key user (usernames ignore case), another subject (sub does not).
        String named = apiKeyUser.username().toUpperCase(java.util.Locale.ROOT);
        String viewer = "Bearer " + tokens.token(named, "VIEWER");
        String agent = "/api/agents/" + apiKeyUsersAgent;
        String link = linkBody(named, apiKeyUser.username());
        expect("token named like an API-key user, before any link, reads their agent",
                status("Authorization", viewer, "GET", agent), 404);
        expect("a USER cannot link", status("X-API-Key", apiKeyUser.apiKey(), "POST", "/api/users/links", link), 403);
        expect("a VIEWER token cannot link (itself)", status("Authorization", viewer, "POST", "/api/users/links", link),
                403);
        expect("a USER cannot list links", status("X-API-Key", apiKeyUser.apiKey(), "GET", "/api/users/links"), 403);
        Answer linked = send("X-API-Key", adminKey, "POST", "/api/users/links", link);
        expect("the admin links the token identity to the API-key user", linked.status(), 201);
        String linkId = linked.status() == 201 ? Json.tree(linked.body()).path("linkId").asText() : "link-none";
        expect("the same link again", status("X-API-Key", adminKey, "POST", "/api/users/links", link), 409);
        expect("the linked token reads the user's agent", status("Authorization", viewer, "GET", agent), 200);
        Answer profile = send("Authorization", viewer, "GET", "/api/users/profile", null);
        expect("the linked token's profile", profile.status(), 200);
        JsonNode me = profile.status() == 200 ? Json.tree(profile.body()) : Json.MAPPER.createObjectNode();
        cases++;
        if (!me.path("role").asText().equals("VIEWER") || !me.path("username").asText().equals(apiKeyUser.username())) {
            mismatch("the linked token is the user with the token's role VIEWER: " + profile.body());
        }
        expect("the linked VIEWER token cannot scale the USER's agent (its role is the token's)",
                status("Authorization", viewer, "POST", agent + "/scale", "{\"replicas\": 1}"), 403);
        expect("a USER cannot unlink", status("X-API-Key", apiKeyUser.apiKey(), "DELETE", "/api/users/links/" + linkId),
                403);
        expect("the admin unlinks", status("X-API-Key", adminKey, "DELETE", "/api/users/links/" + linkId), 200);
        expect("unlinked, the token reads the user's agent no more", status("Authorization", viewer, "GET", agent), 404);
        expect("unlinked twice", status("X-API-Key", adminKey, "DELETE", "/api/users/links/" + linkId), 404);
    }

    private static String linkBody(String subject, String username) {
        return "{\"issuer\": \"" + LocalTokenIssuer.ISSUER + "\", \"subject\": \"" + subject + "\", \"username\": \""
                + username + "\"}";
    }

    private void forgedTokens(String username) throws Exception {
        String signed = tokens.token(username, "USER");
        String[] parts = signed.split("\\.");
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        expect("unsigned token (alg none)", status("Authorization", "Bearer " + none, "GET", "/api/agents"), 401);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("[\"USER\"]", "[\"ADMIN\"]");
        String tampered = parts[0] + "." + b64(claims) + "." + parts[2];
        expect("token whose groups were changed after signing",
                status("Authorization", "Bearer " + tampered, "GET", "/api/system/metrics"), 401);
        LocalTokenIssuer stranger = LocalTokenIssuer.create(java.nio.file.Files.createTempDirectory("stranger"));
        expect("token signed by a key of its own, right issuer and audience",
                status("Authorization", "Bearer " + stranger.token(username, "ADMIN"), "GET", "/api/agents"), 401);
        expect("the signed token itself", status("Authorization", "Bearer " + signed, "GET", "/api/agents"), 200);
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    private record Answer(int status, String body) {
    }

    private int status(String header, String value, String method, String path) throws Exception {
        return send(header, value, method, path, null).status();
    }

    private int status(String header, String value, String method, String path, String body) throws Exception {
        return send(header, value, method, path, body).status();
    }

    private Answer send(String header, String value, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header(header, value)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private void expect(String what, int status, int expected) {
        cases++;
        if (status != expected) {
            mismatch(what + ": expected " + expected + ", got " + status);
        }
    }

    private void expectAbsent(String what, String body, String value) {
        cases++;
        if (body.contains(value)) {
            mismatch(what + ": found " + value);
        }
    }

    private void mismatch(String what) {
        mismatches++;
        tally.failure("scenario: " + what);
    }

    private static String suffix() {
        return Long.toString(System.nanoTime() % 100000);
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
