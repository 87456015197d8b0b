package io.agentlaunchpad.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP route: what API Gateway matches, the Funqy function (and so the Lambda) that serves it, and the
 * permission a caller needs. {@code permission} is null only for routes open to every authenticated caller.
 * {@code readsCluster}: the function reads the Kubernetes cluster (live health, pods, logs, metrics, nodes), so its
 * Lambda, and only such a Lambda, is given read-only access to the cluster on AWS.
 */
public record Route(String method, String pathTemplate, String function, String permission, boolean readsCluster) {

    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");

    public Route {
        if (!pathTemplate.startsWith("/api/")) {
            throw new IllegalArgumentException("route paths start with /api/: " + pathTemplate);
        }
    }

    /** A route whose function does not read the cluster. */
    public Route(String method, String pathTemplate, String function, String permission) {
        this(method, pathTemplate, function, permission, false);
    }

    /** The path parameters named in the template, in order. */
    public java.util.List<String> pathParameters() {
        java.util.List<String> names = new java.util.ArrayList<>();
        Matcher m = PARAM.matcher(pathTemplate);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** A regex for concrete paths, with one group per path parameter. */
    public Pattern pathPattern() {
        StringBuilder regex = new StringBuilder("^");
        Matcher m = PARAM.matcher(pathTemplate);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(pathTemplate.substring(last, m.start()))).append("([^/]+)");
            last = m.end();
        }
        regex.append(Pattern.quote(pathTemplate.substring(last))).append("$");
        return Pattern.compile(regex.toString());
    }
}
