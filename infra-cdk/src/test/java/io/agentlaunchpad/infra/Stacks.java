package io.agentlaunchpad.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Synthesises the stack once per JVM (the jsii runtime is slow to start) from the artifacts the build made. */
final class Stacks {

    private static LaunchpadStack stack;
    private static Template template;

    private Stacks() {
    }

    static synchronized LaunchpadStack stack() {
        if (stack == null) {
            stack = newStack();
        }
        return stack;
    }

    /** A stack in an App of its own (for checks that add aspects before synthesis). */
    static LaunchpadStack newStack() {
        return newStack(Map.of());
    }

    static LaunchpadStack newStack(Map<String, String> extraContext) {
        {
            Path functions = Path.of("..", "functions").toAbsolutePath().normalize();
            if (!Files.isRegularFile(functions.resolve("api/target/function.zip"))) {
                throw new IllegalStateException("build the functions first: ./mvnw package (missing "
                        + functions.resolve("api/target/function.zip") + ")");
            }
            Map<String, Object> context = new java.util.HashMap<>(Map.of(
                    "stage", "test",
                    "eksClusterName", "agents",
                    "functionsDirectory", functions.toString(),
                    "alarmEmail", "ops@example.com"));
            context.putAll(extraContext);
            App app = new App(AppProps.builder().context(context).build());
            return new LaunchpadStack(app, "AgentLaunchpad-test", StackProps.builder().build(),
                    LaunchpadSettings.from(app.getNode()));
        }
    }

    static synchronized Template template() {
        if (template == null) {
            template = Template.fromStack(stack());
        }
        return template;
    }
}
