package io.agentlaunchpad.agents;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** The agent's character: maps one to one onto an ElizaOS v1 character's {@code system, bio, adjectives, topics}. */
@RegisterForReflection
public record Personality(String system, List<String> bio, List<String> adjectives, List<String> topics) {
}
