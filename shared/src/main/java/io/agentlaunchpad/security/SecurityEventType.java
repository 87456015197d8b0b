package io.agentlaunchpad.security;

/** What a security event records; its name is the event's {@code type} on the wire and in the table. */
public enum SecurityEventType {
    API_KEY_CREATED,
    API_KEY_REVOKED,
    AUTHENTICATION_FAILED,
    PERMISSION_DENIED,
    RATE_LIMITED,
    SECURITY_SCAN_FAILED,
    DEPLOYMENT_FAILED,
    /** Agent objects deleted or changed outside the platform, put back. */
    DRIFT_REPAIRED,
    /** An agent's pods failing after it was deployed. */
    AGENT_FAILING,
    /** An admin linked a token identity to an existing user (docs/identity.md). */
    IDENTITY_LINKED,
    /** An admin removed such a link: the identity is its own user again. */
    IDENTITY_UNLINKED
}
