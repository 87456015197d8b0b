package io.agentlaunchpad.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.idempotency.IdempotencyRecord;
import io.agentlaunchpad.idempotency.IdempotencyStore;
import io.agentlaunchpad.json.Json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} protocol around a create, apart from the create itself (as Powertools keeps its
 * idempotency handler apart from the persistence): claim the key with a hash of the body, replay a finished answer,
 * resume under the first attempt's id when that attempt stopped part-way, and keep the answer once there is one.
 */
public final class IdempotentCreate {

    private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9_\\-:.]{1,255}$");

    /** What the create does under a claimed id; {@code mayExist}: a first attempt may already have stored it. */
    @FunctionalInterface
    public interface Work {
        AgentViews.Created create(String agentId, boolean mayExist);
    }

    private final IdempotencyStore store;
    private final Duration ttl;
    private final Clock clock;

    public IdempotentCreate(IdempotencyStore store, Duration ttl, Clock clock) {
        this.store = store;
        this.ttl = ttl;
        this.clock = clock;
    }

    public AgentService.CreateResult run(String userId, String idempotencyKey, JsonNode body, String proposedId, Work work) {
        if (idempotencyKey == null) {
            return new AgentService.CreateResult(work.create(proposedId, false), false);
        }
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw ApiException.validation("Idempotency-Key", "must be 1 to 255 characters of letters, digits and - _ : .");
        }
        String claimKey = userId + "#" + idempotencyKey;
        String hash = sha256(Json.canonical(body));
        String agentId = proposedId;
        Optional<IdempotencyRecord> earlier = store.claim(new IdempotencyRecord(claimKey, hash, proposedId, null, null,
                clock.instant().plus(ttl)));
        if (earlier.isPresent()) {
            if (!earlier.get().requestHash().equals(hash)) {
                throw new ApiException(ErrorCode.CONFLICT, "Idempotency-Key '" + idempotencyKey
                        + "' was already used with a different request body");
            }
            if (earlier.get().finished()) {
                return new AgentService.CreateResult(Json.read(earlier.get().response(), AgentViews.Created.class), true);
            }
            // The first attempt stopped part-way: finish it under the id it chose.
            agentId = earlier.get().resourceId();
        }
        AgentViews.Created view = work.create(agentId, true);
        store.finish(claimKey, 202, Json.write(view));
        return new AgentService.CreateResult(view, false);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
