package com.alliance.local;

import com.alliance.functions.Clients;
import com.alliance.functions.Functions;
import com.alliance.functions.LedgerDayLogFunction;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.functions.RunningCountsFunction;
import com.alliance.functions.JobDispatchFunction;
import com.alliance.functions.JobWorkerFunction;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.JobSpec;
import com.alliance.jobs.ShardLeases;
import com.alliance.functions.Settings;
import com.alliance.orders.AfterSaleWindow;
import java.util.Map;
import com.alliance.persistence.AwsClients;
import com.alliance.persistence.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole marketplace in one process: DynamoDB Local, ElasticMQ, the HTTP gateway over the API
 * functions, the SQS poller over the event function, the orders table's stream poller over the running
 * counts function, and per background job a clock over its dispatcher and pollers of its work queue over the jobs'
 * worker.
 */
public final class LocalRuntime implements AutoCloseable {

    /** Pollers of each job's work queue: items of several shards worked side by side, as Lambda scales out. */
    static final int WORKERS_PER_JOB = 2;

    private final List<AutoCloseable> parts = new ArrayList<>();
    private EmbeddedDynamoDb dynamoDb;
    private EmbeddedSqs sqs;
    private LocalGateway gateway;
    private DynamoDbClient dynamoDbClient;
    private SqsClient sqsClient;
    private String queueUrl;
    private Hs256Tokens tokens;
    private DevRoutes dev;
    private DynamoDbStreamPoller runningCounts;
    private Settings settings;
    /** Each job's dispatch takes the read lock; the demo's history in the past takes the write lock while it is written. */
    private final ReentrantReadWriteLock dispatching = new ReentrantReadWriteLock();

    private LocalRuntime(LocalOptions options, UnaryOperator<Settings> adjust) {
        try {
            startParts(options, adjust);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startParts(LocalOptions options, UnaryOperator<Settings> adjust) {
        dynamoDb = keep(EmbeddedDynamoDb.start(options.dynamoDbPort(), options.dataDir()));
        sqs = keep(EmbeddedSqs.start(options.sqsPort()));
        dynamoDbClient = keep(AwsClients.dynamoDb(dynamoDb.endpoint()));
        sqsClient = keep(AwsClients.sqs(sqs.endpoint()));
        Provisioning.createTables(dynamoDbClient);
        queueUrl = Provisioning.createQueues(sqsClient);

        // --after-sale-days sets the window of every category, so a demo can shorten it to minutes' worth
        settings = adjust.apply(Settings.fromEnvironment().withAfterSale(AfterSaleWindow.ofDays(options.afterSaleDays())));
        Clients clients = new Clients(dynamoDbClient, sqsClient, Clock.systemUTC(), settings);
        tokens = new Hs256Tokens(options.jwtSecret(), Clock.systemUTC(), Duration.ofHours(12));
        try {
            dev = new DevRoutes(tokens, sqsClient, queueUrl);
            gateway = keep(new LocalGateway(options.apiPort(), tokens, dev));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the API port " + options.apiPort(), e);
        }
        Functions.HTTP.forEach(f -> gateway.mount(f.logicalId(), f.factory().apply(clients)));
        gateway.start();
        keep(new SqsPoller(sqsClient, queueUrl, new OrderEventsFunction(clients), Functions.ORDER_EVENTS_ID, 2));
        runningCounts = keep(DynamoDbStreamPoller.polling(dynamoDbClient, dynamoDb.endpoint(), Tables.ORDERS.tableName(),
                new RunningCountsFunction(clients), Functions.RUNNING_COUNTS_ID, Duration.ofMillis(200)));
        keep(DynamoDbStreamPoller.polling(dynamoDbClient, dynamoDb.endpoint(), Tables.LEDGER.tableName(),
                new LedgerDayLogFunction(clients), Functions.LEDGER_DAY_LOG_ID, Duration.ofSeconds(1)).batchesOf(1_000));
        // each job on a clock of its own and a work queue of its own, worked by pollers of its own: as in AWS, one
        // job's backlog never holds up another's
        Map<String, String> workQueues = Provisioning.createJobQueues(sqsClient);
        JobDispatchFunction dispatcher = new JobDispatchFunction(clients);
        JobWorkerFunction worker = new JobWorkerFunction(clients);
        Duration workerTimeout = JobCatalog.longestBudget().plus(ShardLeases.MARGIN);
        for (JobSpec spec : JobCatalog.ALL) {
            keep(new JobClock(options.jobsEvery(), () -> {
                dispatching.readLock().lock();
                try {
                    dispatcher.handleRequest(Map.of("job", spec.name()), new LocalContext(Functions.JOB_DISPATCH_ID));
                } finally {
                    dispatching.readLock().unlock();
                }
            }));
            keep(new SqsPoller(sqsClient, workQueues.get(spec.name()), worker, Functions.JOB_WORKER_ID,
                    WORKERS_PER_JOB, 1, () -> new LocalContext(Functions.JOB_WORKER_ID, workerTimeout)));
        }
    }

    /** Starts everything; on any failure what already started is stopped again. */
    public static LocalRuntime start(LocalOptions options) {
        return new LocalRuntime(options, UnaryOperator.identity());
    }

    /** Starts with settings the environment does not give, e.g. fake-order rules on in a test whose JVM turns them off. */
    public static LocalRuntime start(LocalOptions options, UnaryOperator<Settings> adjust) {
        return new LocalRuntime(options, adjust);
    }

    /**
     * Seeds the demo marketplace through the API (and its history in the past through the services, while the jobs
     * wait) and lists its parties on the console's sign-in page.
     */
    DemoData.Seeded seedDemo() {
        DemoData.Seeded seeded = DemoData.of(this, new DemoHistory(dynamoDbClient, settings.samples(),
                dispatching.writeLock())).seed();
        dev.showDemo(seeded);
        return seeded;
    }

    /** The web console, served beside the API. */
    public URI consoleEndpoint() {
        return gateway.endpoint().resolve("/");
    }

    private <T extends AutoCloseable> T keep(T part) {
        parts.add(0, part);
        return part;
    }

    /**
     * Waits until the orders table's stream is folded up to now (running counts, report hours, the brands' audience),
     * as its poller would get there anyway: for a check that must not see the fold's writes of earlier work.
     */
    public void awaitRunningCounts() {
        runningCounts.drain(Duration.ofSeconds(60));
    }

    public URI apiEndpoint() {
        return gateway.endpoint();
    }

    public URI sqsEndpoint() {
        return sqs.endpoint();
    }

    public URI dynamoDbEndpoint() {
        return dynamoDb.endpoint();
    }

    public String orderEventsQueueUrl() {
        return queueUrl;
    }

    public DynamoDbClient dynamoDbClient() {
        return dynamoDbClient;
    }

    public SqsClient sqsClient() {
        return sqsClient;
    }

    public Hs256Tokens tokens() {
        return tokens;
    }

    @Override
    public void close() {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("stopping " + part.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
