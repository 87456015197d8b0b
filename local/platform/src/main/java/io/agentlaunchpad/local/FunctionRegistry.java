package io.agentlaunchpad.local;

import io.agentlaunchpad.json.Json;
import io.quarkus.funqy.Funq;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The functions of the platform's artifacts by their export name, invoked as Lambda invokes them: event JSON in,
 * response JSON out, through the same Jackson mapping, in this process.
 */
public final class FunctionRegistry {

    private record Target(Object instance, Method method) {
    }

    private final Map<String, Target> functions = new HashMap<>();

    /** Registers every {@code @Funq} method of {@code instance} under its method name (Funqy's default). */
    public FunctionRegistry register(Object instance) {
        for (Method method : instance.getClass().getMethods()) {
            if (method.isAnnotationPresent(Funq.class)) {
                Funq funq = method.getAnnotation(Funq.class);
                String name = funq.value().isEmpty() ? method.getName() : funq.value();
                if (functions.putIfAbsent(name, new Target(instance, method)) != null) {
                    throw new IllegalStateException("two functions export " + name);
                }
            }
        }
        return this;
    }

    public boolean has(String function) {
        return functions.containsKey(function);
    }

    public Set<String> names() {
        return functions.keySet();
    }

    public String invoke(String function, String eventJson) {
        Target target = functions.get(function);
        if (target == null) {
            throw new IllegalArgumentException("no function exports " + function);
        }
        try {
            Object input = target.method().getParameterCount() == 0 ? null
                    : Json.MAPPER.readValue(eventJson, target.method().getParameterTypes()[0]);
            Object output = target.method().getParameterCount() == 0
                    ? target.method().invoke(target.instance())
                    : target.method().invoke(target.instance(), input);
            return output == null ? "null" : Json.write(output);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException | java.io.IOException e) {
            throw new IllegalStateException("cannot invoke " + function + ": " + e.getMessage(), e);
        }
    }
}
