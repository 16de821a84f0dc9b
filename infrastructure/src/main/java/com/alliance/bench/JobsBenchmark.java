package com.alliance.bench;

import com.alliance.functions.Clients;
import com.alliance.functions.JobDispatchFunction;
import com.alliance.functions.JobWorkerFunction;
import com.alliance.functions.Settings;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.JobSpec;
import com.alliance.jobs.WorkItem;
import com.alliance.ledger.LedgerRepository;
import com.alliance.local.EmbeddedDynamoDb;
import com.alliance.local.EmbeddedSqs;
import com.alliance.local.LocalContext;
import com.alliance.local.Provisioning;
import com.alliance.local.SqsPoller;
import com.alliance.persistence.AwsClients;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Queues;
import com.alliance.persistence.Tables;
import com.alliance.risk.RiskSettings;
import com.alliance.settlement.DayLogRepository;
import com.alliance.settlement.RunStatus;
import com.alliance.settlement.SettlementRepository;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * How the background jobs keep up: for each job a backlog is seeded on DynamoDB Local (batch writes of the items as
 * the commits would have left them) and drained through the jobs' real path, the dispatcher putting work items on
 * the job's ElasticMQ queue and {@code --workers} workers (each a poller over its own {@link JobWorkerFunction}, on a
 * DynamoDB client of its own) working them, first with one worker, then with many. Every worker's client goes through
 * one {@link TransactionConflictEmulator} (a transaction holds its items 15 ms and another naming one is refused), and
 * records the items it writes ({@link ItemWriters}), so the run counts what workers refused each other and what items
 * two workers wrote: the design's goals are 0 and 0. A separate pass of each job with one worker under the
 * {@link CapacityModel} charges its writes to their partitions by DynamoDB's published rules.
 *
 * <p>DynamoDB Local runs one request at a time, so many workers are no faster here than one: the ceilings come from
 * one worker's rate times the job's concurrency in template.yaml, the absence of conflicts between workers, and the
 * partition model (1 000 write units a second a partition), whichever is lower.
 *
 * <pre>
 *   java -cp infrastructure/target/alliance-local.jar com.alliance.bench.JobsBenchmark [--orders 20000] [--reviews 20000]
 *       [--postings 100000] [--payees 10000] [--workers 8] [--isolation-reviews 100000] [--model 300]
 * </pre>
 */
public final class JobsBenchmark {

    /** The worker function's timeout in template.yaml. */
    private static final Duration WORKER_TIMEOUT = Duration.ofSeconds(360);

    private JobsBenchmark() {
    }

    /** One drain of one job with some workers. */
    record Drain(String job, int workers, long items, double seconds, long refusedTransactions, long refusedWrites,
                 long refusedBetweenWorkers, long writtenByTwo, long written, List<String> sharedExamples) {

        double perSecond() {
            return items / seconds;
        }
    }

    /** What the partition model says of a job: the busiest partition at scale and the items a second it allows. */
    record Model(String busiest, double unitsPerItem, double ceiling) {
    }

