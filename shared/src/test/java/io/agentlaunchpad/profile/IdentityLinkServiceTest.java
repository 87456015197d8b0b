package io.agentlaunchpad.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.agents.AgentPage;
import io.agentlaunchpad.agents.AgentQuery;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.agents.AgentSummary;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.errors.FieldError;
import io.agentlaunchpad.identity.User;
import io.agentlaunchpad.identity.UserIds;
import io.agentlaunchpad.identity.dynamodb.DynamoIdentityLinkStore;
import io.agentlaunchpad.identity.dynamodb.DynamoUserStore;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.keys.ApiKey;
import io.agentlaunchpad.keys.ApiKeys;
import io.agentlaunchpad.keys.dynamodb.DynamoKeyStore;
import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.security.dynamodb.DynamoSecurityEvents;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.testing.Backends;
import io.agentlaunchpad.testing.MutableClock;
import io.agentlaunchpad.testing.TestConfig;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Linking a token identity to an existing user, against dynalite: what is refused, and with which answer. */
class IdentityLinkServiceTest {

    static final String ISSUER = "https://sso.test.example";
    static Backends backends;
    static MutableClock clock = new MutableClock(Instant.parse("2026-12-03T19:00:00Z"));
    static DynamoUserStore users;
    static DynamoKeyStore keys;
    static DynamoSecurityEvents events;
    static IdentityLinkService service;
    /** The owners the agent store says own an agent. */
    static final Set<String> agentOwners = ConcurrentHashMap.newKeySet();

    static final Principal ADMIN = new Principal("user-admin", "admin", "ADMIN", Set.of("*"), null);

    @BeforeAll
    static void start() {
        backends = Backends.start();
        LaunchpadConfig config = TestConfig.launchpad(backends, Map.of());
        users = new DynamoUserStore(backends.dynamo, config);
        keys = new DynamoKeyStore(backends.dynamo, config);
        events = new DynamoSecurityEvents(backends.dynamo, config, clock);
        service = new IdentityLinkService(new DynamoIdentityLinkStore(TableSet.of(backends.dynamo, config)), users, keys,
                agents(), events, clock);
    }

    @AfterAll
    static void stop() {
        backends.close();
    }

    static AgentStore agents() {
        return (AgentStore) Proxy.newProxyInstance(AgentStore.class.getClassLoader(), new Class<?>[]{AgentStore.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("list")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    String owner = ((AgentQuery) args[0]).owner();
                    return new AgentPage(agentOwners.contains(owner) ? List.of(new AgentSummary("agent-a1", "a1",
                            AgentStatus.DEPLOYED, owner, clock.instant())) : List.of(), null);
                });
    }

    static String existingUser() {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        users.createIfAbsent(new User(UserIds.of(name), name, null, Role.USER, false, false, clock.instant(), null));
        return name;
    }

    static ObjectNode body(String issuer, String subject, String username) {
        return Json.MAPPER.createObjectNode().put("issuer", issuer).put("subject", subject).put("username", username);
    }

    static String subject() {
        return UUID.randomUUID().toString();
    }

