package io.agentlaunchpad.timeline;

/** What one timeline entry says happened to an agent, in the order a rollout usually goes. */
public enum TimelineType {
    QUEUED,
    SCAN_STARTED,
    SCAN_REUSED,
    SCAN_PASSED,
    SCAN_BLOCKED,
    APPLIED,
    PODS_SCHEDULED,
    PODS_PULLING,
    PODS_STARTED,
    REPLICAS_READY,
    DEPLOYED,
    STOPPED,
    FAILED,
    DRIFT_REPAIRED,
    DELETED
}
