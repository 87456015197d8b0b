package io.agentlaunchpad.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every DynamoDB and SQS call made in this JVM, for the deployer throughput benchmark: the AWS SDK loads this class
 * into every client it builds from {@code software/amazon/awssdk/global/handlers/execution.interceptors} (so the
 * platform's own clients, which the benchmark cannot reach, are counted too). Inert until {@link #enable()}: the
 * other benchmarks of this jar only pay a volatile read per call.
 *
 * <p>What it keeps, by the role of the calling thread (the queue trigger that runs the deployer, the scheduled
 * reconciler, the gateway's route functions, the benchmark itself):
 * <ul>
 *   <li>calls by service, operation and table (its name without the platform's prefix);</li>
 *   <li>the messages each {@code ReceiveMessage} brought, by command type (DEPLOY, CHECK);</li>
 *   <li>the moment each agent's record was first written out of QUEUED (an {@code UpdateItem} of the agents table
 *   setting DEPLOYING, DEPLOYED, STOPPED or FAILED that succeeded): "applied", without polling.</li>
 * </ul>
 */
public final class AwsCallCounter implements ExecutionInterceptor {

    static final String TRIGGER = "deployer (queue trigger)";
    static final String RECONCILER = "reconciler";
    static final String API = "api routes";
    static final String BENCH = "bench";

    private static final Set<String> APPLIED = Set.of("DEPLOYING", "DEPLOYED", "STOPPED", "FAILED");
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"(\\w+)\"");
    private static final ThreadLocal<Boolean> BENCH_THREAD = ThreadLocal.withInitial(() -> false);

    private static volatile boolean enabled;
    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> RECEIVED = new ConcurrentHashMap<>();
    private static final Map<String, Long> APPLIED_AT = new ConcurrentHashMap<>();
    private static final Map<String, String> APPLIED_BY = new ConcurrentHashMap<>();

    /** The SDK instantiates it by reflection. */
    public AwsCallCounter() {
    }

    static void enable() {
        enabled = true;
    }

    /** Marks the calling thread's calls as the benchmark's own (its polls), kept apart from the platform's. */
    static void markBenchThread() {
        BENCH_THREAD.set(true);
    }

    static void reset() {
        CALLS.clear();
        RECEIVED.clear();
        APPLIED_AT.clear();
        APPLIED_BY.clear();
    }

    /** Calls so far: role → "Service Operation (table)" → count. */
    static Map<String, Map<String, Long>> calls() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        CALLS.forEach((key, count) -> {
            String[] parts = key.split("\\|", 2);
            out.computeIfAbsent(parts[0], r -> new TreeMap<>()).put(parts[1], count.sum());
        });
        return out;
    }

    /** Messages received from SQS by the given role, by command type ({@code "(empty receive)"} counts the empties). */
    static Map<String, Long> received(String role) {
        Map<String, Long> out = new TreeMap<>();
        RECEIVED.forEach((key, count) -> {
            if (key.startsWith(role + "|")) {
                out.put(key.substring(role.length() + 1), count.sum());
            }
        });
        return out;
    }

    /** agentId → System.nanoTime() when its record first left QUEUED. */
    static Map<String, Long> appliedAt() {
        return Map.copyOf(APPLIED_AT);
    }

    /** agentId → the role of the thread whose write took it out of QUEUED. */
    static Map<String, String> appliedBy() {
        return Map.copyOf(APPLIED_BY);
    }

    static int appliedCount() {
        return APPLIED_AT.size();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        String role = role();
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SdkRequest request = context.request();
        String table = request.getValueForField("TableName", String.class).orElse(null);
        count(CALLS, role + "|" + service + " " + operation
                + (table == null ? "" : " (" + table.substring(table.indexOf('-') + 1) + ")"));
        if (request instanceof UpdateItemRequest update && update.tableName().endsWith("agents")) {
            AttributeValue status = update.expressionAttributeValues().get(":status");
            AttributeValue agentId = update.key().get("agentId");
            if (status != null && agentId != null && APPLIED.contains(status.s())
                    && APPLIED_AT.putIfAbsent(agentId.s(), now) == null) {
                APPLIED_BY.put(agentId.s(), role);
            }
        }
        if (context.response() instanceof ReceiveMessageResponse received) {
            if (received.messages().isEmpty()) {
                count(RECEIVED, role + "|(empty receive)");
            }
            for (Message message : received.messages()) {
                Matcher type = TYPE.matcher(message.body());
                count(RECEIVED, role + "|" + (type.find() ? type.group(1) : "other"));
            }
        }
    }

    private static void count(Map<String, LongAdder> map, String key) {
        map.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static String role() {
        if (BENCH_THREAD.get()) {
            return BENCH;
        }
        String name = Thread.currentThread().getName();
        if (name.startsWith("sqs-trigger")) {
            return TRIGGER;
        }
        if (name.startsWith("schedule-reconcile")) {
            return RECONCILER;
        }
        return API;
    }
}
