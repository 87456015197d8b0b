package io.agentlaunchpad.errors;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One problem with one input: {@code field} is a path such as {@code resources.memory} or {@code selectedPlugins[1]}. */
@RegisterForReflection
public record FieldError(String field, String message) {
}
