package io.agentlaunchpad.emulators;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * dynalite (a DynamoDB emulator on LevelDB, pinned in the root package-lock.json) as a child process on a free
 * loopback port. In memory unless given a directory. It can be killed and started again on the same port and
 * directory ({@link #kill()}, {@link #restart()}), so that clients built by {@link #client()} meet an outage and
 * then the same data again.
 */
public final class Dynalite implements AutoCloseable {

    public static final String REGION = "us-east-1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path dataDir;
    private final int port;
    private Process process;

    private Dynalite(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    public static Dynalite start() {
        return start(null);
    }

    public static Dynalite start(Path dataDir) {
        Dynalite dynalite = new Dynalite(dataDir, freePort());
        dynalite.launch();
        return dynalite;
    }

    /**
     * Kills the process as a crash would (SIGKILL) and waits until it is gone: calls fail to connect until
     * {@link #restart()}. What it acknowledged stays in the data directory (LevelDB has written it to its log
     * before answering); in memory, everything is lost.
     *
     * @return false when it was not running
     */
    public synchronized boolean kill() {
        if (process == null || !process.isAlive()) {
            return false;
        }
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing dynalite", e);
        }
        return true;
    }

    /** Starts it again on the same port and data directory and returns once it listens; nothing if it runs. */
    public synchronized void restart() {
        if (!running()) {
            launch();
        }
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /**
     * Starts node and waits until it listens. A process that exits first is started again until the timeout: just
     * after a kill the port can still be held for a moment.
     */
    private synchronized void launch() {
        // dynalite behind a front that adds TransactWriteItems (dynalite 4 has none); it takes cli.js's arguments
        Path cli = RepoRoot.get().resolve("local/emulators/dynalite-transactions.js");
        if (!Files.isRegularFile(RepoRoot.get().resolve("node_modules/dynalite/cli.js"))) {
            throw new IllegalStateException("dynalite is not installed: run 'npm ci' at the repository root ("
                    + cli + " is missing)");
        }
        List<String> command = new ArrayList<>(List.of("node", cli.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0",
                "--updateTableMs", "0"));
        if (dataDir != null) {
            command.add("--path");
            command.add(dataDir.toString());
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        int exitValue = 0;
        while (Instant.now().isBefore(deadline)) {
            try {
                process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start dynalite with node: " + e.getMessage(), e);
            }
            if (awaitListening(deadline)) {
                return;
            }
            if (process.isAlive()) {
                break;
            }
            exitValue = process.exitValue();
            sleep(100);
        }
        close();
        throw new IllegalStateException("dynalite did not listen on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s" + (exitValue == 0 ? "" : " (it exited with " + exitValue + ")"));
    }

    /** True once the port accepts connections; false when the process exits first or the deadline passes. */
    private boolean awaitListening(Instant deadline) {
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                sleep(25);
            }
        }
        return false;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
