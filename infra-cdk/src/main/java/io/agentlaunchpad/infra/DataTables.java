package io.agentlaunchpad.infra;

import io.agentlaunchpad.tables.IndexDefinition;
import io.agentlaunchpad.tables.KeyAttribute;
import io.agentlaunchpad.tables.TableDefinition;
import io.agentlaunchpad.tables.Tables;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every table of {@link Tables}, with the keys and indexes the code uses: nothing here is a second copy. Deletion
 * protection is on except for an ephemeral stage, whose tables go with the stack.
 */
public final class DataTables extends Construct {

    private final Map<String, Table> tables = new LinkedHashMap<>();

    public DataTables(Construct scope, String id, String prefix, boolean deletionProtection) {
        super(scope, id);
        for (TableDefinition definition : Tables.ALL) {
            Table.Builder builder = Table.Builder.create(this, definition.baseName())
                    .tableName(definition.tableName(prefix))
                    .partitionKey(attribute(definition.partitionKey()))
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .encryption(TableEncryption.AWS_MANAGED)
                    .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                            .pointInTimeRecoveryEnabled(true).build())
                    .deletionProtection(deletionProtection)
                    .removalPolicy(RemovalPolicy.RETAIN);
            if (definition.sortKey() != null) {
                builder.sortKey(attribute(definition.sortKey()));
            }
            if (definition.ttlAttribute() != null) {
                builder.timeToLiveAttribute(definition.ttlAttribute());
            }
            Table table = builder.build();
            for (IndexDefinition index : definition.indexes()) {
                GlobalSecondaryIndexProps.Builder gsi = GlobalSecondaryIndexProps.builder()
                        .indexName(index.name())
                        .partitionKey(attribute(index.partitionKey()));
                if (index.sortKey() != null) {
                    gsi.sortKey(attribute(index.sortKey()));
                }
                if (index.projectedAttributes() == null) {
                    gsi.projectionType(ProjectionType.ALL);
                } else {
                    gsi.projectionType(ProjectionType.INCLUDE).nonKeyAttributes(index.projectedAttributes());
                }
                table.addGlobalSecondaryIndex(gsi.build());
            }
            tables.put(definition.baseName(), table);
        }
    }

    public Map<String, Table> all() {
        return tables;
    }

    public Table table(TableDefinition definition) {
        return tables.get(definition.baseName());
    }

    private static Attribute attribute(KeyAttribute key) {
        return Attribute.builder().name(key.name()).type(switch (key.type()) {
            case S -> AttributeType.STRING;
            case N -> AttributeType.NUMBER;
            case B -> AttributeType.BINARY;
            default -> throw new IllegalArgumentException("unsupported key type " + key.type());
        }).build();
    }
}