    public static void main(String[] args) throws Exception {
        Flags flags = Flags.parse("JobsBenchmark", "Each background job drains a seeded backlog through its work queue with 1 "
                        + "worker and with many, under the transaction-conflict emulator; ceilings from the capacity model.", args,
                new Flags.Flag("--orders", 20_000, 0, "due orders for maturation and for late shipments (0 skips them)"),
                new Flags.Flag("--reviews", 20_000, 0, "orders under review (0 skips the risk review)"),
                new Flags.Flag("--postings", 100_000, 0, "postings of a ledger day (0 skips the day close)"),
                new Flags.Flag("--payees", 10_000, 0, "payees of a settlement run, 10 settleable postings each (0 skips it)"),
                new Flags.Flag("--workers", 8, 2, "workers of the many-worker drain"),
                new Flags.Flag("--isolation-reviews", 100_000, 0, "reviews queued beside maturation's drain (0 skips it)"),
                new Flags.Flag("--model", 300, 10, "items of each capacity-model pass"));
        Configurator.setLevel("com.alliance", Level.WARN);
        Configurator.setLevel("com.amazonaws.services.dynamodbv2", Level.ERROR);
        int many = flags.intValue("--workers");
        int modelItems = flags.intValue("--model");
        List<String> lines = new ArrayList<>();
        System.out.printf("jobs benchmark: DynamoDB Local and ElasticMQ in this JVM, %d cores; drains with 1 and %d workers%n",
                Runtime.getRuntime().availableProcessors(), many);

        int orders = flags.intValue("--orders");
        if (orders > 0) {
            lines.add(job(JobCatalog.ORDER_MATURATION, orders, many, modelItems,
                    (stores, n) -> JobBacklogs.dueOrders(stores.plain, n), "orders", 1_200, Optional.empty()));
            lines.add(job(JobCatalog.LATE_SHIPMENTS, orders, many, modelItems,
                    (stores, n) -> JobBacklogs.lateOrders(stores.plain, n), "orders", 1_200, Optional.empty()));
        }
        int reviews = flags.intValue("--reviews");
        if (reviews > 0) {
            lines.add(job(JobCatalog.RISK_REVIEW, reviews, many, modelItems,
                    (stores, n) -> JobBacklogs.reviews(stores.plain, n), "orders", 1_200, Optional.of(3_000_000L)));
        }
        int payees = flags.intValue("--payees");
        if (payees > 0) {
            lines.add(job(JobCatalog.SETTLEMENT_RUNS, payees, many, Math.min(modelItems, payees),
                    (stores, n) -> JobBacklogs.settlement(stores.plain, n), "lines", 0, Optional.of(1_000_000L)));
        }
        int postings = flags.intValue("--postings");
        if (postings > 0) {
            lines.add(job(JobCatalog.LEDGER_DAYS, postings, many, Math.min(postings, 30_000), JobBacklogs::ledgerDay,
                    "postings", 0, Optional.of(300_000_000L)));
        }
        int isolation = flags.intValue("--isolation-reviews");
        if (isolation > 0 && orders > 0) {
            lines.add(isolation(Math.min(orders, 10_000), isolation));
        }
        System.out.println();
        System.out.println("summary");
        lines.forEach(System.out::println);
        System.exit(0);
    }

    /** Seeds a backlog of {@code items} into fresh stores and answers how many items the job will work off. */
    @FunctionalInterface
    interface Seed {
        long seed(Stores stores, int items) throws Exception;
    }

    /**
     * One job: drains with one worker and with {@code many}, then a capacity-model pass; prints the figures and the
     * goal, and answers its summary line.
     *
     * @param goalPerSecond items a second the job must sustain at the template's concurrency (0: none)
     * @param goalItems     a backlog the job must work off within its goal time (the flash sale's reviews, a
     *                      million payees, 300 million postings)
     */
    private static String job(String name, int size, int many, int modelItems, Seed seed, String unit, long goalPerSecond,
                              Optional<Long> goalItems) throws Exception {
        JobSpec spec = JobCatalog.get(name);
        Drain one = drain(name, size, 1, seed);
        Drain several = drain(name, size, many, seed);
        Model model = model(name, modelItems, seed);
        int concurrency = spec.maxConcurrency();
        double perWorker = one.perSecond();
        double byWorkers = perWorker * concurrency;
        double ceiling = Math.min(byWorkers, model.ceiling());
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n%s (%s): %,d %s%n", name, spec.about(), size, unit));
        for (Drain d : List.of(one, several)) {
            out.append(String.format("  %d worker%s: %,d %s in %.1f s, %,.0f %s/s; transactions refused %,d, single writes refused %,d,"
                            + " of them between workers %,d; items written by two workers %,d of %,d%s%n", d.workers(),
                    d.workers() == 1 ? " " : "s", d.items(), unit, d.seconds(), d.perSecond(), unit, d.refusedTransactions(),
                    d.refusedWrites(), d.refusedBetweenWorkers(), d.writtenByTwo(), d.written(),
                    d.sharedExamples().isEmpty() ? "" : " " + d.sharedExamples()));
        }
        out.append(String.format("  per worker %,.0f %s/s x template concurrency %d = %,.0f %s/s; partition model: busiest %s,"
                        + " %.4f WU per item -> %,.0f %s/s; ceiling %,.0f %s/s%n", perWorker, unit, concurrency, byWorkers, unit,
                model.busiest(), model.unitsPerItem(), model.ceiling(), unit, ceiling, unit));
        String goals = "";
        if (goalPerSecond > 0) {
            goals += String.format("sustains %,.0f/s (goal >= %,d: %s)", ceiling, goalPerSecond, ceiling >= goalPerSecond ? "met" : "NOT met");
        }
        if (goalItems.isPresent()) {
            double seconds = goalItems.get() / ceiling;
            Duration limit = switch (name) {
                case JobCatalog.LEDGER_DAYS -> Duration.ofHours(6);
                default -> Duration.ofMinutes(15);
            };
            goals += (goals.isEmpty() ? "" : "; ") + String.format("%,d %s in %s (goal <= %s: %s)", goalItems.get(), unit,
                    human(seconds), human(limit.toSeconds()), seconds <= limit.toSeconds() ? "met" : "NOT met");
        }
        if (!goals.isEmpty()) {
            out.append("  ").append(goals).append('\n');
        }
        System.out.print(out);
        return String.format("  %-16s 1 worker %,7.0f %s/s; %d workers: %,d refused between workers, %,d items written by two;"
                        + " ceiling %,.0f %s/s%s", name, perWorker, unit, many, several.refusedBetweenWorkers(), several.writtenByTwo(),
                ceiling, unit, goals.isEmpty() ? "" : "; " + goals);
    }

