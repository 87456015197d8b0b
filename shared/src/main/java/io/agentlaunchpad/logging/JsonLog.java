package io.agentlaunchpad.logging;

import io.agentlaunchpad.json.Json;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON log lines: one object per line with the request's context (request id, route, principal, agent id) taken
 * from the MDC. The {@code launchpad} log category prints the message alone, so each line is valid JSON for
 * CloudWatch Logs Insights. Callers pass ids and counts, never bodies, tokens or keys.
 */
public final class JsonLog {

    public static final String REQUEST_ID = "requestId";
    public static final String ROUTE = "route";
    public static final String PRINCIPAL = "principal";
    public static final String AGENT_ID = "agentId";

    private final Logger logger;

    private JsonLog(String category) {
        this.logger = Logger.getLogger("launchpad." + category);
    }

    public static JsonLog of(String category) {
        return new JsonLog(category);
    }

    public void info(String event, Map<String, ?> fields) {
        if (logger.isInfoEnabled()) {
            logger.info(line("INFO", event, fields, null));
        }
    }

    public void warn(String event, Map<String, ?> fields) {
        logger.warn(line("WARN", event, fields, null));
    }

    public void error(String event, Map<String, ?> fields, Throwable error) {
        logger.error(line("ERROR", event, fields, error));
    }

    private static String line(String level, String event, Map<String, ?> fields, Throwable error) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("event", event);
        for (String key : new String[]{REQUEST_ID, ROUTE, PRINCIPAL, AGENT_ID}) {
            Object value = MDC.get(key);
            if (value != null) {
                line.put(key, value);
            }
        }
        line.putAll(fields);
        if (error != null) {
            line.put("error", error.getClass().getName());
            // AWS error messages name the operation and the rule broken, never item values: safe to keep.
            if (error instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws) {
                String message = String.valueOf(aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorMessage());
                line.put("awsError", message.length() > 300 ? message.substring(0, 300) : message);
            }
            StackTraceElement[] trace = error.getStackTrace();
            if (trace.length > 0) {
                line.put("at", trace[0].toString());
            }
            // A library's top frame alone does not say which of our calls failed; frames carry no values.
            for (StackTraceElement frame : trace) {
                if (frame.getClassName().startsWith("io.agentlaunchpad.") && frame != trace[0]) {
                    line.put("in", frame.toString());
                    break;
                }
            }
        }
        return Json.write(line);
    }
}
