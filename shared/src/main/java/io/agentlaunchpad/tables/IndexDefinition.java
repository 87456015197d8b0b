package io.agentlaunchpad.tables;

import java.util.List;

/** A global secondary index; {@code projectedAttributes} are the non-key attributes it carries (INCLUDE projection). */
public record IndexDefinition(String name, KeyAttribute partitionKey, KeyAttribute sortKey, List<String> projectedAttributes) {
}
