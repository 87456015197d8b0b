package io.agentlaunchpad.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

import java.util.HashMap;
import java.util.Map;

/**
 * Wires the stacks; every decision lives in the stack and its constructs. Context comes from the CDK CLI
 * ({@code -c stage=prod}) or, for the offline Maven synth, from system properties {@code cdk.context.<key>}.
 */
public final class LaunchpadApp {

    private LaunchpadApp() {
    }

    public static void main(String[] args) {
        Map<String, Object> context = new HashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("cdk.context."))
                .forEach(k -> context.put(k.substring("cdk.context.".length()), System.getProperty(k)));
        synth(context, System.getProperty("cdk.outdir", "cdk.out"));
    }

    /**
     * Synthesises the stack for {@code context} into the cloud assembly directory {@code outdir} (what
     * {@code cdk deploy --app <outdir>} deploys) and answers the stack's name.
     */
    public static String synth(Map<String, Object> context, String outdir) {
        App app = new App(AppProps.builder().outdir(outdir).context(context).build());
        LaunchpadSettings settings = LaunchpadSettings.from(app.getNode());
        String name = stackName(settings.stage());
        new LaunchpadStack(app, name, StackProps.builder()
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .description("Agent Launchpad: ElizaOS agents on Kubernetes through an HTTPS API (" + settings.stage() + ")")
                .build(), settings);
        app.synth();
        return name;
    }

    /** The stack of a stage: {@code AgentLaunchpad-<stage>}. */
    public static String stackName(String stage) {
        return "AgentLaunchpad-" + stage;
    }
}
