package io.agentlaunchpad.logging;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.testing.LogCapture;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLogTest {

    @Test
    void anErrorThrownInsideALibraryNamesTheFirstFrameOfOurOwnCode() throws Exception {
        Throwable thrown;
        try {
            Map<String, String> map = new HashMap<>(Map.of("a", "1", "b", "2"));
            map.forEach((k, v) -> map.remove("b"));
            throw new AssertionError("the map should have refused the change");
        } catch (RuntimeException e) {
            thrown = e;
        }
        try (LogCapture log = LogCapture.start()) {
            JsonLog.of("test").error("unhandled error", Map.of(), thrown);
            JsonNode line = Json.tree(log.lines().get(log.lines().size() - 1));

            assertEquals("java.util.ConcurrentModificationException", line.get("error").asText());
            assertTrue(line.get("at").asText().startsWith("java.base/java.util.HashMap"), line.toString());
            assertTrue(line.get("in").asText().startsWith(getClass().getName()), line.toString());
        }
    }
}
