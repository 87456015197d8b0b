package io.agentlaunchpad.secrets;

/**
 * Port: seals secrets before they touch storage. {@code context} binds a sealed value to its owner (the agent id):
 * a value copied onto another agent does not open.
 */
public interface SecretSealer {

    String seal(byte[] plaintext, String context);

    byte[] unseal(String sealed, String context);
}
