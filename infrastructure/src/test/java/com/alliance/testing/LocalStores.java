package com.alliance.testing;

import com.alliance.functions.Clients;
import com.alliance.functions.Functions;
import com.alliance.functions.LedgerDayLogFunction;
import com.alliance.functions.RunningCountsFunction;
import com.alliance.local.DynamoDbStreamPoller;
import com.alliance.local.EmbeddedDynamoDb;
import com.alliance.local.EmbeddedSqs;
import com.alliance.local.Provisioning;
import com.alliance.persistence.AwsClients;
import com.alliance.persistence.Tables;
import java.time.Clock;
import java.time.Duration;
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
    private final DynamoDbStreamPoller runningCounts;
    private final DynamoDbStreamPoller ledgerDayLog;

    private LocalStores() {
        EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, Optional.empty());
        EmbeddedSqs queues = EmbeddedSqs.start(0);
        dynamoDb = AwsClients.dynamoDb(dynamo.endpoint());
        sqs = AwsClients.sqs(queues.endpoint());
        Provisioning.createTables(dynamoDb);
        orderEventsQueueUrl = Provisioning.createQueues(sqs);
        runningCounts = DynamoDbStreamPoller.onDemand(dynamoDb, dynamo.endpoint(), Tables.ORDERS.tableName(),
                new RunningCountsFunction(clients(Clock.systemUTC())), Functions.RUNNING_COUNTS_ID);
        ledgerDayLog = DynamoDbStreamPoller.onDemand(dynamoDb, dynamo.endpoint(), Tables.LEDGER.tableName(),
                new LedgerDayLogFunction(clients(Clock.systemUTC())), Functions.LEDGER_DAY_LOG_ID).batchesOf(1_000);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runningCounts.close();
            ledgerDayLog.close();
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

    /**
     * Folds everything written to the orders table so far into the running counts, through the real
     * {@link RunningCountsFunction} as Lambda's stream mapping would: what a test reads next includes it.
     */
    public void foldRunningCounts() {
        runningCounts.drain(Duration.ofSeconds(60));
    }

    /**
     * Writes every posting so far into the ledger's day log, through the real {@link LedgerDayLogFunction} as
     * Lambda's stream mapping would: a reconciliation job run next reads them.
     */
    public void writeLedgerDayLog() {
        ledgerDayLog.drain(Duration.ofSeconds(60));
    }

    /** How many items a table holds: to show that a refused request wrote nothing. */
    public int itemCount(String table) {
        return dynamoDb.scanPaginator(ScanRequest.builder().tableName(table).select("COUNT").build())
                .stream().mapToInt(page -> page.count()).sum();
    }
}
