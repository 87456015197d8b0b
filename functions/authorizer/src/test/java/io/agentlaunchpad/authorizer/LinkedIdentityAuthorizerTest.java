package io.agentlaunchpad.authorizer;

import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.identity.IdentityLink;
import io.agentlaunchpad.identity.User;
import io.agentlaunchpad.identity.UserIds;
import io.agentlaunchpad.identity.dynamodb.DynamoIdentityLinkStore;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.testing.BackendsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token identity an admin linked to an existing user (docs/identity.md, Linking): the authorizer answers for the
 * linked user, read from the identity's own record, with the role of the token's groups; unlinked, the identity is
 * its own user again.
 */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(JwtKeys.class)
class LinkedIdentityAuthorizerTest extends AuthorizerFixture {

    @Inject
    LaunchpadConfig config;

    DynamoIdentityLinkStore links;

    @BeforeEach
    void store() {
        links = new DynamoIdentityLinkStore(TableSet.of(BackendsResource.current().dynamo, config));
    }

    /** A fresh API-key user's name, with a fresh token subject already linked to it. */
    record Linked(String username, String subject) {
    }

    Linked linkedToANewUser() {
        String dave = newName();
        newKey(dave, "USER");
        String subject = "sub-" + newName();
        link(subject, dave);
        return new Linked(dave, subject);
    }

    void link(String subject, String username) {
        String identity = UserIds.ofToken(JwtKeys.ISSUER, subject);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(links.link(new IdentityLink(identity, JwtKeys.ISSUER, subject, UserIds.of(username), username, now,
                "user-admin"), new User(identity, subject, null, Role.VIEWER, false, false, now, null))).isTrue();
    }

    @Test
    void aLinkedToken_actsAsTheLinkedUser_withTheRoleOfItsOwnGroups() {
        Linked linked = linkedToANewUser();
        String dave = linked.username();
        String subject = linked.subject();

        AuthorizerResponse asViewer = authorizer.authorize(bearer(token(subject, Set.of("VIEWER"))));
        assertThat(asViewer.policyDocument().statement().get(0).effect()).isEqualTo("Allow");
        assertThat(asViewer.principalId()).isEqualTo(UserIds.of(dave));
        assertThat(asViewer.context()).containsEntry("userId", UserIds.of(dave)).containsEntry("username", dave)
                .containsEntry("role", "VIEWER").containsEntry("permissions", Role.VIEWER.permissionsText())
                .containsEntry("linkedFrom", UserIds.ofToken(JwtKeys.ISSUER, subject));
        // metered as the linked user: the usage key (configured here for the USER tier) is the user's, not the identity's
        AuthorizerResponse asUser = authorizer.authorize(bearer(token(subject, Set.of("USER"))));
        assertThat(asUser.usageIdentifierKey()).endsWith(UserIds.of(dave));

        AuthorizerResponse asAdmin = authorizer.authorize(bearer(token(subject, Set.of("ADMIN"))));
        assertThat(asAdmin.context()).containsEntry("userId", UserIds.of(dave)).containsEntry("role", "ADMIN");
    }

    @Test
    void anIdentitySeenBeforeTheLink_followsIt_andIsItsOwnUserAgainOnceUnlinked() {
        String dave = newName();
        newKey(dave, "USER");
        String subject = "sub-" + newName();
        String identity = UserIds.ofToken(JwtKeys.ISSUER, subject);
        assertThat(authorizer.authorize(bearer(token(subject, Set.of("USER")))).principalId()).isEqualTo(identity);

        link(subject, dave);
        assertThat(authorizer.authorize(bearer(token(subject, Set.of("USER")))).principalId())
                .isEqualTo(UserIds.of(dave));

        assertThat(links.unlink(identity)).get().extracting(IdentityLink::userId).isEqualTo(UserIds.of(dave));
        AuthorizerResponse own = authorizer.authorize(bearer(token(subject, Set.of("USER"))));
        assertThat(own.principalId()).isEqualTo(identity);
        assertThat(own.context()).containsEntry("userId", identity).doesNotContainKey("linkedFrom");
        assertThat(own.usageIdentifierKey()).endsWith(identity);
    }

    @Test
    void anotherSubjectOfTheSameIssuer_orTheSameSubjectOfAnotherIssuer_isNotLinked() {
        String subject = linkedToANewUser().subject();

        assertThat(authorizer.authorize(bearer(token(subject + "x", Set.of("USER")))).principalId())
                .isEqualTo(UserIds.ofToken(JwtKeys.ISSUER, subject + "x"));
        assertThat(authorizer.authorize(bearer(token(subject.toUpperCase(), Set.of("USER")))).principalId())
                .isEqualTo(UserIds.ofToken(JwtKeys.ISSUER, subject.toUpperCase()));
    }
}
