package io.agentlaunchpad.keys;

import io.agentlaunchpad.access.Role;

/**
 * Port: API Gateway's view of the keys. A key is registered with its value (API Gateway meters the
 * {@code usageIdentifierKey} the authorizer returns against it) on the usage plan of its role's tier.
 */
public interface UsagePlans {

    /** Registers the key; answers API Gateway's id for it. */
    String register(String keyId, String apiKey, Role role);

    /** Stops metering (and so accepting) the key at the edge; doing it twice is harmless. */
    void disable(String gatewayKeyId);
}
