package io.agentlaunchpad.identity.dynamodb;

import io.agentlaunchpad.identity.IdentityLink;
import io.agentlaunchpad.identity.IdentityLinkStore;
import io.agentlaunchpad.identity.User;
import io.agentlaunchpad.tables.Table;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.agentlaunchpad.tables.Attributes.bool;
import static io.agentlaunchpad.tables.Attributes.s;
import static io.agentlaunchpad.tables.Attributes.text;

/**
 * Adapter: a link is a few attributes of the identity's own item in the users table ({@code linkedTo},
 * {@code linkedUsername}, {@code linkIssuer}, {@code linkSubject}, {@code linkedAt}, {@code linkedBy}). Listing scans
 * the table for them: an admin's rare call over one item per user, which keeps the authorizer's hot path at the one
 * GetItem it already makes (a sparse index would make the listing a Query if users ever number in the millions).
 */
@ApplicationScoped
public class DynamoIdentityLinkStore implements IdentityLinkStore {

    private static final String LINK_ATTRIBUTES = "userId, linkedTo, linkedUsername, linkIssuer, linkSubject, "
            + "linkedAt, linkedBy";

    private final Table users;

    @Inject
    public DynamoIdentityLinkStore(TableSet tables) {
        this.users = tables.table(Tables.USERS);
    }

    @Override
    public boolean link(IdentityLink link, User firstSeen) {
        // One conditional write: it makes the identity's record when absent (if_not_exists keeps a seen one's fields)
        // and refuses when a link is already there, so two admins linking at once end with one link.
        return Table.unlessRefused(() -> users.dynamo().updateItem(UpdateItemRequest.builder().tableName(users.name())
                .key(Map.of("userId", s(link.identityUserId())))
                .updateExpression("SET linkedTo = :to, linkedUsername = :name, linkIssuer = :iss, "
                        + "linkSubject = :sub, linkedAt = :at, linkedBy = :by, "
                        + "username = if_not_exists(username, :own), #role = if_not_exists(#role, :role), "
                        + "createdAt = if_not_exists(createdAt, :at), "
                        + "emailNotifications = if_not_exists(emailNotifications, :off), "
                        + "slackNotifications = if_not_exists(slackNotifications, :off)")
                .conditionExpression("attribute_not_exists(linkedTo)")
                .expressionAttributeNames(Map.of("#role", "role"))
                .expressionAttributeValues(Map.of(":to", s(link.userId()), ":name", s(link.username()),
                        ":iss", s(link.issuer()), ":sub", s(link.subject()), ":at", s(link.linkedAt().toString()),
                        ":by", s(link.linkedBy()), ":own", s(firstSeen.username()),
                        ":role", s(firstSeen.role().name()), ":off", bool(false)))
                .build()));
    }

    @Override
    public Optional<IdentityLink> unlink(String identityUserId) {
        try {
            Map<String, AttributeValue> old = users.dynamo().updateItem(UpdateItemRequest.builder()
                    .tableName(users.name())
                    .key(Map.of("userId", s(identityUserId)))
                    .updateExpression("REMOVE linkedTo, linkedUsername, linkIssuer, linkSubject, linkedAt, linkedBy")
                    .conditionExpression("attribute_exists(linkedTo)")
                    .returnValues(ReturnValue.ALL_OLD).build()).attributes();
            return Optional.of(fromItem(old));
        } catch (ConditionalCheckFailedException notLinked) {
            return Optional.empty();
        }
    }

    @Override
    public Page page(int limit, String afterIdentityUserId) {
        List<IdentityLink> links = new ArrayList<>();
        Map<String, AttributeValue> start = afterIdentityUserId == null ? null
                : Map.of("userId", s(afterIdentityUserId));
        while (true) {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(users.name()).consistentRead(true)
                    .filterExpression("attribute_exists(linkedTo)").projectionExpression(LINK_ATTRIBUTES);
            if (start != null) {
                scan.exclusiveStartKey(start);
            }
            ScanResponse response = users.dynamo().scan(scan.build());
            Map<String, AttributeValue> next = Table.nextStart(response.lastEvaluatedKey());
            boolean more = next != null;
            List<Map<String, AttributeValue>> items = response.items();
            for (int i = 0; i < items.size(); i++) {
                links.add(fromItem(items.get(i)));
                if (links.size() == limit) {
                    boolean last = i == items.size() - 1 && !more;
                    return new Page(links, last ? null : links.get(limit - 1).identityUserId());
                }
            }
            if (!more) {
                return new Page(links, null);
            }
            start = next;
        }
    }

    private static IdentityLink fromItem(Map<String, AttributeValue> item) {
        return new IdentityLink(text(item, "userId"), text(item, "linkIssuer"), text(item, "linkSubject"),
                text(item, "linkedTo"), text(item, "linkedUsername"), Instant.parse(text(item, "linkedAt")),
                text(item, "linkedBy"));
    }
}
