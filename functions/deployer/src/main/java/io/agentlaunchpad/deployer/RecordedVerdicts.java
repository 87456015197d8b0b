package io.agentlaunchpad.deployer;

import io.agentlaunchpad.scan.ImageVerdict;
import io.agentlaunchpad.scan.ImageVerdicts;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scan verdicts the deployer records, written only when they change: every roll-out of the same image reaches
 * the same verdict, and this warm container remembers the last one it wrote for each image (a new container writes
 * each once more).
 */
@ApplicationScoped
public class RecordedVerdicts {

    private record Decision(String digest, boolean blocked, String scanId, String reason) {
    }

    private final ImageVerdicts verdicts;
    private final Map<String, Decision> written = new ConcurrentHashMap<>();

    public RecordedVerdicts(ImageVerdicts verdicts) {
        this.verdicts = verdicts;
    }

    public void record(ImageVerdict verdict) {
        Decision decision = new Decision(verdict.digest(), verdict.blocked(), verdict.scanId(), verdict.reason());
        if (decision.equals(written.get(verdict.image()))) {
            return;
        }
        verdicts.record(verdict);
        written.put(verdict.image(), decision);
    }
}
