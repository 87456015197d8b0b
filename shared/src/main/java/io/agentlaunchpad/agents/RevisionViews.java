package io.agentlaunchpad.agents;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

import static io.agentlaunchpad.time.Timestamps.timestamp;

/** Response bodies of the revision routes: who changed which paths, and the desired state with secrets redacted. */
public final class RevisionViews {

    private RevisionViews() {
    }

    @RegisterForReflection
    public record Author(String userId, String keyId) {
    }

    @RegisterForReflection
    public record Summary(long revision, String kind, String createdAt, Author createdBy, String requestId,
                          Long rolledBackFrom, List<String> changes) {
    }

    @RegisterForReflection
    public record Listing(String agentId, long currentRevision, Long deployedRevision, List<Summary> revisions,
                          int limit, String nextToken) {
    }

    @RegisterForReflection
    public record Spec(String name, String description, Personality personality, List<String> selectedPlugins,
                       Resources resources, Map<String, Map<String, String>> platforms) {
    }

    @RegisterForReflection
    public record Detail(String agentId, long revision, String kind, String createdAt, Author createdBy,
                         String requestId, Long rolledBackFrom, List<String> changes, Spec spec) {
    }

    static Summary summary(AgentRevision r) {
        return new Summary(r.revision(), r.kind().name(), timestamp(r.createdAt()), new Author(r.userId(), r.keyId()),
                r.requestId(), r.rolledBackFrom(), r.changes());
    }

    static Detail detail(AgentRevision r) {
        AgentSpec s = r.spec();
        return new Detail(r.agentId(), r.revision(), r.kind().name(), timestamp(r.createdAt()),
                new Author(r.userId(), r.keyId()), r.requestId(), r.rolledBackFrom(), r.changes(),
                new Spec(s.name(), s.description(), s.personality(), s.plugins(), s.resources(), r.platformView()));
    }

    /** What an agent's views say of its revisions: null before the deployer first saw one running. */
    static Long deployed(Agent agent) {
        return agent.deployedRevision() > 0 ? agent.deployedRevision() : null;
    }
}