    private static String human(double seconds) {
        return seconds >= 3_600 ? String.format("%.1f h", seconds / 3_600)
                : seconds >= 60 ? String.format("%.1f min", seconds / 60) : String.format("%.1f s", seconds);
    }

    /**
     * The stores of one drain: DynamoDB Local and ElasticMQ, tables and the jobs' queues. The tables have their
     * change streams only where the seeding reads one (the ledger day's log): no job reads a stream, and DynamoDB
     * Local pays for a stream on every write, which would halve a worker's rate here and not in AWS.
     */
    static final class Stores implements AutoCloseable {
        final EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, Optional.empty());
        final EmbeddedSqs queues = EmbeddedSqs.start(0);
        final DynamoDbClient plain = AwsClients.dynamoDb(dynamo.endpoint());
        final SqsClient sqs = AwsClients.sqs(queues.endpoint());

        Stores(boolean streams) {
            if (streams) {
                Provisioning.createTables(plain);
            } else {
                Provisioning.createTablesWithoutStreams(plain);
            }
            Provisioning.createJobQueues(sqs);
        }

        @Override
        public void close() {
            plain.close();
            sqs.close();
            queues.close();
            dynamo.close();
        }
    }

    /** The settings users run: every fake-order rule on. */
    private static Settings settings() {
        return Settings.defaults().withRisk(RiskSettings.defaults());
    }

    /**
     * Seeds a backlog and drains it: the dispatcher every half second, {@code workers} pollers each over a worker of
     * its own, until the job has nothing more to do.
     */
    private static Drain drain(String name, int size, int workers, Seed seed) throws Exception {
        return drain(name, size, workers, seed, true);
    }

    private static Drain drain(String name, int size, int workers, Seed seed, boolean emulate) throws Exception {
        try (Stores stores = new Stores(name.equals(JobCatalog.LEDGER_DAYS))) {
            long items = seed.seed(stores, size);
            TransactionConflictEmulator conflicts = new TransactionConflictEmulator();
            ItemWriters writers = new ItemWriters(Tables.JOBS.tableName());
            String queueUrl = stores.sqs.getQueueUrl(b -> b.queueName(Queues.jobQueue(name))).queueUrl();
            List<SqsPoller> pollers = new ArrayList<>();
            List<DynamoDbClient> clients = new ArrayList<>();
            JobDispatchFunction dispatcher = new JobDispatchFunction(new Clients(stores.plain, stores.sqs, Clock.systemUTC(),
                    settings()));
            long start = System.nanoTime();
            try {
                for (int w = 0; w < workers; w++) {
                    AtomicReference<String> shardInHand = new AtomicReference<>("none");
                    DynamoDbClient client = emulate
                            ? FaultInjectionHarness.interceptedClient(stores.dynamo.endpoint(), writers.tag(shardInHand::get), conflicts)
                            : FaultInjectionHarness.interceptedClient(stores.dynamo.endpoint(), writers.tag(shardInHand::get));
                    clients.add(client);
                    JobWorkerFunction worker = new JobWorkerFunction(new Clients(client, stores.sqs, Clock.systemUTC(), settings()));
                    RequestHandler<SQSEvent, SQSBatchResponse> inHand = (event, context) -> {
                        WorkItem item = WorkItem.parse(event.getRecords().get(0).getBody());
                        shardInHand.set(item.job() + "#" + item.shard());
                        return worker.handleRequest(event, context);
                    };
                    pollers.add(new SqsPoller(stores.sqs, queueUrl, inHand, "JobWorkerFunction", 1, 1,
                            () -> new LocalContext("JobWorkerFunction", WORKER_TIMEOUT)));
                }
                untilDone(name, dispatcher, stores);
            } finally {
                pollers.forEach(SqsPoller::close);
                clients.forEach(DynamoDbClient::close);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Drain(name, workers, items, seconds, conflicts.refusedTransactions(), conflicts.refusedWrites(),
                    conflicts.refusedBetweenOwners(), writers.writtenByTwo(), writers.written(),
                    List.copyOf(writers.examples()));
        }
    }

    /**
     * Dispatches the job, waits until its queue is empty (its items and what they hand on worked), and again, until a
     * dispatch finds it done: nothing due, or its run drafted, or its day closed. The dispatcher reads every shard's
     * backlog, so it runs only between waves here, as a schedule's period apart would have it, not beside the workers.
     */
    private static void untilDone(String name, JobDispatchFunction dispatcher, Stores stores) throws InterruptedException {
        while (true) {
            Map<String, Object> report = dispatcher.dispatch(Map.of("job", name,
                    "budgetSeconds", JobCatalog.get(name).budget().toSeconds()));
            if (finished(name, report, stores.plain)) {
                return;
            }
            do {
                Thread.sleep(100);
            } while (messagesLeft(stores, name) > 0);
        }
    }

    /** Whether a job whose dispatch answered {@code report} is done: nothing due, or its run drafted, or its day closed. */
    static boolean finished(String name, Map<String, Object> report, DynamoDbClient client) {
        return switch (name) {
            case JobCatalog.SETTLEMENT_RUNS -> new SettlementRepository(client, new LedgerRepository(client),
                    new CapacityMeter()).withStatus(RunStatus.BUILDING).isEmpty();
            case JobCatalog.LEDGER_DAYS -> new DayLogRepository(client).latestCheckpoint().isPresent();
            default -> ((Number) report.get("due")).longValue() == 0;
        };
    }

    private static int messagesLeft(Stores stores, String job) {
        String url = stores.sqs.getQueueUrl(b -> b.queueName(Queues.jobQueue(job))).queueUrl();
        Map<software.amazon.awssdk.services.sqs.model.QueueAttributeName, String> attributes = stores.sqs.getQueueAttributes(b -> b
                .queueUrl(url).attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    /** A pass of the job with one worker under the capacity model: its busiest partition at scale. */
    private static Model model(String name, int items, Seed seed) throws Exception {
        try (Stores stores = new Stores(name.equals(JobCatalog.LEDGER_DAYS))) {
            long seeded = seed.seed(stores, items);
            CapacityModel model = new CapacityModel(stores.plain);
            DynamoDbClient client = FaultInjectionHarness.interceptedClient(stores.dynamo.endpoint(), new JobsTableLeftOut(model));
            try {
                String queueUrl = stores.sqs.getQueueUrl(b -> b.queueName(Queues.jobQueue(name))).queueUrl();
                JobWorkerFunction worker = new JobWorkerFunction(new Clients(client, stores.sqs, Clock.systemUTC(), settings()));
                try (SqsPoller poller = new SqsPoller(stores.sqs, queueUrl, worker, "JobWorkerFunction", 1, 1,
                        () -> new LocalContext("JobWorkerFunction", WORKER_TIMEOUT))) {
                    untilDone(name, new JobDispatchFunction(new Clients(stores.plain, stores.sqs, Clock.systemUTC(), settings())),
                            stores);
                }
            } finally {
                client.close();
            }
            CapacityModel.Report report = model.report(name, (int) seeded);
            return new Model(report.busiestAtScale().name(), report.busiestAtScale().units() / seeded, report.ceilingAtScale());
        }
    }

    /** The capacity model, blind to the jobs table: a lease is written per work item, not per item of work. */
    private record JobsTableLeftOut(CapacityModel model) implements ExecutionInterceptor {

        private boolean leases(software.amazon.awssdk.core.SdkRequest request) {
            return String.valueOf(request).contains(Tables.JOBS.tableName());
        }

        @Override
        public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                    software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            if (!leases(context.request())) {
                model.beforeExecution(context, attributes);
            }
        }

        @Override
        public void afterExecution(software.amazon.awssdk.core.interceptor.Context.AfterExecution context,
                                   software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            if (!leases(context.request())) {
                model.afterExecution(context, attributes);
            }
        }
    }

    /**
     * Maturation's drain with a backlog of reviews beside it: with the reviews queued and unworked, then with their own
     * workers working them at the same time. Each job has its own schedule and queue, so maturation's items never wait
     * behind reviews; here both share one DynamoDB Local and two cores, which only the second pair of figures shows.
     */
    private static String isolation(int orders, int reviews) throws Exception {
        double alone = isolationRun(orders, 0, false);
        double queued = isolationRun(orders, reviews, false);
        double worked = isolationRun(orders, reviews, true);
        String line = String.format("  isolation        maturation of %,d orders, 1 worker: alone %,.0f orders/s; with %,d reviews queued"
                        + " %,.0f orders/s (%.2f); with them worked beside it on the same 2 cores and DynamoDB Local %,.0f orders/s (%.2f)",
                orders, alone, reviews, queued, queued / alone, worked, worked / alone);
        System.out.printf("%nno job waits for another:%n%s%n", line);
        return line;
    }

    private static double isolationRun(int orders, int reviews, boolean workReviews) throws Exception {
        try (Stores stores = new Stores(false)) {
            JobBacklogs.dueOrders(stores.plain, orders);
            if (reviews > 0) {
                JobBacklogs.reviews(stores.plain, reviews);
            }
            Clients clients = new Clients(stores.plain, stores.sqs, Clock.systemUTC(), settings());
            JobDispatchFunction dispatcher = new JobDispatchFunction(clients);
            List<SqsPoller> pollers = new ArrayList<>();
            try {
                if (reviews > 0) {
                    dispatcher.dispatch(Map.of("job", JobCatalog.RISK_REVIEW));
                    if (workReviews) {
                        pollers.add(new SqsPoller(stores.sqs, stores.sqs.getQueueUrl(b -> b.queueName(Queues.jobQueue(
                                JobCatalog.RISK_REVIEW))).queueUrl(), new JobWorkerFunction(clients), "JobWorkerFunction", 1, 1,
                                () -> new LocalContext("JobWorkerFunction", WORKER_TIMEOUT)));
                    }
                }
                pollers.add(new SqsPoller(stores.sqs, stores.sqs.getQueueUrl(b -> b.queueName(Queues.jobQueue(
                        JobCatalog.ORDER_MATURATION))).queueUrl(), new JobWorkerFunction(clients), "JobWorkerFunction", 1, 1,
                        () -> new LocalContext("JobWorkerFunction", WORKER_TIMEOUT)));
                long start = System.nanoTime();
                untilDone(JobCatalog.ORDER_MATURATION, dispatcher, stores);
                return orders / ((System.nanoTime() - start) / 1e9);
            } finally {
                pollers.forEach(SqsPoller::close);
            }
        }
    }
}
