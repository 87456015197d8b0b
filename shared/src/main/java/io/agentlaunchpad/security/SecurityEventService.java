package io.agentlaunchpad.security;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.core.type.TypeReference;
import io.agentlaunchpad.http.ApiException;
import io.agentlaunchpad.http.Principal;
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

import static io.agentlaunchpad.http.HttpPipeline.timestamp;

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
        Map<String, String> after = nextToken == null || nextToken.isEmpty() ? null : decode(nextToken, filter);
        SecurityEventPage page = events.page(owner, severity, since, limit, after);
        List<EventView> views = page.events().stream().map(e -> new EventView(e.id(), e.type(), e.severity(),
                e.agentId(), e.owner(), e.message(), timestamp(e.timestamp()), e.details(), e.count())).toList();
        return new Listing(views, events.count(owner, severity, since), limit,
                page.last() == null ? null : encode(page.last(), filter));
    }

    static String encode(Map<String, String> last, String filter) {
        String json = Json.write(new Token(last, filter));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> decode(String token, String filter) {
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
        return new java.util.HashMap<>(decoded.k());
    }
}
