package io.agentlaunchpad.infra;

import io.agentlaunchpad.tables.TableDefinition;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one function's code uses, and so all its role may do: each table read, written (read and write) or only
 * appended to, and the {@link Grant}s beyond tables. Built fluently, one line per function, in {@link RouteAccess};
 * rendered by the CDK stack and the SAM template alike.
 */
public record Access(Map<TableDefinition, TableUse> tables, Set<Grant> grants) {

    /** How a function uses a table. {@code WRITE} is put/update/delete without reading items back. */
    public enum TableUse {
        READ, WRITE, READ_WRITE;

        TableUse and(TableUse other) {
            return this == other ? this : READ_WRITE;
        }
    }

    public Access {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        grants = grants.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(grants));
    }

    public static Access none() {
        return new Access(Map.of(), Set.of());
    }

    public static Access reads(TableDefinition... tables) {
        return none().use(TableUse.READ, tables);
    }

    public static Access writes(TableDefinition... tables) {
        return none().use(TableUse.READ_WRITE, tables);
    }

    public Access andReads(TableDefinition... tables) {
        return use(TableUse.READ, tables);
    }

    public Access andWrites(TableDefinition... tables) {
        return use(TableUse.READ_WRITE, tables);
    }

    /** Writes items it never reads back (events appended by a route that does not list them). */
    public Access andAppends(TableDefinition... tables) {
        return use(TableUse.WRITE, tables);
    }

    public Access with(Grant... more) {
        Set<Grant> all = grants.isEmpty() ? EnumSet.noneOf(Grant.class) : EnumSet.copyOf(grants);
        all.addAll(Arrays.asList(more));
        return new Access(tables, all);
    }

    /** Both accesses: each table at the wider use, every grant of either. */
    public Access and(Access other) {
        Access merged = this;
        for (Map.Entry<TableDefinition, TableUse> e : other.tables.entrySet()) {
            merged = merged.use(e.getValue(), e.getKey());
        }
        return merged.with(other.grants.toArray(Grant[]::new));
    }

    public boolean has(Grant grant) {
        return grants.contains(grant);
    }

    /** Whether a grant names the catalogue's image repository (the function then needs its name). */
    public boolean usesImages() {
        return grants.stream().flatMap(g -> g.statements.stream())
                .anyMatch(s -> s.target() == Grant.Target.AGENT_IMAGES);
    }

    private Access use(TableUse use, TableDefinition... definitions) {
        Map<TableDefinition, TableUse> all = new LinkedHashMap<>(tables);
        for (TableDefinition definition : definitions) {
            all.merge(definition, use, TableUse::and);
        }
        return new Access(all, grants);
    }
}