    static void refused(ThrowableAssert.ThrowingCallable call, ErrorCode code, String messagePart) {
        assertThatThrownBy(call).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(code))
                .hasMessageContaining(messagePart);
    }

    @Test
    void link_recordsTheLinkOnTheIdentitysOwnRecord_andASecurityEventForTheUser() {
        String dave = existingUser();
        String sub = subject();
        IdentityLinkViews.Link link = service.link(ADMIN, body(ISSUER, sub, dave));

        String identity = UserIds.ofToken(ISSUER, sub);
        assertThat(link.linkId()).isEqualTo("link-" + identity.substring(5)).matches("link-[0-9a-f]{32}");
        assertThat(link.userId()).isEqualTo(UserIds.of(dave));
        assertThat(link.username()).isEqualTo(dave);
        assertThat(link.linkedBy()).isEqualTo("user-admin");
        // never seen before: the link made its record, which the authorizer reads
        User own = users.find(identity).orElseThrow();
        assertThat(own.linkedTo()).isEqualTo(UserIds.of(dave));
        assertThat(own.linkedUsername()).isEqualTo(dave);
        List<SecurityEvent> recorded = events.recent(UserIds.of(dave), 10);
        assertThat(recorded).extracting(SecurityEvent::type).containsExactly("IDENTITY_LINKED");
    }

    @Test
    void link_aSecondTime_orOfAnIdentityLinkedElsewhere_is409() {
        String dave = existingUser();
        String erin = existingUser();
        String sub = subject();
        service.link(ADMIN, body(ISSUER, sub, dave));

        refused(() -> service.link(ADMIN, body(ISSUER, sub, dave)), ErrorCode.CONFLICT, "already linked");
        refused(() -> service.link(ADMIN, body(ISSUER, sub, erin)), ErrorCode.CONFLICT, "already linked");
        assertThat(users.find(UserIds.ofToken(ISSUER, sub)).orElseThrow().linkedTo()).isEqualTo(UserIds.of(dave));
    }

    @Test
    void link_isRefusedWhileTheIdentitysOwnUserOwnsAgentsOrActiveKeys_andNothingIsMoved() {
        String dave = existingUser();
        String withAgent = subject();
        agentOwners.add(UserIds.ofToken(ISSUER, withAgent));
        refused(() -> service.link(ADMIN, body(ISSUER, withAgent, dave)), ErrorCode.CONFLICT, "owns agents");
        assertThat(users.find(UserIds.ofToken(ISSUER, withAgent))).isEmpty();

        String withKey = subject();
        String identity = UserIds.ofToken(ISSUER, withKey);
        keys.create(new ApiKey(ApiKeys.hash(ApiKeys.newKey()), ApiKeys.newKeyId(), identity, "tok", Role.USER,
                clock.instant(), clock.instant().plusSeconds(86_400), null, false, null, null, null, Set.of()));
        refused(() -> service.link(ADMIN, body(ISSUER, withKey, dave)), ErrorCode.CONFLICT, "1 active API key");

        // a revoked or expired key is no reason to refuse
        String withOldKey = subject();
        keys.create(new ApiKey(ApiKeys.hash(ApiKeys.newKey()), ApiKeys.newKeyId(), UserIds.ofToken(ISSUER, withOldKey),
                "tok", Role.USER, clock.instant().minusSeconds(7200), clock.instant().minusSeconds(3600), null, false,
                null, null, null, Set.of()));
        assertThat(service.link(ADMIN, body(ISSUER, withOldKey, dave)).userId()).isEqualTo(UserIds.of(dave));
    }

    @Test
    void link_toAnUnknownUser_is404_andToALinkedIdentity_is409() {
        refused(() -> service.link(ADMIN, body(ISSUER, subject(), "nobody-" + subject().substring(0, 8))),
                ErrorCode.NOT_FOUND, "not found");
        // a target whose own record is a linked identity: no chains
        String dave = existingUser();
        String chained = "c" + subject().substring(0, 8);
        users.createIfAbsent(new User(UserIds.of(chained), chained, null, Role.USER, false, false, clock.instant(),
                null));
        backends.dynamo.updateItem(UpdateItemRequest.builder().tableName(backends.prefix + "users")
                .key(Map.of("userId", AttributeValue.fromS(UserIds.of(chained))))
                .updateExpression("SET linkedTo = :to, linkedUsername = :name")
                .expressionAttributeValues(Map.of(":to", AttributeValue.fromS(UserIds.of(dave)),
                        ":name", AttributeValue.fromS(dave))).build());
        refused(() -> service.link(ADMIN, body(ISSUER, subject(), chained)), ErrorCode.CONFLICT, "itself a linked");
    }

    @Test
    void badFields_are400NamingTheField() {
        String dave = existingUser();
        Map<String, ObjectNode> bodies = Map.of(
                "issuer", (ObjectNode) body(ISSUER, subject(), dave).remove(List.of("issuer")),
                "subject", body(ISSUER, " ", dave),
                "username", body(ISSUER, subject(), "x".repeat(129)));
        bodies.forEach((field, body) -> assertThatThrownBy(() -> service.link(ADMIN, body))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.VALIDATION_ERROR))
                .satisfies(e -> assertThat((List<?>) ((ApiException) e).details()).extracting(f -> ((FieldError) f).field())
                        .containsExactly(field)));
        refused(() -> service.link(ADMIN, body(ISSUER + "\nx", subject(), dave)), ErrorCode.VALIDATION_ERROR,
                "issuer");
        refused(() -> service.link(ADMIN, body(ISSUER, "a".repeat(256), dave)), ErrorCode.VALIDATION_ERROR,
                "subject");
        refused(() -> service.link(ADMIN, body("i".repeat(513), subject(), dave)), ErrorCode.VALIDATION_ERROR,
                "issuer");
        refused(() -> service.link(ADMIN, body(ISSUER, subject(), dave).put("role", "ADMIN")),
                ErrorCode.VALIDATION_ERROR, "role");
    }

    @Test
    void onlyAnAdminMayLink() {
        Principal user = new Principal("user-x", "x", "USER", Set.copyOf(Role.USER.permissions()), null);
        refused(() -> service.link(user, body(ISSUER, subject(), existingUser())),
                ErrorCode.INSUFFICIENT_PERMISSIONS, "admins");
        refused(() -> service.list(user, 10, null), ErrorCode.INSUFFICIENT_PERMISSIONS, "admins");
    }

    @Test
    void unlink_removesTheLink_andAForgedOrUnknownLinkIdIs404Or400() {
        String dave = existingUser();
        String sub = subject();
        String linkId = service.link(ADMIN, body(ISSUER, sub, dave)).linkId();

        IdentityLinkViews.Unlinked gone = service.unlink(ADMIN, linkId);
        assertThat(gone.unlinked()).isTrue();
        assertThat(gone.userId()).isEqualTo(UserIds.of(dave));
        assertThat(users.find(UserIds.ofToken(ISSUER, sub)).orElseThrow().linkedTo()).isNull();
        assertThat(events.recent(UserIds.of(dave), 10)).extracting(SecurityEvent::type)
                .contains("IDENTITY_UNLINKED");

        refused(() -> service.unlink(ADMIN, linkId), ErrorCode.NOT_FOUND, "not found");
        // an API-key user's id under the link prefix names a record with no link: not found either
        refused(() -> service.unlink(ADMIN, "link-" + UserIds.of(dave).substring(5)), ErrorCode.NOT_FOUND,
                "not found");
        refused(() -> service.unlink(ADMIN, "link-" + "0".repeat(32)), ErrorCode.NOT_FOUND, "not found");
        refused(() -> service.unlink(ADMIN, UserIds.ofToken(ISSUER, sub)), ErrorCode.VALIDATION_ERROR, "linkId");
        refused(() -> service.unlink(ADMIN, "link-../../x"), ErrorCode.VALIDATION_ERROR, "linkId");
        // linked again after the unlink
        assertThat(service.link(ADMIN, body(ISSUER, sub, dave)).linkId()).isEqualTo(linkId);
    }

    @Test
    void list_pagesThroughEveryLinkOnce_andAForgedTokenIs400() {
        String dave = existingUser();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(service.link(ADMIN, body(ISSUER, subject(), dave)).linkId());
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            IdentityLinkViews.Listing page = service.list(ADMIN, 2, token);
            assertThat(page.links()).hasSizeLessThanOrEqualTo(2);
            page.links().forEach(l -> seen.add(l.linkId()));
            token = page.nextToken();
        } while (token != null);
        assertThat(seen).doesNotHaveDuplicates().containsAll(made);

        for (String forged : List.of("!!", "dXNlci0uLi8", IdentityLinkService.encode("agent-x"))) {
            refused(() -> service.list(ADMIN, 2, forged), ErrorCode.VALIDATION_ERROR, "nextToken");
        }
    }
}
