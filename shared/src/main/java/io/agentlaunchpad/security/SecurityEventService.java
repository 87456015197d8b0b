package io.agentlaunchpad.security;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.core.type.TypeReference;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.time.Since;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.agentlaunchpad.time.Timestamps.timestamp;

/**
 * {@code GET /api/security/events}: admins see every owner's events (the {@code byDay} index), everyone else the
 * events of their own agents and keys (their partition). Newest first; {@code nextToken} is bound to the filters.
 */
@ApplicationScoped
public class SecurityEventService {

    public static final List<String> SEVERITIES = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
    public static final int MAX_LIMIT = 100;

    /** One event as listed: the seed's fields, plus its owner and how many occurrences it stands for. */
    @RegisterForReflection
    public record EventView(String id, String type, String severity, String agentId, String owner, String message,
                            String timestamp, Map<String, Object> details, long count) {
    }

    @RegisterForReflection
    public record Listing(List<EventView> events, long total, int limit, String nextToken) {
    }

    @RegisterForReflection
    record Token(Map<String, String> k, String f) {
    }

    private final SecurityEvents events;
    private final Clock clock;

    public SecurityEventService(SecurityEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    public Listing list(Principal caller, int limit, String severityParam, String sinceParam, String nextToken) {
        String severity = null;
        if (severityParam != null && !severityParam.isEmpty()) {
            severity = severityParam.trim().toUpperCase(Locale.ROOT);
            if (!SEVERITIES.contains(severity)) {
                throw ApiException.validation("severity", "must be one of " + SEVERITIES);
            }
        }
        Instant since = Since.parse("since", sinceParam, clock.instant());
        if (since != null) {
            // event times have second precision: an event in the second 'since' falls in is not older than it
            since = since.getNano() == 0 ? since : since.plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        }
        String owner = caller.isAdmin() ? null : caller.userId();
        String filter = (owner == null ? "*" : owner) + "|" + Objects.toString(severity, "") + "|"
                + Objects.toString(since, "");
        Map<String, String> after = nextToken == null || nextToken.isEmpty() ? null : decode(nextToken, filter, owner);
        SecurityEventPage page;
        try {
            page = events.page(owner, severity, since, limit, after);
        } catch (IllegalArgumentException e) {
            // DynamoDB refused the start key (e.g. not a key of the day it queries): a token it did not issue.
            throw ApiException.validation("nextToken", "is not a token this API issued");
        }
        List<EventView> views = page.events().stream().map(e -> new EventView(e.id(), e.type(), e.severity(),
                e.agentId(), e.owner(), e.message(), timestamp(e.timestamp()), e.details(), e.count())).toList();
        return new Listing(views, events.count(owner, severity, since), limit,
                page.last() == null ? null : encode(page.last(), filter));
    }

    static String encode(Map<String, String> last, String filter) {
        String json = Json.write(new Token(last, filter));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final java.util.regex.Pattern EVENT_KEY =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]{1,20}Z#[A-Za-z0-9_-]{1,100}");

    /** @param owner the caller's partition, null for an admin's listing of every owner */
    static Map<String, String> decode(String token, String filter, String owner) {
        Token decoded;
        try {
            decoded = Json.MAPPER.readValue(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8),
                    new TypeReference<Token>() {
                    });
        } catch (Exception e) {
            throw ApiException.validation("nextToken", "is not a token this API issued");
        }
        if (decoded == null || decoded.k() == null || decoded.k().get("eventKey") == null
                || decoded.k().get("owner") == null) {
            throw ApiException.validation("nextToken", "is not a token this API issued");
        }
        if (!Objects.equals(decoded.f(), filter)) {
            throw ApiException.validation("nextToken", "belongs to a listing with other filters (severity, since)");
        }
        // The filter is in the token in clear: a forged one may carry the right filter and another owner's key.
        String eventKey = decoded.k().get("eventKey");
        String day = decoded.k().get("day");
        if (!Set.of("owner", "eventKey", "day").containsAll(decoded.k().keySet())
                || (owner != null && !owner.equals(decoded.k().get("owner")))
                || !EVENT_KEY.matcher(eventKey).matches() || (day != null && !eventKey.startsWith(day + "T"))) {
            throw ApiException.validation("nextToken", "is not a token this API issued");
        }
        return new java.util.HashMap<>(decoded.k());
    }
}
