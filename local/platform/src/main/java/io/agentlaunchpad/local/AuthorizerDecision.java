package io.agentlaunchpad.local;

import java.util.Map;

/** What the REQUEST authorizer decided for one call, as API Gateway acts on it. */
record AuthorizerDecision(Outcome outcome, String principalId, Map<String, Object> context, String usageIdentifierKey) {

    enum Outcome {
        /** Allow policy: the route runs with the context. */
        ALLOW,
        /** Identity missing or the authorizer failed with "Unauthorized": 401. */
        UNAUTHORIZED,
        /** Deny policy (or no statement allowing this method): 403. */
        DENY,
        /** The authorizer itself broke: 500. */
        FAILED
    }

    static AuthorizerDecision of(Outcome outcome) {
        return new AuthorizerDecision(outcome, null, Map.of(), null);
    }
}
