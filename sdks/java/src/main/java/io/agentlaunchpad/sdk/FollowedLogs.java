package io.agentlaunchpad.sdk;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * {@link Agents#followLogs}: the log lines over the long-poll ({@code follow=true}), fetched as iterated, each
 * request carrying the cursor of the one before, until the API stops giving a cursor.
 */
final class FollowedLogs implements Iterable<ApiObject> {

    private final Transport t;
    private final String agentId;
    private final Integer lines;
    private final String since;

    FollowedLogs(Transport transport, String agentId, Integer lines, String since) {
        this.t = transport;
        this.agentId = agentId;
        this.lines = lines;
        this.since = since;
    }

    @Override
    public Iterator<ApiObject> iterator() {
        String path = Agents.agentPath(agentId, "/logs");
        return new Iterator<>() {
            private Iterator<ApiObject> batch = List.<ApiObject>of().iterator();
            private String cursor;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (!batch.hasNext() && !done) {
                    ApiObject page = t.request("GET", path, Transport.query("lines", lines,
                                    "since", cursor == null ? since : null, "follow", true, Agents.LOG_CURSOR, cursor),
                            null, RequestOptions.NONE, false);
                    batch = page.objects("logs").iterator();
                    cursor = page.string(Agents.LOG_CURSOR);
                    if (cursor == null || cursor.isEmpty()) {
                        cursor = null;
                        done = true;
                    }
                }
                return batch.hasNext();
            }

            @Override
            public ApiObject next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.next();
            }
        };
    }
}
