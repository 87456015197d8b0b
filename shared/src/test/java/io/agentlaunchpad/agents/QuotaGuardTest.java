package io.agentlaunchpad.agents;

import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.limits.ResourceQuotas;
import io.agentlaunchpad.limits.Usage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class QuotaGuardTest {

    final List<String> calls = new ArrayList<>();
    final QuotaGuard guard = new QuotaGuard(new ResourceQuotas() {
        @Override
        public void reserve(String owner, Role role, Usage delta, int replicasPerAgent) {
            calls.add("reserve " + owner + " " + role + " " + delta + " x" + replicasPerAgent);
        }

        @Override
        public void release(String owner, Usage delta) {
            calls.add("release " + owner + " " + delta);
        }

        @Override
        public Usage usage(String owner) {
            return Usage.NONE;
        }
    });
    final Principal caller = new Principal("user-1", "u", "USER", Set.of("agents:*"), "key-1");
    final Agent oneReplica = VersionedChangeTest.agent(AgentStatus.DEPLOYED);
    final Resources twoReplicas = oneReplica.spec().resources().withReplicas(2);
    final Usage oneMore = twoReplicas.usage().minus(oneReplica.spec().resources().usage());

    @Test
    void aWriteThatHappensKeepsTheReservedDifference() {
        String answer = guard.within(caller, oneReplica, twoReplicas, () -> "written");

        assertThat(answer).isEqualTo("written");
        assertThat(calls).containsExactly("reserve user-1 USER " + oneMore + " x2");
    }

    @Test
    void aRefusedWriteGivesTheDifferenceBack() {
        Throwable thrown = catchThrowable(() -> guard.within(caller, oneReplica, twoReplicas, () -> {
            throw new ApiException(ErrorCode.CONFLICT, "raced");
        }));

        assertThat(thrown).isInstanceOf(ApiException.class);
        assertThat(calls).containsExactly("reserve user-1 USER " + oneMore + " x2", "release user-1 " + oneMore);
    }

    @Test
    void aRecordedChangeWhoseCommandWasNotSentKeepsItsReservation() {
        catchThrowable(() -> guard.within(caller, oneReplica, twoReplicas, () -> {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "queue down");
        }));

        assertThat(calls).containsExactly("reserve user-1 USER " + oneMore + " x2");
    }

    @Test
    void anUnknownRoleIsHeldToTheViewersQuotas() {
        guard.reserveNew(new Principal("user-2", "u", "SOMETHING", Set.of(), null), oneReplica.spec().resources());

        assertThat(calls.get(0)).startsWith("reserve user-2 VIEWER ");
    }
}
