package io.agentlaunchpad.scan;

/** The catalogue names an image the registry does not have: a configuration error a retry cannot fix. */
public class ImageUnavailableException extends RuntimeException {

    public ImageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
