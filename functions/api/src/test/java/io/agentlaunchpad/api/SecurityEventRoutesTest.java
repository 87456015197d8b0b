package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.security.dynamodb.DynamoSecurityEvents;
import io.agentlaunchpad.security.SecurityEventType;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.agentlaunchpad.api.Responses.SECOND_TIMESTAMP;
import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.api.Responses.fields;
import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/security/events} against dynalite: filters, bounds, order, paging, and who sees what. */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
class SecurityEventRoutesTest {

    @Inject
    SecurityFunctions security;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    LaunchpadConfig config;

    /** Records one event as if at {@code at}. */
    void recordAt(Instant at, String owner, String severity, String agentId) {
        new DynamoSecurityEvents(dynamo, config, Clock.fixed(at, ZoneOffset.UTC)).record(SecurityEventType.SECURITY_SCAN_FAILED,
                severity, owner, agentId, "Container security scan failed",
                Map.of("scanId", "scan-" + at.getEpochSecond(), "reason", "Critical vulnerability detected"));
    }

    ProxyResponse list(Events events, Map<String, String> query) {
        return security.listSecurityEvents(events.query(query).request());
    }

    static List<String> times(JsonNode body) {
        List<String> times = new ArrayList<>();
        body.get("events").forEach(e -> times.add(e.get("timestamp").asText()));
        return times;
    }

    @Test
    void listSecurityEvents_answersTheSeedFieldsOfTheCallersOwnEventsNewestFirst() {
        String user = newUser();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        recordAt(now.minus(Duration.ofHours(3)), user, "HIGH", "agent-one");
        recordAt(now.minus(Duration.ofHours(1)), user, "LOW", "agent-two");
        recordAt(now.minus(Duration.ofHours(2)), newUser(), "HIGH", "agent-other");

        ProxyResponse response = list(Events.api("listSecurityEvents").user(user), Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("total").asLong()).isEqualTo(2);
        assertThat(body.get("limit").asInt()).isEqualTo(50);
        assertThat(body.has("nextToken")).isFalse();
        assertThat(times(body)).containsExactly(now.minus(Duration.ofHours(1)).toString(),
                now.minus(Duration.ofHours(3)).toString());
        JsonNode first = body.get("events").get(0);
        assertThat(first.get("id").asText()).startsWith("event-");
        assertThat(first.get("type").asText()).isEqualTo("SECURITY_SCAN_FAILED");
        assertThat(first.get("severity").asText()).isEqualTo("LOW");
        assertThat(first.get("agentId").asText()).isEqualTo("agent-two");
        assertThat(first.get("owner").asText()).isEqualTo(user);
        assertThat(first.get("message").asText()).isEqualTo("Container security scan failed");
        assertThat(first.get("timestamp").asText()).matches(SECOND_TIMESTAMP);
        assertThat(first.get("details").get("reason").asText()).isEqualTo("Critical vulnerability detected");
        assertThat(first.get("details").get("scanId").asText()).startsWith("scan-");
        assertThat(first.get("count").asLong()).isEqualTo(1);
    }

    @Test
    void listSecurityEvents_filtersBySeverityAndSince() {
        String user = newUser();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        recordAt(now.minus(Duration.ofMinutes(90)), user, "HIGH", "agent-a");
        recordAt(now.minus(Duration.ofMinutes(20)), user, "HIGH", "agent-b");
        recordAt(now.minus(Duration.ofMinutes(10)), user, "LOW", "agent-c");

        JsonNode high = body(list(Events.api("listSecurityEvents").user(user), Map.of("severity", "high")));
        assertThat(times(high)).hasSize(2);
        assertThat(high.get("total").asLong()).isEqualTo(2);
        high.get("events").forEach(e -> assertThat(e.get("severity").asText()).isEqualTo("HIGH"));

        JsonNode recent = body(list(Events.api("listSecurityEvents").user(user), Map.of("since", "1h")));
        assertThat(times(recent)).containsExactly(now.minus(Duration.ofMinutes(10)).toString(),
                now.minus(Duration.ofMinutes(20)).toString());

        JsonNode both = body(list(Events.api("listSecurityEvents").user(user),
                Map.of("since", now.minus(Duration.ofMinutes(20)).toString(), "severity", "HIGH")));
        assertThat(times(both)).containsExactly(now.minus(Duration.ofMinutes(20)).toString());
        assertThat(both.get("total").asLong()).isEqualTo(1);
    }

