package io.agentlaunchpad.agents;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * {@code nextToken}: an opaque, URL-safe encoding of where a page ended, bound to the filters of the listing it
 * came from so it cannot be replayed against another one.
 */
final class AgentPageTokens {

    @io.quarkus.runtime.annotations.RegisterForReflection
    record Token(Map<String, String> k, int p, String f) {
    }

    private AgentPageTokens() {
    }

    static String encode(AgentCursor cursor, String owner, AgentStatus status) {
        if (cursor == null) {
            return null;
        }
        String json = Json.write(new Token(cursor.lastKey(), cursor.position(), filter(owner, status)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static AgentCursor decode(String token, String owner, AgentStatus status) {
        Token decoded;
        try {
            String json = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            decoded = Json.MAPPER.readValue(json, new TypeReference<Token>() {
            });
        } catch (Exception e) {
            throw ApiException.validation("nextToken", "is not a token this API issued");
        }
        if (decoded == null || decoded.k() == null || decoded.p() < 0) {
            throw ApiException.validation("nextToken", "is not a token this API issued");
        }
        if (!Objects.equals(decoded.f(), filter(owner, status))) {
            throw ApiException.validation("nextToken", "belongs to a listing with other filters (owner, status)");
        }
        return new AgentCursor(decoded.k(), decoded.p());
    }

    private static String filter(String owner, AgentStatus status) {
        return (owner == null ? "" : owner) + "|" + (status == null ? "" : status.name());
    }
}
