package io.agentlaunchpad.health;

import io.agentlaunchpad.tables.Table;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code database}: DescribeTable of the agents table; HEALTHY when ACTIVE (UPDATING is DEGRADED). */
@ApplicationScoped
public class DatabaseProbe implements ComponentProbe {

    private final Table table;

    @Inject
    public DatabaseProbe(TableSet tables) {
        this.table = tables.table(Tables.AGENTS);
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public boolean critical() {
        return true;
    }

    @Override
    public Result probe() {
        TableDescription description = table.dynamo().describeTable(r -> r.tableName(table.name())).table();
        String tableStatus = description.tableStatusAsString();
        String status = "ACTIVE".equals(tableStatus) ? HealthService.HEALTHY
                : "UPDATING".equals(tableStatus) ? HealthService.DEGRADED : HealthService.UNHEALTHY;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("table", table.name());
        fields.put("tableStatus", tableStatus);
        return new Result(status, fields);
    }
}
