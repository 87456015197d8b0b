package io.agentlaunchpad.local;

import io.agentlaunchpad.cluster.Cluster;
import io.agentlaunchpad.emulators.Dynalite;
import io.agentlaunchpad.emulators.SimulatedCluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Faults injected into one running platform ({@link LocalPlatform.Running#faults()}), for suites that drive traffic
 * through it while things break. A rate is the probability that each event (record delivered, request, apply) gets
 * the fault, drawn independently; every rate starts at 0. Safe to call from any thread.
 */
public final class Faults {

    private final Dynalite dynamo;
    private final SimulatedCluster cluster;
    private volatile double duplicateDeliveries;
    private volatile double redeliverAfterSuccess;
    private volatile double crashAfterApply;
    private final LongAdder dynamoStops = new LongAdder();
    private final LongAdder duplicatedDeliveries = new LongAdder();
    private final LongAdder redeliveries = new LongAdder();
    private final LongAdder deployerCrashes = new LongAdder();

    /** @param cluster the simulated cluster, or null when the platform deploys to a real one */
    Faults(Dynalite dynamo, SimulatedCluster cluster) {
        this.dynamo = dynamo;
        this.cluster = cluster;
    }

    /**
     * Kills the DynamoDB emulator (SIGKILL; its data stays on disk): every call of the platform's clients fails to
     * connect until {@link #startDynamo()}. Nothing when it is already stopped.
     */
    public void stopDynamo() {
        if (dynamo.kill()) {
            dynamoStops.increment();
        }
    }

    /** Starts DynamoDB again on the same port with the same data and returns once it listens; nothing if it runs. */
    public void startDynamo() {
        dynamo.restart();
    }

    /**
     * That fraction of the deploy queue's records is handed to the deploy function twice in a row: the second time
     * right after the first ran OK (one that failed comes back anyway), and a failure of the second leaves the record
     * for redelivery as any failure does.
     */
    public void duplicateDeliveries(double fraction) {
        duplicateDeliveries = rate(fraction);
    }

    /**
     * That fraction of the records that ran OK is not deleted but made visible again at once (ChangeMessageVisibility
     * 0): SQS delivers it again, until its receive count moves it to the dead-letter queue. At 1, a record comes back
     * until then.
     */
    public void redeliverAfterSuccess(double fraction) {
        redeliverAfterSuccess = rate(fraction);
    }

    /**
     * That fraction of the platform's requests to the simulated cluster is answered with one of {@code statuses}
     * (409, 429, 500) as a real API server answers them; 409 only to writes. The simulated kubelet's own requests
     * and watches never are. Mind that fabric8 7.6.1 retries every request answered 429 or 500 ten times, 100 ms
     * doubling to 3.2 s apart whatever Retry-After says (about 19 s in all) before it throws; a 409 it throws at once.
     *
     * @throws IllegalStateException when the platform deploys to a real cluster (LAUNCHPAD_KUBECONFIG)
     */
    public void kubernetesErrors(double fraction, Set<Integer> statuses) {
        if (cluster == null) {
            throw new IllegalStateException("Kubernetes errors are injected by the simulated cluster; this platform"
                    + " deploys to a real one (LAUNCHPAD_KUBECONFIG)");
        }
        cluster.injectErrors(rate(fraction), statuses);
    }

    /**
     * That fraction of the deployer's successful applies of an agent's objects is followed by a {@link SimulatedCrash}:
     * the invocation dies before it writes the status, its record stays for redelivery after the visibility timeout,
     * and the reconciler resumes the agent later.
     */
    public void crashAfterApply(double fraction) {
        crashAfterApply = rate(fraction);
    }

    /** Every rate back to 0; DynamoDB stays as it is. */
    public void clear() {
        duplicateDeliveries = 0;
        redeliverAfterSuccess = 0;
        crashAfterApply = 0;
        if (cluster != null) {
            cluster.injectErrors(0, Set.of());
        }
    }

    /**
     * The faults injected so far: {@code dynamoStops}, {@code duplicatedDeliveries}, {@code redeliveries},
     * {@code kubernetes409}, {@code kubernetes429}, {@code kubernetes500} (each answered request, fabric8's retries
     * included) and {@code deployerCrashes}.
     */
    public Map<String, Long> injected() {
        Map<Integer, Long> kubernetes = cluster == null ? Map.of() : cluster.injectedErrors();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("dynamoStops", dynamoStops.sum());
        counts.put("duplicatedDeliveries", duplicatedDeliveries.sum());
        counts.put("redeliveries", redeliveries.sum());
        for (int status : new int[]{409, 429, 500}) {
            counts.put("kubernetes" + status, kubernetes.getOrDefault(status, 0L));
        }
        counts.put("deployerCrashes", deployerCrashes.sum());
        return counts;
    }

    /** The trigger's side: each draw that comes out true is counted, as the trigger then acts on it. */
    DeliveryFaults deliveries() {
        return new DeliveryFaults() {
            @Override
            public boolean deliverTwice() {
                return draw(duplicateDeliveries, duplicatedDeliveries);
            }

            @Override
            public boolean redeliverAfterSuccess() {
                return draw(redeliverAfterSuccess, redeliveries);
            }
        };
    }

    /** The cluster the deployer and the drift repair get. */
    Cluster crashingAfterApply(Cluster cluster) {
        return new CrashAfterApply(cluster, () -> draw(crashAfterApply, deployerCrashes));
    }

    private static boolean draw(double fraction, LongAdder count) {
        if (fraction > 0 && ThreadLocalRandom.current().nextDouble() < fraction) {
            count.increment();
            return true;
        }
        return false;
    }

    private static double rate(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("a fraction is between 0 and 1, was " + fraction);
        }
        return fraction;
    }
}
