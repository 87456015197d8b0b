package io.agentlaunchpad.async;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SideCallsTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void theSideCallSeesTheLogContextAsItWasWhenItStarted() {
        MDC.put("requestId", "r-1");
        Map<String, Object> context = SideCalls.logContext();
        MDC.put("agentId", "agent-later");

        assertEquals("r-1", context.get("requestId"));
        assertNull(context.get("agentId"), "a later put on the request's thread must not reach the side call's copy");
        assertEquals("r-1", SideCalls.join(SideCalls.start(() -> (String) MDC.get("requestId"))));
    }

    @Test
    void theContextIsCopiedEvenWhereTheProviderHandsOutItsLiveMap() {
        Map<String, Object> live = new HashMap<>(Map.of("requestId", "r-3"));
        Map<String, Object> copy = SideCalls.copyOf(live);
        live.put("agentId", "agent-later");

        assertEquals(Map.of("requestId", "r-3"), copy);
        assertEquals(Map.of(), SideCalls.copyOf(null));
    }

    @Test
    void theCallersLogContextSurvivesTheSideCall() {
        MDC.put("requestId", "r-2");
        SideCalls.join(SideCalls.start(() -> "done"));
        assertEquals("r-2", MDC.get("requestId"));
    }

    @Test
    void aFailureComesBackAsThrown() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> SideCalls.join(SideCalls.start(() -> {
                    throw new IllegalArgumentException("bad");
                })));
        assertEquals("bad", thrown.getMessage());
    }
}
