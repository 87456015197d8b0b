package io.agentlaunchpad.scan.dynamodb;

import io.agentlaunchpad.scan.ImageVerdict;
import io.agentlaunchpad.scan.ImageVerdicts;
import io.agentlaunchpad.tables.Table;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.agentlaunchpad.tables.Attributes.bool;
import static io.agentlaunchpad.tables.Attributes.flag;
import static io.agentlaunchpad.tables.Attributes.s;
import static io.agentlaunchpad.tables.Attributes.text;

/** Adapter: one item per catalogue image, the latest decision wins (a newer digest under the tag replaces it). */
@ApplicationScoped
public class DynamoImageVerdicts implements ImageVerdicts {

    private final Table table;

    @Inject
    public DynamoImageVerdicts(TableSet tables) {
        this.table = tables.table(Tables.IMAGE_VERDICTS);
    }

    @Override
    public void record(ImageVerdict verdict) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("image", s(verdict.image()));
        item.put("digest", s(verdict.digest()));
        item.put("blocked", bool(verdict.blocked()));
        if (verdict.scanId() != null) {
            item.put("scanId", s(verdict.scanId()));
        }
        if (verdict.reason() != null) {
            item.put("reason", s(verdict.reason()));
        }
        item.put("decidedAt", s(verdict.decidedAt()));
        table.dynamo().putItem(b -> b.tableName(table.name()).item(item));
    }

    @Override
    public Optional<ImageVerdict> find(String image) {
        return table.find(Map.of("image", s(image))).map(item -> new ImageVerdict(text(item, "image"),
                text(item, "digest"), flag(item, "blocked"), text(item, "scanId"), text(item, "reason"),
                text(item, "decidedAt")));
    }
}
