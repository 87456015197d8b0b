package io.agentlaunchpad.api;

import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.http.RouteTable;
import io.quarkus.funqy.Funq;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every function this artifact exports is a route of the route table, and the lifecycle routes are all served. */
class RouteTableCoverageTest {

    static final List<Class<?>> FUNCTION_CLASSES = List.of(AgentFunctions.class, SecurityFunctions.class, TimelineFunctions.class,
            SystemFunctions.class, MonitoringFunctions.class, MessageFunctions.class);

    static Set<String> exported() {
        return FUNCTION_CLASSES.stream()
                .flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(Funq.class))
                .map(Method::getName)
                .collect(Collectors.toSet());
    }

    @Test
    void everyExportedFunctionIsARoute() {
        Set<String> routes = RouteTable.ROUTES.stream().map(Route::function).collect(Collectors.toSet());
        assertThat(routes).containsAll(exported());
    }

    @Test
    void everyAgentLifecycleRouteIsExported() {
        Set<String> lifecycle = RouteTable.ROUTES.stream()
                .filter(r -> r.pathTemplate().equals("/api/agents") || r.pathTemplate().equals("/api/agents/{agentId}")
                        || r.pathTemplate().endsWith("/status") || r.pathTemplate().endsWith("/scale")
                        || r.pathTemplate().endsWith("/restart"))
                .map(Route::function)
                .collect(Collectors.toSet());
        assertThat(lifecycle).hasSize(8);
        assertThat(exported()).containsAll(lifecycle);
    }

    @Test
    void everyExportedFunctionTakesTheProxyEventAndAnswersTheProxyResponse() {
        FUNCTION_CLASSES.stream().flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(Funq.class))
                .forEach(m -> {
                    assertThat(m.getParameterTypes()).as(m.getName()).containsExactly(io.agentlaunchpad.http.ProxyRequest.class);
                    assertThat(m.getReturnType()).as(m.getName()).isEqualTo(io.agentlaunchpad.http.ProxyResponse.class);
                });
    }
}
