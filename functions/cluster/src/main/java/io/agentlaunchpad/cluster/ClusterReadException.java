package io.agentlaunchpad.cluster;

/** A read of {@link ClusterReads} the cluster did not answer; {@code code}: the HTTP status it gave (0: none). */
public class ClusterReadException extends RuntimeException {

    private final int code;

    public ClusterReadException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
