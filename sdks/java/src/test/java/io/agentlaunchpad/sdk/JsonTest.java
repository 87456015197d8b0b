package io.agentlaunchpad.sdk;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void parsesWhatTheApiSends() {
        Object v = Json.parse(" {\"a\":[1,2.5,true,null,\"x\\\"y\\u00e9\"],\"b\":{},\"c\":-3e2} ");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", Arrays.asList(1L, new BigDecimal("2.5"), true, null, "x\"y\u00e9"));
        expected.put("b", Map.of());
        expected.put("c", new BigDecimal("-3e2"));
        assertThat(v).isEqualTo(expected);
    }

    @Test
    void writesAndReadsBack() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agentName", "my-bot");
        body.put("personality", Map.of("bio", List.of("line\none", "tab\t\"quoted\"")));
        body.put("resources", Map.of("replicas", 2L));

        assertThat(Json.parse(Json.write(body))).isEqualTo(body);
    }

    @Test
    void refusesBrokenJson() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("{} x")).isInstanceOf(IllegalArgumentException.class);
    }
}
