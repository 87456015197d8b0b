package io.agentlaunchpad.scan;

import java.util.List;

/** A finding's severity, by ECR's names, worst first. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNDEFINED;

    /** The severities a scan result counts (the API's {@code vulnerabilities}), worst first. */
    public static final List<Severity> COUNTED = List.of(CRITICAL, HIGH, MEDIUM, LOW);

    /** The position of an ECR severity name in this order; a name ECR may add later ranks after every known one. */
    public static int rank(String name) {
        for (Severity s : values()) {
            if (s.name().equals(name)) {
                return s.ordinal();
            }
        }
        return values().length;
    }
}
