package io.agentlaunchpad.emulators;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/** ElasticMQ, an SQS-compatible server, embedded in the test JVM on a free loopback port. */
public final class ElasticMq implements AutoCloseable {

    private final SQSRestServer server;
    private final int port;

    private ElasticMq(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static ElasticMq start() {
        int port = Dynalite.freePort();
        SQSRestServer server = SQSRestServerBuilder
                .withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new org.elasticmq.NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(Dynalite.REGION)
                .start();
        server.waitUntilStarted();
        return new ElasticMq(server, port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public SqsClient client() {
        return SqsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(Dynalite.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
