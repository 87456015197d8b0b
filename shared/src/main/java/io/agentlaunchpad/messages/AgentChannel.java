package io.agentlaunchpad.messages;

import java.time.Duration;

/**
 * Port: one HTTP exchange with a running agent's own API (ElizaOS's {@code /api/...}), authenticated to the agent
 * with its token. The adapter decides how the platform reaches the pod (on Kubernetes: the API server's service
 * proxy).
 */
public interface AgentChannel {

    /**
     * @param path     the agent's path and query, e.g. {@code /api/messaging/sessions}
     * @param jsonBody the request body, or null for none
     * @return whatever the agent answered, any status
     * @throws AgentNotReadyException when no pod of the agent can take the call (none ready, no Service)
     * @throws AgentTimeoutException  when no answer came within {@code timeout}
     */
    AgentResponse exchange(AgentAddress agent, String method, String path, String jsonBody, Duration timeout);

    /** Which agent, whose it is (its namespace), and the token its API wants; the token never shows in toString. */
    record AgentAddress(String owner, String agentId, String token) {
        @Override
        public String toString() {
            return "AgentAddress[" + agentId + " of " + owner + "]";
        }
    }

    record AgentResponse(int status, String body) {
        public boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    /** The agent has no pod that can answer: not a failure of the agent, it is not running. */
    class AgentNotReadyException extends RuntimeException {
        public AgentNotReadyException(String message) {
            super(message, null, false, false);
        }
    }

    class AgentTimeoutException extends RuntimeException {
        public AgentTimeoutException(String message) {
            super(message, null, false, false);
        }
    }

    /** The way to the agent failed (the cluster unreachable, the proxy refused): retryable, the agent is not at fault. */
    class AgentUnreachableException extends RuntimeException {
        public AgentUnreachableException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
