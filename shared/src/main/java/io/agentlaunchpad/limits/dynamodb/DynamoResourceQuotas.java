package io.agentlaunchpad.limits.dynamodb;

import io.agentlaunchpad.limits.Limits;
import io.agentlaunchpad.limits.ResourceQuotas;
import io.agentlaunchpad.limits.Usage;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.tables.Table;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.agentlaunchpad.tables.Attributes.n;
import static io.agentlaunchpad.tables.Attributes.number;
import static io.agentlaunchpad.tables.Attributes.s;

/**
 * Adapter: one usage item per user in the counters table, changed only by {@code ADD} under a condition per
 * increased dimension ({@code used <= limit - delta}; DynamoDB conditions cannot add), so the check and the change
 * are one atomic write.
 */
@ApplicationScoped
public class DynamoResourceQuotas implements ResourceQuotas {

    private static final String[] DIMENSIONS = {"agents", "milliCpu", "memoryBytes"};

    private final Table counters;
    private final Limits limits;

    @Inject
    public DynamoResourceQuotas(TableSet tables, Limits limits) {
        this.counters = tables.table(Tables.COUNTERS);
        this.limits = limits;
    }

    @Override
    public void reserve(String owner, Role role, Usage delta, int replicasPerAgent) {
        Limits.Quota quota = limits.quota(role);
        if (replicasPerAgent > quota.replicasPerAgent()) {
            throw exceeded("replicasPerAgent", quota.replicasPerAgent(), replicasPerAgent, replicasPerAgent);
        }
        if (delta.isZero()) {
            return;
        }
        long[] deltas = {delta.agents(), delta.milliCpu(), delta.memoryBytes()};
        long[] maxima = {quota.agents(), quota.milliCpu(), quota.memoryBytes()};
        List<String> conditions = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        for (int i = 0; i < DIMENSIONS.length; i++) {
            values.put(":d" + i, n(deltas[i]));
            if (deltas[i] > 0) {
                long room = maxima[i] - deltas[i];
                if (room < 0) {
                    throw exceeded(DIMENSIONS[i], maxima[i], usage(owner, i), deltas[i]);
                }
                conditions.add("(attribute_not_exists(" + DIMENSIONS[i] + ") OR " + DIMENSIONS[i] + " <= :m" + i + ")");
                values.put(":m" + i, n(room));
            }
        }
        UpdateItemRequest.Builder request = UpdateItemRequest.builder().tableName(counters.name()).key(key(owner))
                .updateExpression("ADD agents :d0, milliCpu :d1, memoryBytes :d2")
                .expressionAttributeValues(values);
        if (!conditions.isEmpty()) {
            request.conditionExpression(String.join(" AND ", conditions));
        }
        try {
            counters.dynamo().updateItem(request.build());
        } catch (ConditionalCheckFailedException full) {
            Usage used = usage(owner);
            long[] current = {used.agents(), used.milliCpu(), used.memoryBytes()};
            for (int i = 0; i < DIMENSIONS.length; i++) {
                if (deltas[i] > 0 && current[i] + deltas[i] > maxima[i]) {
                    throw exceeded(DIMENSIONS[i], maxima[i], current[i], deltas[i]);
                }
            }
            // the usage fell back between our write and our read: one more try decides
            reserve(owner, role, delta, replicasPerAgent);
        }
    }

    @Override
    public void release(String owner, Usage delta) {
        if (delta.isZero()) {
            return;
        }
        Usage back = delta.negate();
        counters.dynamo().updateItem(UpdateItemRequest.builder().tableName(counters.name()).key(key(owner))
                .updateExpression("ADD agents :a, milliCpu :c, memoryBytes :m")
                .expressionAttributeValues(Map.of(":a", n(back.agents()), ":c", n(back.milliCpu()),
                        ":m", n(back.memoryBytes()))).build());
    }

    @Override
    public Usage usage(String owner) {
        return counters.find(key(owner)).map(item -> new Usage(number(item, "agents", 0),
                number(item, "milliCpu", 0), number(item, "memoryBytes", 0))).orElse(Usage.NONE);
    }

    private long usage(String owner, int dimension) {
        Usage used = usage(owner);
        return new long[]{used.agents(), used.milliCpu(), used.memoryBytes()}[dimension];
    }

    private static ApiException exceeded(String quota, long limit, long current, long requested) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("quota", quota);
        details.put("limit", limit);
        details.put("current", current);
        details.put("requested", requested);
        return new ApiException(ErrorCode.RESOURCE_LIMIT_EXCEEDED,
                "Quota '" + quota + "' exceeded: limit " + limit + ", in use " + current + ", requested " + requested,
                details);
    }

    private static Map<String, AttributeValue> key(String owner) {
        return Map.of("counterKey", s("usage#" + owner));
    }
}
