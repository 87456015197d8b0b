package io.agentlaunchpad.identity.dynamodb;

import io.agentlaunchpad.identity.User;
import io.agentlaunchpad.identity.UserStore;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.agentlaunchpad.tables.Attributes.bool;
import static io.agentlaunchpad.tables.Attributes.flag;
import static io.agentlaunchpad.tables.Attributes.s;
import static io.agentlaunchpad.tables.Attributes.text;

/** Adapter: users in DynamoDB, one item each, created with {@code attribute_not_exists}. */
@ApplicationScoped
public class DynamoUserStore implements UserStore {

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoUserStore(DynamoDbClient dynamo, LaunchpadConfig config) {
        this.dynamo = dynamo;
        this.table = Tables.USERS.tableName(config.tables().prefix());
    }

    @Override
    public Optional<User> find(String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(Map.of("userId", s(userId))).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public User createIfAbsent(User user) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("userId", s(user.userId()));
        item.put("username", s(user.username()));
        if (user.email() != null) {
            item.put("email", s(user.email()));
        }
        item.put("role", s(user.role().name()));
        item.put("emailNotifications", bool(user.emailNotifications()));
        item.put("slackNotifications", bool(user.slackNotifications()));
        item.put("createdAt", s(user.createdAt().toString()));
        if (user.lastLogin() != null) {
            item.put("lastLogin", s(user.lastLogin().toString()));
        }
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(userId)").build());
            return user;
        } catch (ConditionalCheckFailedException exists) {
            return find(user.userId()).orElse(user);
        }
    }

    @Override
    public void updateContact(String userId, String email, Boolean emailNotifications, Boolean slackNotifications) {
        List<String> sets = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        if (email != null) {
            sets.add("email = :email");
            values.put(":email", s(email));
        }
        if (emailNotifications != null) {
            sets.add("emailNotifications = :en");
            values.put(":en", bool(emailNotifications));
        }
        if (slackNotifications != null) {
            sets.add("slackNotifications = :sn");
            values.put(":sn", bool(slackNotifications));
        }
        if (sets.isEmpty()) {
            return;
        }
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(Map.of("userId", s(userId)))
                .updateExpression("SET " + String.join(", ", sets))
                .conditionExpression("attribute_exists(userId)")
                .expressionAttributeValues(values).build());
    }

    @Override
    public void touchLogin(String userId, Instant when) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(Map.of("userId", s(userId)))
                    .updateExpression("SET lastLogin = :t")
                    .conditionExpression("attribute_exists(userId)")
                    .expressionAttributeValues(Map.of(":t", s(when.toString()))).build());
        } catch (ConditionalCheckFailedException gone) {
            // a key whose user record is missing: nothing to touch
        }
    }

    @Override
    public Optional<String> usageKey(String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(Map.of("userId", s(userId))).projectionExpression("usageKey").consistentRead(true).build()).item();
        return Optional.ofNullable(item == null ? null : text(item, "usageKey"));
    }

    @Override
    public boolean claimUsageKey(String userId, String key, Instant now, Instant staleBefore) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(Map.of("userId", s(userId)))
                    .updateExpression("SET usageKeyClaim = :k, usageKeyClaimedAt = :now")
                    .conditionExpression("attribute_exists(userId) AND (attribute_not_exists(usageKeyClaimedAt)"
                            + " OR usageKeyClaimedAt < :stale OR usageKeyClaim <> :k)")
                    .expressionAttributeValues(Map.of(":k", s(key), ":now", s(now.toString()),
                            ":stale", s(staleBefore.toString()))).build());
            return true;
        } catch (ConditionalCheckFailedException heldElsewhere) {
            return false;
        }
    }

    @Override
    public void recordUsageKey(String userId, String key) {
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(Map.of("userId", s(userId)))
                .updateExpression("SET usageKey = :k REMOVE usageKeyClaim, usageKeyClaimedAt")
                .conditionExpression("attribute_exists(userId)")
                .expressionAttributeValues(Map.of(":k", s(key))).build());
    }

    private static User fromItem(Map<String, AttributeValue> item) {
        String lastLogin = text(item, "lastLogin");
        return new User(text(item, "userId"), text(item, "username"), text(item, "email"),
                Role.parse(text(item, "role")).orElse(Role.VIEWER), flag(item, "emailNotifications"),
                flag(item, "slackNotifications"), Instant.parse(text(item, "createdAt")),
                lastLogin == null ? null : Instant.parse(lastLogin), text(item, "linkedTo"),
                text(item, "linkedUsername"));
    }
}
