package io.agentlaunchpad.limits;

import io.agentlaunchpad.access.Role;

/**
 * Port: per-user resource quotas. Usage is reserved before the desired state is written and released when the write
 * fails or the agent is deleted, so concurrent creates, scales and deletes cannot overshoot a quota together.
 */
public interface ResourceQuotas {

    /**
     * Adds {@code delta} to the owner's usage if every quota of {@code role} still holds afterwards (decreases always
     * pass), and checks the per-agent replica limit; otherwise refuses with 429 and changes nothing.
     */
    void reserve(String owner, Role role, Usage delta, int replicasPerAgent);

    /** Gives back what a reservation took (or takes back what a decrease gave). Never refused. */
    void release(String owner, Usage delta);

    Usage usage(String owner);
}
