package io.agentlaunchpad.cluster;

/**
 * An agent's object could not be applied because its owner's namespace is gone (deleted by hand, or never made by
 * this warm container's predecessor): the owner's objects must be applied again first.
 */
public class OwnerObjectsMissingException extends RuntimeException {

    public OwnerObjectsMissingException(String namespace, Throwable cause) {
        super("the namespace " + namespace + " does not exist", cause);
    }
}
