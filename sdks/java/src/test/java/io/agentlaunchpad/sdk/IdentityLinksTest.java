package io.agentlaunchpad.sdk;

import io.agentlaunchpad.sdk.Peer.Answer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The identity-link calls against a peer server: what they send, and how a refusal reads. */
class IdentityLinksTest extends WithPeer {

    @Test
    void link_list_unlink_sendTheirRequests() {
        peer.answer(Answer.json(201, "{\"linkId\":\"link-1\",\"userId\":\"user-d\",\"username\":\"dave\"}"),
                Answer.json(200, "{\"links\":[{\"linkId\":\"link-1\"}],\"limit\":1,\"nextToken\":\"t1\"}"),
                Answer.json(200, "{\"links\":[{\"linkId\":\"link-2\"}],\"limit\":1,\"nextToken\":null}"),
                Answer.json(200, "{\"linkId\":\"link-1\",\"unlinked\":true}"));

        ApiObject link = client.identityLinks().link("https://sso.example", "00u1", "dave");
        List<String> ids = client.identityLinks().list(1).items().map(l -> l.string("linkId")).toList();
        ApiObject gone = client.identityLinks().unlink("link-1");

        assertThat(link.status()).isEqualTo(201);
        assertThat(link.string("userId")).isEqualTo("user-d");
        assertThat(ids).containsExactly("link-1", "link-2");
        assertThat(gone.string("linkId")).isEqualTo("link-1");
        assertThat(peer.requests).extracting(r -> r.method() + " " + r.path() + " " + r.query()).containsExactly(
                "POST /api/users/links {}", "GET /api/users/links {limit=1}",
                "GET /api/users/links {limit=1, nextToken=t1}", "DELETE /api/users/links/link-1 {}");
        assertThat(Json.parse(peer.requests.get(0).body()))
                .isEqualTo(Map.of("issuer", "https://sso.example", "subject", "00u1", "username", "dave"));
    }

    @Test
    void aConflict_isAnApiExceptionWithItsCode_andIsNotRetried() {
        peer.answer(Answer.error(409, "CONFLICT", Map.of()));

        assertThatThrownBy(() -> client.identityLinks().link("https://sso.example", "00u1", "dave"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("CONFLICT"));
        assertThat(peer.requests).hasSize(1);
    }
}
