package io.agentlaunchpad.local;

import java.io.IOException;
import java.net.BindException;
import java.util.concurrent.CountDownLatch;

/** {@code ./launchpad up}: checks what the platform needs, starts it, makes the first admin key, says where it is. */
public final class PlatformCommand {

    private PlatformCommand() {
    }

    public static void main(String[] args) throws Exception {
        LocalLogging.configure(System.out);
        LocalSettings settings = LocalSettings.from(System.getenv());
        if (settings.realAgents() && AgentImage.missingPackages(AgentImage.directory()).isPresent()) {
            System.err.println(AgentImage.missingPackages(AgentImage.directory()).get());
            System.exit(2);
            return;
        }
        StateDirectory state;
        try {
            state = StateDirectory.open(settings.home());
        } catch (StateDirectory.AlreadyRunningException e) {
            System.err.println("Agent Launchpad is already running here (" + e.getMessage() + "); stop it with Ctrl-C"
                    + " in its terminal before starting another.");
            System.exit(2);
            return;
        }
        LocalPlatform platform;
        try {
            platform = LocalPlatform.start(settings, state);
        } catch (BindException e) {
            state.close();
            System.err.println("Port " + settings.port() + " is taken; set LAUNCHPAD_PORT to another port.");
            System.exit(2);
            return;
        }
        try {
            AdminKey.bootstrap(platform, state, System.out, System.console() != null);
        } catch (RuntimeException | IOException e) {
            platform.close();
            state.close();
            System.err.println("Could not create the first admin key: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Agent Launchpad...");
            platform.close();
            try {
                state.close();
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
            stopped.countDown();
        }));
        String url = "http://" + ("0.0.0.0".equals(settings.host()) ? "localhost" : settings.host()) + ":" + platform.port();
        state.markRunning("pid " + ProcessHandle.current().pid() + ", " + url);
        System.out.println(platform.clusterMode().equals("simulated")
                ? "Cluster: simulated; see it with  kubectl --kubeconfig " + settings.home().resolve("kubeconfig")
                + " get deploy -A"
                : "Cluster: " + platform.clusterUrl() + " (LAUNCHPAD_KUBECONFIG=" + settings.kubeconfig() + ")");
        if (platform.clusterMode().equals("simulated")) {
            System.out.println(settings.realAgents()
                    ? "Agents: real ElizaOS processes from " + AgentImage.directory() + " (data and logs in "
                    + settings.home().resolve("agents") + "; LAUNCHPAD_AGENT_RUNTIME=simulated simulates them)"
                    : "Agents: simulated pods (LAUNCHPAD_AGENT_RUNTIME=simulated)");
        }
        System.out.println("Image scans: " + ("ecr".equals(settings.registry()) ? "ECR"
                : "simulated registry, findings from " + settings.registryFile()));
        System.out.println("Agent Launchpad is ready at " + url + "  (state in " + settings.home() + "; Ctrl-C stops it)");
        stopped.await();
    }
}
