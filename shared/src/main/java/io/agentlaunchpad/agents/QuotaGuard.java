package io.agentlaunchpad.agents;

import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.limits.ResourceQuotas;
import io.agentlaunchpad.limits.Usage;

import java.util.function.Supplier;

/**
 * An agent's share of its owner's quotas: reserved before a desired state is written, given back when the write
 * does not happen, and given back when the agent goes.
 */
public final class QuotaGuard {

    private final ResourceQuotas quotas;

    public QuotaGuard(ResourceQuotas quotas) {
        this.quotas = quotas;
    }

    /** Reserves a new agent of {@code wanted}; the returned usage is what {@link #release} gives back. */
    public Usage reserveNew(Principal caller, Resources wanted) {
        Usage usage = wanted.usage();
        quotas.reserve(caller.userId(), role(caller), usage, wanted.replicas());
        return usage;
    }

    /**
     * Reserves the move from {@code before}'s resources to {@code wanted} around {@code write}, and gives it back when
     * the write does not happen (a recorded change whose command could not be sent keeps it: a retry sends that
     * command).
     */
    public <T> T within(Principal caller, Agent before, Resources wanted, Supplier<T> write) {
        Usage delta = wanted.usage().minus(before.spec().resources().usage());
        quotas.reserve(before.owner(), role(caller), delta, wanted.replicas());
        try {
            return write.get();
        } catch (ApiException e) {
            if (e.code() != ErrorCode.SERVICE_UNAVAILABLE) {
                quotas.release(before.owner(), delta);
            }
            throw e;
        } catch (RuntimeException e) {
            quotas.release(before.owner(), delta);
            throw e;
        }
    }

    public void release(String owner, Usage usage) {
        quotas.release(owner, usage);
    }

    /** Gives back everything the agent held (it is going). */
    public void releaseAll(Agent agent) {
        quotas.release(agent.owner(), agent.spec().resources().usage());
    }

    private static Role role(Principal caller) {
        return Role.parse(caller.role()).orElse(Role.VIEWER);
    }
}
