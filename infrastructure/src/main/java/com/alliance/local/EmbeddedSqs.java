package com.alliance.local;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ in this process: an SQS-compatible endpoint (the SDK's JSON protocol) on a loopback port. */
public final class EmbeddedSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final int port;

    private EmbeddedSqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts on {@code port} (0 picks a free one). */
    public static EmbeddedSqs start(int port) {
        int chosen = port == 0 ? FreePorts.pick() : port;
        SQSRestServer server = SQSRestServerBuilder
                .withInterface("localhost")
                .withPort(chosen)
                .withAWSAccountId("000000000000")
                .start();
        server.waitUntilStarted();
        return new EmbeddedSqs(server, chosen);
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