    @Test
    void listSecurityEvents_pagesWithANextTokenBoundToItsFilters() {
        String user = newUser();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            recordAt(now.minus(Duration.ofMinutes(i)), user, "MEDIUM", "agent-p" + i);
            expected.add(now.minus(Duration.ofMinutes(i)).toString());
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "2"));
            if (token != null) {
                query.put("nextToken", token);
            }
            JsonNode page = body(list(Events.api("listSecurityEvents").user(user), query));
            assertThat(page.get("total").asLong()).isEqualTo(5);
            seen.addAll(times(page));
            token = page.has("nextToken") ? page.get("nextToken").asText() : null;
            pages++;
        } while (token != null && pages < 10);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);

        JsonNode first = body(list(Events.api("listSecurityEvents").user(user), Map.of("limit", "2")));
        String issued = first.get("nextToken").asText();
        assertThat(fields(list(Events.api("listSecurityEvents").user(user),
                Map.of("limit", "2", "severity", "HIGH", "nextToken", issued)))).containsExactly("nextToken");
        assertThat(fields(list(Events.api("listSecurityEvents").user(newUser()),
                Map.of("limit", "2", "nextToken", issued)))).containsExactly("nextToken");
        assertThat(fields(list(Events.api("listSecurityEvents").user(user),
                Map.of("nextToken", "not-a-token")))).containsExactly("nextToken");
    }

    @Test
    void listSecurityEvents_aForgedTokenIntoAnotherOwnersPartitionOrAnotherDayIs400() {
        String victim = newUser();
        String intruder = newUser();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 1; i <= 3; i++) {
            recordAt(now.minus(Duration.ofMinutes(i)), victim, "HIGH", "agent-v" + i);
        }
        // The filter is the intruder's own, the key the victim's partition: before the fix this read the victim's.
        String intoVictim = forged("{\"k\":{\"owner\":\"" + victim + "\",\"eventKey\":\"" + now
                + "#event-0000000000000000\"},\"f\":\"" + intruder + "||\"}");
        ProxyResponse response = list(Events.api("listSecurityEvents").user(intruder), Map.of("nextToken", intoVictim));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(fields(response)).containsExactly("nextToken");
        // An admin's token whose day is not its key's day: DynamoDB refuses the start key, which was a 500.
        String otherDay = forged("{\"k\":{\"owner\":\"" + victim + "\",\"eventKey\":\"" + now
                + "#event-0000000000000000\",\"day\":\"1999-01-01\"},\"f\":\"*||\"}");
        ProxyResponse admin = list(Events.api("listSecurityEvents").admin("admin-forger"),
                Map.of("nextToken", otherDay));
        assertThat(admin.statusCode()).isEqualTo(400);
        assertThat(fields(admin)).containsExactly("nextToken");
    }

    static String forged(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void listSecurityEvents_letsAdminsSeeEveryOwnerAcrossDaysThroughTheDayIndex() {
        String alice = newUser();
        String bob = newUser();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant threeDaysAgo = now.minus(Duration.ofDays(3));
        Instant twoDaysAgo = now.minus(Duration.ofDays(2));
        Instant yesterday = now.minus(Duration.ofDays(1));
        recordAt(threeDaysAgo, alice, "CRITICAL", "agent-x");
        recordAt(twoDaysAgo, bob, "CRITICAL", "agent-y");
        recordAt(yesterday, alice, "CRITICAL", "agent-z");

        List<String> mine = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "1", "severity", "CRITICAL",
                    "since", threeDaysAgo.toString()));
            if (token != null) {
                query.put("nextToken", token);
            }
            JsonNode page = body(list(Events.api("listSecurityEvents").admin(newUser()), query));
            page.get("events").forEach(e -> {
                if (e.get("owner").asText().equals(alice) || e.get("owner").asText().equals(bob)) {
                    mine.add(e.get("owner").asText() + "@" + e.get("timestamp").asText());
                }
            });
            token = page.has("nextToken") ? page.get("nextToken").asText() : null;
            pages++;
        } while (token != null && pages < 200);
        assertThat(mine).containsExactly(alice + "@" + yesterday, bob + "@" + twoDaysAgo, alice + "@" + threeDaysAgo);

        JsonNode bobs = body(list(Events.api("listSecurityEvents").user(bob), Map.of("since", "4d")));
        assertThat(times(bobs)).containsExactly(twoDaysAgo.toString());
    }

    @Test
    void listSecurityEvents_refusesBadParametersNamingThem() {
        String user = newUser();
        assertThat(fields(list(Events.api("listSecurityEvents").user(user), Map.of("severity", "SEVERE"))))
                .containsExactly("severity");
        assertThat(fields(list(Events.api("listSecurityEvents").user(user), Map.of("since", "yesterday"))))
                .containsExactly("since");
        assertThat(fields(list(Events.api("listSecurityEvents").user(user), Map.of("since", "0m"))))
                .containsExactly("since");
        assertThat(fields(list(Events.api("listSecurityEvents").user(user), Map.of("limit", "0"))))
                .containsExactly("limit");
        assertThat(fields(list(Events.api("listSecurityEvents").user(user), Map.of("limit", "101"))))
                .containsExactly("limit");
        assertThat(fields(list(Events.api("listSecurityEvents").user(user), Map.of("limit", "ten"))))
                .containsExactly("limit");
        assertThat(list(Events.api("listSecurityEvents").user(user), Map.of("limit", "100")).statusCode())
                .isEqualTo(200);
    }
}
