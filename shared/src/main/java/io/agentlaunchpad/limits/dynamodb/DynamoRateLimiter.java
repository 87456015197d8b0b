package io.agentlaunchpad.limits.dynamodb;

import io.agentlaunchpad.limits.Limits;
import io.agentlaunchpad.limits.RateDecision;
import io.agentlaunchpad.limits.RateLimiter;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.tables.Table;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.agentlaunchpad.tables.Attributes.bool;
import static io.agentlaunchpad.tables.Attributes.flag;
import static io.agentlaunchpad.tables.Attributes.n;
import static io.agentlaunchpad.tables.Attributes.number;
import static io.agentlaunchpad.tables.Attributes.s;

/**
 * Fixed windows in one counters item per key and one per user (a key's request counts in both, the key's first): {@code wStart/wCount} (15 minutes) and {@code bStart/bCount}
 * (1 minute). The usual request is a single conditional UpdateItem (both windows current, both under their limit,
 * key not revoked); when a window has rolled over, one more conditional write resets it first. A refused request
 * writes nothing.
 */
@ApplicationScoped
public class DynamoRateLimiter implements RateLimiter {

    private static final int ATTEMPTS = 6;

    private final Table counters;
    private final Limits limits;
    private final Clock clock;

    @Inject
    public DynamoRateLimiter(DynamoDbClient dynamo, LaunchpadConfig config, Limits limits, Clock clock) {
        this.counters = TableSet.of(dynamo, config).table(Tables.COUNTERS);
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public RateDecision acquire(Principal caller) {
        Limits.Rate rate = limits.rate(Role.parse(caller.role()).orElse(Role.VIEWER));
        // The user's windows bound all their keys together: minting more keys buys no more requests. The key's go
        // first, so a revoked key is refused without spending its owner's windows.
        RateDecision perKey = caller.keyId() == null ? null : count(key("key#" + caller.keyId()), rate);
        if (perKey != null && perKey.outcome() != RateDecision.Outcome.ALLOWED) {
            return perKey;
        }
        RateDecision user = count(key("user#" + caller.userId()), rate);
        if (perKey == null || user.outcome() != RateDecision.Outcome.ALLOWED) {
            return user;
        }
        return perKey.remaining() <= user.remaining() ? perKey : user;
    }

    private RateDecision count(Map<String, AttributeValue> key, Limits.Rate rate) {
        long now = clock.instant().getEpochSecond();
        long w = now / rate.windowSeconds() * rate.windowSeconds();
        long b = now / rate.burstWindowSeconds() * rate.burstWindowSeconds();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                Map<String, AttributeValue> counted = counters.dynamo().updateItem(UpdateItemRequest.builder()
                        .tableName(counters.name())
                        .key(key)
                        .updateExpression("ADD wCount :one, bCount :one")
                        .conditionExpression("attribute_not_exists(revoked) AND wStart = :w AND bStart = :b"
                                + " AND wCount < :wl AND bCount < :bl")
                        .expressionAttributeValues(Map.of(":one", n(1), ":w", n(w), ":b", n(b),
                                ":wl", n(rate.windowLimit()), ":bl", n(rate.burstLimit())))
                        .returnValues(ReturnValue.ALL_NEW).build()).attributes();
                return allowed(rate, w, b, number(counted, "wCount", 0), number(counted, "bCount", 0));
            } catch (ConditionalCheckFailedException refused) {
                Map<String, AttributeValue> item = counters.find(key).orElse(null);
                if (item != null && flag(item, "revoked")) {
                    return new RateDecision(RateDecision.Outcome.REVOKED, rate.windowLimit(), 0, w + rate.windowSeconds(), 0);
                }
                boolean wCurrent = item != null && number(item, "wStart", -1) == w;
                boolean bCurrent = item != null && number(item, "bStart", -1) == b;
                if (wCurrent && bCurrent) {
                    long wCount = number(item, "wCount", 0);
                    if (wCount >= rate.windowLimit()) {
                        long reset = w + rate.windowSeconds();
                        return new RateDecision(RateDecision.Outcome.LIMITED, rate.windowLimit(), 0, reset,
                                Math.max(1, reset - now));
                    }
                    if (number(item, "bCount", 0) >= rate.burstLimit()) {
                        long reset = b + rate.burstWindowSeconds();
                        return new RateDecision(RateDecision.Outcome.LIMITED, rate.burstLimit(), 0, reset,
                                Math.max(1, reset - now));
                    }
                    continue; // counted by others between our two reads: try again
                }
                roll(key, item, w, b, wCurrent, bCurrent, rate);
            }
        }
        throw new IllegalStateException("rate-limit counter is too contended");
    }

    /** Starts the windows that have rolled over, unless another request just did. */
    private void roll(Map<String, AttributeValue> key, Map<String, AttributeValue> item, long w, long b,
                      boolean wCurrent, boolean bCurrent, Limits.Rate rate) {
        List<String> sets = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":zero", n(0));
        values.put(":exp", n(w + 2L * rate.windowSeconds()));
        sets.add("expiresAt = :exp");
        conditions.add("attribute_not_exists(revoked)");
        if (!wCurrent) {
            sets.add("wStart = :w");
            sets.add("wCount = :zero");
            values.put(":w", n(w));
            conditions.add(previous(item, "wStart", ":ow", values));
        }
        if (!bCurrent) {
            sets.add("bStart = :b");
            sets.add("bCount = :zero");
            values.put(":b", n(b));
            conditions.add(previous(item, "bStart", ":ob", values));
        }
        try {
            counters.dynamo().updateItem(UpdateItemRequest.builder().tableName(counters.name()).key(key)
                    .updateExpression("SET " + String.join(", ", sets))
                    .conditionExpression(String.join(" AND ", conditions))
                    .expressionAttributeValues(values).build());
        } catch (ConditionalCheckFailedException anotherRequestRolledIt) {
            // read again on the next attempt
        }
    }

    private static String previous(Map<String, AttributeValue> item, String attribute, String placeholder,
                                   Map<String, AttributeValue> values) {
        if (item == null || !item.containsKey(attribute)) {
            return "attribute_not_exists(" + attribute + ")";
        }
        values.put(placeholder, item.get(attribute));
        return attribute + " = " + placeholder;
    }

    private static RateDecision allowed(Limits.Rate rate, long w, long b, long wCount, long bCount) {
        long wLeft = rate.windowLimit() - wCount;
        long bLeft = rate.burstLimit() - bCount;
        if (bLeft < wLeft) {
            return new RateDecision(RateDecision.Outcome.ALLOWED, rate.burstLimit(), bLeft, b + rate.burstWindowSeconds(), 0);
        }
        return new RateDecision(RateDecision.Outcome.ALLOWED, rate.windowLimit(), wLeft, w + rate.windowSeconds(), 0);
    }

    @Override
    public void revoke(String keyId) {
        counters.dynamo().updateItem(UpdateItemRequest.builder().tableName(counters.name()).key(key("key#" + keyId))
                .updateExpression("SET revoked = :t REMOVE expiresAt").expressionAttributeValues(Map.of(":t", bool(true))).build());
    }

    private static Map<String, AttributeValue> key(String subject) {
        return Map.of("counterKey", s("rate#" + subject));
    }
}
