package io.agentlaunchpad.api;

import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.identity.UserIds;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/** The identity-link routes through their functions: the statuses, and every answer as openapi.yaml documents it. */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
class IdentityLinkRoutesTest {

    @Inject
    IdentityLinkFunctions links;

    @Inject
    KeyFunctions keys;

    static ProxyResponse documented(String operationId, ProxyResponse answer) {
        OpenApiAnswers.assertDocumented(operationId, answer);
        return answer;
    }

    @Test
    void link_list_unlink_asAnAdmin_andRefusedToOthers() {
        String admin = newUser();
        String dave = "d" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(keys.generateKey(Events.api("generateKey").admin(admin)
                .body("{\"username\": \"" + dave + "\", \"role\": \"USER\"}").request()).statusCode()).isEqualTo(201);
        String body = "{\"issuer\": \"https://sso.test\", \"subject\": \"" + UUID.randomUUID() + "\", \"username\": \""
                + dave + "\"}";

        ProxyResponse refused = documented("linkIdentity",
                links.linkIdentity(Events.api("linkIdentity").user(newUser()).body(body).request()));
        assertThat(refused.statusCode()).isEqualTo(403);
        ProxyResponse linked = documented("linkIdentity",
                links.linkIdentity(Events.api("linkIdentity").admin(admin).body(body).request()));
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(201);
        assertThat(body(linked).get("userId").asText()).isEqualTo(UserIds.of(dave));
        String linkId = body(linked).get("linkId").asText();
        assertThat(documented("linkIdentity", links.linkIdentity(Events.api("linkIdentity").admin(admin).body(body)
                .request())).statusCode()).isEqualTo(409);
        assertThat(documented("linkIdentity", links.linkIdentity(Events.api("linkIdentity").admin(admin)
                .body(body.replace(dave, "nobody-" + dave)).request())).statusCode()).isEqualTo(404);
        assertThat(documented("linkIdentity", links.linkIdentity(Events.api("linkIdentity").admin(admin)
                .body("{\"issuer\": \"https://sso.test\", \"username\": \"" + dave + "\"}").request())).statusCode())
                .isEqualTo(400);

        ProxyResponse listed = documented("listIdentityLinks", links.listIdentityLinks(
                Events.api("listIdentityLinks").admin(admin).query(Map.of("limit", "100")).request()));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(documented("listIdentityLinks", links.listIdentityLinks(Events.api("listIdentityLinks")
                .admin(admin).query(Map.of("nextToken", "forged")).request())).statusCode()).isEqualTo(400);
        assertThat(documented("listIdentityLinks", links.listIdentityLinks(Events.api("listIdentityLinks")
                .viewer(newUser()).request())).statusCode()).isEqualTo(403);

        ProxyResponse unlinked = documented("unlinkIdentity", links.unlinkIdentity(Events.api("unlinkIdentity")
                .admin(admin).pathParameter("linkId", linkId).request()));
        assertThat(unlinked.statusCode()).as(unlinked.body()).isEqualTo(200);
        assertThat(documented("unlinkIdentity", links.unlinkIdentity(Events.api("unlinkIdentity").admin(admin)
                .pathParameter("linkId", linkId).request())).statusCode()).isEqualTo(404);
        assertThat(documented("unlinkIdentity", links.unlinkIdentity(Events.api("unlinkIdentity").admin(admin)
                .pathParameter("linkId", "link-x").request())).statusCode()).isEqualTo(400);
    }
}
