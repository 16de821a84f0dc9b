package com.alliance.testing;

import com.alliance.functions.Clients;
import com.alliance.local.EmbeddedDynamoDb;
import com.alliance.local.EmbeddedSqs;
import com.alliance.local.Provisioning;
import com.alliance.persistence.AwsClients;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB Local and ElasticMQ started once per test JVM on free ports, with the marketplace's
 * tables and queues, reached through the real SDK clients. Tests keep apart by their random ids.
 */
public final class LocalStores {

    private static LocalStores instance;

    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final String orderEventsQueueUrl;

    private LocalStores() {
        EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, Optional.empty());
        EmbeddedSqs queues = EmbeddedSqs.start(0);
        dynamoDb = AwsClients.dynamoDb(dynamo.endpoint());
        sqs = AwsClients.sqs(queues.endpoint());
        Provisioning.createTables(dynamoDb);
        orderEventsQueueUrl = Provisioning.createQueues(sqs);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            queues.close();
            dynamo.close();
        }));
    }

    /**
     * Stores of their own, for tests that reason about the whole ledger (reconciliation, properties)
     * and must not see what other tests wrote.
     */
    public static LocalStores isolated() {
        return new LocalStores();
    }

    public static synchronized LocalStores get() {
        if (instance == null) {
            instance = new LocalStores();
        }
        return instance;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String orderEventsQueueUrl() {
        return orderEventsQueueUrl;
    }

    public Clients clients(Clock clock) {
        return new Clients(dynamoDb, sqs, clock);
    }

    /** How many items a table holds: to show that a refused request wrote nothing. */
    public int itemCount(String table) {
        return dynamoDb.scanPaginator(ScanRequest.builder().tableName(table).select("COUNT").build())
                .stream().mapToInt(page -> page.count()).sum();
    }
}
