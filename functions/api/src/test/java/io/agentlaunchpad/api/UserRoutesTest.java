package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.agentlaunchpad.api.Responses.SECOND_TIMESTAMP;
import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.api.Responses.error;
import static io.agentlaunchpad.api.Responses.fields;
import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/** The profile routes with the seed's bodies. */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
class UserRoutesTest {

    @Inject
    UserFunctions users;

    @Inject
    KeyFunctions keys;

    @Test
    void getUserProfile_answersTheSeedFieldsWithTheRolesPermissions() {
        String user = newUser();
        keys.generateKey(Events.api("generateKey").user(user).body("{\"email\": \"" + user + "@example.com\"}").request());

        ProxyResponse response = users.getUserProfile(Events.api("getUserProfile").user(user).request());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("userId").asText()).isEqualTo(user);
        assertThat(body.get("username").asText()).isEqualTo(user);
        assertThat(body.get("email").asText()).isEqualTo(user + "@example.com");
        assertThat(body.get("role").asText()).isEqualTo("USER");
        assertThat(body.get("createdAt").asText()).matches(SECOND_TIMESTAMP);
        assertThat(body.has("lastLogin")).isTrue();
        List<String> permissions = new ArrayList<>();
        body.get("permissions").forEach(p -> permissions.add(p.asText()));
        assertThat(permissions).containsExactlyElementsOf(Role.USER.permissions()).contains("agents:*");
        assertThat(body.get("notifications").get("email").asBoolean()).isFalse();
    }

    @Test
    void getUserProfile_ofAnAdminListsTheSeedPermissions() {
        JsonNode body = body(users.getUserProfile(Events.api("getUserProfile").admin(newUser()).request()));
        List<String> permissions = new ArrayList<>();
        body.get("permissions").forEach(p -> permissions.add(p.asText()));
        assertThat(permissions).contains("agents:*", "system:*", "users:*").doesNotContain("*");
    }

    @Test
    void updateUserProfile_storesEmailAndNotifications() {
        String user = newUser();
        ProxyResponse response = users.updateUserProfile(Events.api("updateUserProfile").user(user)
                .body("{\"email\": \"new@yourdomain.com\", \"notifications\": {\"email\": true, \"slack\": false}}")
                .request());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        JsonNode again = body(users.getUserProfile(Events.api("getUserProfile").user(user).request()));
        assertThat(again.get("email").asText()).isEqualTo("new@yourdomain.com");
        assertThat(again.get("notifications").get("email").asBoolean()).isTrue();
        assertThat(again.get("notifications").get("slack").asBoolean()).isFalse();
        assertThat(BackendsResource.current().dynamo.getItem(b -> b.tableName(BackendsResource.current().prefix + "users")
                .key(java.util.Map.of("userId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder()
                        .s(user).build()))).item().get("emailNotifications").bool()).isTrue();
    }

    @Test
    void updateUserProfile_validatesTheEmailAndTheNotificationFlags() {
        ProxyResponse response = users.updateUserProfile(Events.api("updateUserProfile").user(newUser())
                .body("{\"email\": \"nope\", \"notifications\": {\"email\": \"yes\", \"pager\": true}}").request());
        assertThat(fields(response)).containsExactlyInAnyOrder("email", "notifications.email", "notifications.pager");
    }

    @Test
    void updateUserProfile_neverChangesTheCallersRoleOrUsername() {
        String user = newUser();
        error(users.updateUserProfile(Events.api("updateUserProfile").user(user).body("{\"role\": \"ADMIN\"}").request()),
                403, "INSUFFICIENT_PERMISSIONS");
        error(users.updateUserProfile(Events.api("updateUserProfile").user(user).body("{\"username\": \"root\"}").request()),
                403, "INSUFFICIENT_PERMISSIONS");
        assertThat(body(users.getUserProfile(Events.api("getUserProfile").user(user).request())).get("role").asText())
                .isEqualTo("USER");
    }

    @Test
    void everyResponseCarriesRateLimitHeaders_evenA401() {
        ProxyResponse ok = users.getUserProfile(Events.api("getUserProfile").user(newUser()).request());
        ProxyResponse denied = users.updateUserProfile(Events.api("updateUserProfile").viewer(newUser())
                .body("{}").request());
        ProxyResponse anonymous = users.getUserProfile(Events.api("getUserProfile").anonymous().request());
        error(denied, 403, "INSUFFICIENT_PERMISSIONS");
        error(anonymous, 401, "INVALID_API_KEY");
        for (ProxyResponse r : List.of(ok, denied, anonymous)) {
            assertThat(r.header("X-RateLimit-Limit")).as(r.toString()).matches("\\d+");
            assertThat(r.header("X-RateLimit-Remaining")).matches("\\d+");
            assertThat(Long.parseLong(r.header("X-RateLimit-Reset"))).isGreaterThan(System.currentTimeMillis() / 1000 - 1);
        }
        // nothing was counted for the 401: the whole window is left
        assertThat(anonymous.header("X-RateLimit-Remaining")).isEqualTo(anonymous.header("X-RateLimit-Limit"));
        assertThat(Long.parseLong(ok.header("X-RateLimit-Remaining")))
                .isEqualTo(Long.parseLong(ok.header("X-RateLimit-Limit")) - 1);
    }
}
