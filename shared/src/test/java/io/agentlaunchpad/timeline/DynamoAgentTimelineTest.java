package io.agentlaunchpad.timeline;

import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.testing.Backends;
import io.agentlaunchpad.testing.MutableClock;
import io.agentlaunchpad.timeline.dynamodb.DynamoAgentTimeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DynamoAgentTimelineTest {

    static Backends backends;
    static MutableClock clock = new MutableClock(Instant.parse("2026-12-03T16:00:00Z"));
    static DynamoAgentTimeline timeline;
    static TimelineRecorder recorder;

    @BeforeAll
    static void start() {
        backends = Backends.start();
        timeline = new DynamoAgentTimeline(new TableSet(backends.dynamo, backends.prefix), clock);
        recorder = new TimelineRecorder(timeline, clock);
    }

    @AfterAll
    static void stop() {
        backends.close();
    }

    static String agentId() {
        return "agent-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static void step(String agentId, long revision, TimelineType type, String message) {
        clock.advance(Duration.ofMillis(10));
        recorder.record(agentId, "user-a", revision, type, message);
    }

    private static List<String> all(String agentId) {
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            TimelinePage page = timeline.page(agentId, 7, after);
            page.entries().forEach(e -> seen.add(e.revision() + " " + e.type() + " " + e.message()));
            after = page.lastKey();
        } while (after != null);
        return seen;
    }

    @Test
    void newestFirst_andTheSameStepTwiceInARowIsKeptOnce() {
        String agentId = agentId();
        step(agentId, 1, TimelineType.QUEUED, "queued");
        step(agentId, 1, TimelineType.APPLIED, "applied");
        step(agentId, 1, TimelineType.PODS_STARTED, "0/1 ready");
        step(agentId, 1, TimelineType.PODS_STARTED, "0/1 ready");
        step(agentId, 1, TimelineType.DEPLOYED, "1/1 ready");
        step(agentId, 2, TimelineType.QUEUED, "queued");

        assertThat(all(agentId)).containsExactly("2 QUEUED queued", "1 DEPLOYED 1/1 ready",
                "1 PODS_STARTED 0/1 ready", "1 APPLIED applied", "1 QUEUED queued");
    }

    @Test
    void pagesFollowEachOtherWithoutGapOrRepeat_andTheMarkerIsNeverAnEntry() {
        String agentId = agentId();
        for (int i = 0; i < 16; i++) {
            step(agentId, 1, TimelineType.REPLICAS_READY, i + "/16 ready");
        }
        List<String> seen = all(agentId);

        assertThat(seen).hasSize(16).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo("1 REPLICAS_READY 15/16 ready");
        assertThat(seen.get(15)).isEqualTo("1 REPLICAS_READY 0/16 ready");
    }

    @Test
    void anAgentKeepsItsLastHundredEntries() {
        String agentId = agentId();
        for (int i = 0; i < 120; i++) {
            step(agentId, i, TimelineType.QUEUED, "change " + i);
        }
        List<String> seen = all(agentId);

        assertThat(seen).hasSize(DynamoAgentTimeline.KEEP);
        assertThat(seen.get(0)).isEqualTo("119 QUEUED change 119");
        assertThat(seen.get(seen.size() - 1)).isEqualTo("20 QUEUED change 20");
    }

    @Test
    void expiredEntriesAreNotShownEvenBeforeDynamoDbRemovesThem() {
        String agentId = agentId();
        step(agentId, 1, TimelineType.DELETED, "deleted");
        assertThat(all(agentId)).hasSize(1);

        clock.advance(DynamoAgentTimeline.RETENTION.plusMinutes(1));
        assertThat(all(agentId)).isEmpty();
        clock.set(Instant.parse("2026-12-03T16:00:00Z").plusSeconds(3600));
    }

    @Test
    void aMessageLosesEveryValueOfTheAgentsSecret_longestFirst() {
        String reason = "CrashLoopBackOff: Its last lines: \"login with token abc123def456 failed | key abc123\". ";

        assertThat(TimelineRecorder.scrub(reason, List.of("abc123", "abc123def456", "xy")))
                .isEqualTo("CrashLoopBackOff: Its last lines: \"login with token ******** failed | key ********\". ");
    }
}
