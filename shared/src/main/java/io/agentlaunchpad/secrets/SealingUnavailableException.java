package io.agentlaunchpad.secrets;

/** The key service could not be reached: the request can be retried, nothing was stored. */
public class SealingUnavailableException extends RuntimeException {

    public SealingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
