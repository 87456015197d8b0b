package io.agentlaunchpad.scan.dynamodb;

import io.agentlaunchpad.scan.ScanSightings;
import io.agentlaunchpad.identity.UserIds;
import io.agentlaunchpad.tables.Table;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.agentlaunchpad.tables.Attributes.n;
import static io.agentlaunchpad.tables.Attributes.s;

/**
 * Adapter: one item per findings id in the counters table (which every route may write), {@code at} set only by the
 * first writer, so concurrent first reads agree. Kept well past ECR's 24 h rescan window, then expired by TTL.
 */
@ApplicationScoped
public class DynamoScanSightings implements ScanSightings {

    static final Duration KEEP = Duration.ofDays(30);

    private final Table counters;

    @Inject
    public DynamoScanSightings(TableSet tables) {
        this.counters = tables.table(Tables.COUNTERS);
    }

    @Override
    public Instant firstSeen(String findingsId, Instant now) {
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        Map<String, AttributeValue> item = counters.dynamo().updateItem(b -> b.tableName(counters.name())
                .key(Map.of("counterKey", s("scan-seen#" + UserIds.sha256(findingsId).substring(0, 32))))
                .updateExpression("SET #at = if_not_exists(#at, :at), #exp = if_not_exists(#exp, :exp)")
                .expressionAttributeNames(Map.of("#at", "at", "#exp", "expiresAt"))
                .expressionAttributeValues(Map.of(":at", s(second.toString()),
                        ":exp", n(second.plus(KEEP).getEpochSecond())))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        return Instant.parse(item.get("at").s());
    }
}
