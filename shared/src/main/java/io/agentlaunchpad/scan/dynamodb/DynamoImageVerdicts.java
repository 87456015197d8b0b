package io.agentlaunchpad.scan.dynamodb;

import io.agentlaunchpad.scan.ImageVerdict;
import io.agentlaunchpad.scan.ImageVerdicts;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Adapter: one item per catalogue image, the latest decision wins (a newer digest under the tag replaces it). */
@ApplicationScoped
public class DynamoImageVerdicts implements ImageVerdicts {

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoImageVerdicts(DynamoDbClient dynamo, LaunchpadConfig config) {
        this(dynamo, Tables.IMAGE_VERDICTS.tableName(config.tables().prefix()));
    }

    public DynamoImageVerdicts(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void record(ImageVerdict verdict) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("image", s(verdict.image()));
        item.put("digest", s(verdict.digest()));
        item.put("blocked", AttributeValue.builder().bool(verdict.blocked()).build());
        if (verdict.scanId() != null) {
            item.put("scanId", s(verdict.scanId()));
        }
        if (verdict.reason() != null) {
            item.put("reason", s(verdict.reason()));
        }
        item.put("decidedAt", s(verdict.decidedAt()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Optional<ImageVerdict> find(String image) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("image", s(image))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ImageVerdict(item.get("image").s(), item.get("digest").s(),
                Boolean.TRUE.equals(item.get("blocked").bool()), text(item, "scanId"), text(item, "reason"),
                item.get("decidedAt").s()));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? item.get(name).s() : null;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
