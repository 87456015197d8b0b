package io.agentlaunchpad.aws;

import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.tables.TableDefinition;
import io.agentlaunchpad.tables.Tables;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Map;

import static io.agentlaunchpad.tables.Attributes.s;

/**
 * SnapStart priming: before Lambda snapshots a JVM function (the CRaC {@code beforeCheckpoint} hook, which the
 * SnapStart runtime calls on the resources registered with the global context), one cheap DynamoDB call: a GetItem of
 * a key no item has, in a table the function may read ({@code launchpad.snapstart.priming-table}: the authorizer
 * reads {@code apiKeys}, the others {@code agents}). The SDK's first-request classes (marshalling, signing, the HTTP client, endpoint rules) then
 * load and initialise into the snapshot instead of on the first request after a restore. Without a checkpoint (native,
 * the local platform, a JVM without CRaC) the hook never runs; {@code launchpad.snapstart.prime-at-start} makes the
 * same call at start-up instead, which is how the cold-start bench shows the init/invoke split with priming.
 */
@ApplicationScoped
public class SnapStartPriming implements Resource {

    private static final JsonLog LOG = JsonLog.of("snapstart");

    private final DynamoDbClient dynamo;
    private final LaunchpadConfig config;

    public SnapStartPriming(DynamoDbClient dynamo, LaunchpadConfig config) {
        this.dynamo = dynamo;
        this.config = config;
    }

    void register(@Observes StartupEvent started) {
        if (!config.snapstart().priming()) {
            return;
        }
        // The global context holds its resources weakly: this bean (application scoped) keeps itself alive.
        Core.getGlobalContext().register(this);
        if (config.snapstart().primeAtStart()) {
            prime();
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // A connection the priming call left open may be stale after a restore: the SDK retries on its failure.
    }

    void prime() {
        try {
            TableDefinition table = Tables.ALL.stream()
                    .filter(t -> t.baseName().equals(config.snapstart().primingTable())).findFirst()
                    .orElse(Tables.AGENTS);
            dynamo.getItem(b -> b.tableName(table.tableName(config.tables().prefix()))
                    .key(Map.of(table.partitionKey().name(), s("snapstart-priming"))));
        } catch (SdkException e) {
            // Priming is an optimisation: a snapshot without it is still correct.
            LOG.warn("priming call failed", Map.of("error", e.getClass().getSimpleName()));
        }
    }
}
