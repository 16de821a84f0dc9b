package com.alliance.bench;

import com.alliance.functions.BackgroundJobs;
import com.alliance.functions.Clients;
import com.alliance.functions.JobDispatchFunction;
import com.alliance.functions.JobWorkerFunction;
import com.alliance.functions.Settings;
import com.alliance.jobs.Backlog;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.JobWorker;
import com.alliance.jobs.ShardLeases;
import com.alliance.jobs.WorkSink;
import com.alliance.json.Period;
import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.Posting;
import com.alliance.local.LocalContext;
import com.alliance.local.Provisioning;
import com.alliance.local.SqsPoller;
import com.alliance.orders.AfterSaleWindow;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.StoredOrder;
import com.alliance.persistence.CapacityMeter;
import com.alliance.risk.RiskSettings;
import com.alliance.settlement.DayLogRepository;
import com.alliance.settlement.SettlementRepository;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The background jobs under faults, against a clean pass. Two worlds are seeded alike: a settlement run waiting to be
 * built, orders whose deferred risk rules are due, orders that missed their shipping promise, orders past their
 * after-sale window, an ended ledger day with its log, sample requests past each kind of deadline (review, shipment,
 * auto-receipt, promise; some two deadlines past, some none) and pending applications to a targeted plan, most past
 * their review deadline ({@link SampleBacklogs}). In the clean world each job is drained in this process
 * ({@link BackgroundJobs#drain}), without faults. In the faulty world each job runs as in AWS: its dispatcher
 * ({@link JobDispatchFunction}) puts work items on an ElasticMQ queue, pollers over {@link JobWorkerFunction} work
 * them, and
 * <ul>
 *   <li>every work item, dispatched or handed on, is sent <b>twice</b>;</li>
 *   <li>workers are <b>killed</b> between two DynamoDB calls in the middle of a work item (their lease stays taken,
 *       their message comes back when its visibility runs out); a supervisor starts a new one, as Lambda would;</li>
 *   <li>the DynamoDB client throttles, <b>loses the responses of executed writes</b> (the SDK sends them again),
 *       refuses transactions as conflicts and has outages past the SDK's retries ({@link FaultInjector});</li>
 *   <li>each work item has a budget of a few seconds, so shards hand their work on many times.</li>
 * </ul>
 * When the faulty world stalls (its queue is empty but a dispatch finds shards with work held by the lease of a
 * killed worker), the harness moves the leases' clock on past {@link ShardLeases#QUEUED} rather than wait: the lease
 * runs out and the next dispatch gives the shard again. Then both worlds are compared: every order's state, risk rules
 * and review, every ledger position, the run's status, lines and payees' cursors, the day's checkpoint, every sample
 * request's state, deadline, receipt, slot and version (a step written twice would show in it), each host's taken
 * slots and each guard, every application's state and its guard, and every shard lease given back. The difference
 * must be nothing.
 * <p>
 * A full run with the defaults (2026-12-08, docs/benchmarks.md): 30 836 facts compared, 0 differ; 59 workers killed
 * mid-item (12 of them in {@code application-expiry}, 16 in {@code sample-deadlines}), 832 lost responses of executed
 * calls (45 and 63), 106 transaction conflicts, 35 outages past the SDK's retries; clean drains 271 s, faulty 382 s.
 *
 * <pre>
 *   java -cp infrastructure/target/alliance-local.jar com.alliance.bench.JobsFaultHarness [--orders 1000] [--payees 300]
 *       [--postings 6000] [--workers 6] [--kill-every 150] [--seed 42]
 * </pre>
 */
public final class JobsFaultHarness {

    private static final String QUEUE = "jobs-faults";
    private static final String RUN_ID = "run_faults";
    /** A work item's budget in the faulty world: short, so every shard hands its work on several times. */
    private static final Duration BUDGET = Duration.ofSeconds(2);
    private static final int VISIBILITY_SECONDS = 8;
    private static final Duration GIVE_UP = Duration.ofMinutes(30);
    /** The jobs compared, in the catalog's order (the order their schedules fire in every minute). */
    static final List<String> JOBS = List.of(JobCatalog.SETTLEMENT_RUNS, JobCatalog.RISK_REVIEW, JobCatalog.LATE_SHIPMENTS,
            JobCatalog.ORDER_MATURATION, JobCatalog.LEDGER_DAYS, JobCatalog.APPLICATION_EXPIRY, JobCatalog.SAMPLE_DEADLINES);

    private JobsFaultHarness() {
    }

    /** How big, how faulty. */
    public record Options(int orders, int payees, int postings, int workers, int killEvery, long seed,
                          double throttle, double lostResponse, double outage, double conflict) {

        public static Options defaults() {
            return new Options(1_000, 300, 6_000, 6, 150, 42, 0.02, 0.02, 0.001, 0.02);
        }

        public Options smaller(int orders, int payees, int postings, int killEvery) {
            return new Options(orders, payees, postings, workers, killEvery, seed, throttle, lostResponse, outage, conflict);
        }
    }

    /** The kills and lost responses injected while one job drained under faults. */
    public record JobFaults(long kills, long lostResponses) {
        static final JobFaults NONE = new JobFaults(0, 0);
    }

    /** What the run did and found; {@link #failures} is empty when every check passed. */
    public record Figures(Options options, long pictured, long differ, long workItemsSent, long handlerReceives,
                          long failedItems, long reportedFailures, long kills, long replacements,
                          long clockMoves, long dispatchFailures, long dynamoAttempts, long throttles,
                          long lostResponses, long conflicts, long outages, Map<String, Double> faultySeconds,
                          Map<String, Double> cleanSeconds, Map<String, JobFaults> jobFaults, List<String> failures) {

        public boolean passed() {
            return failures.isEmpty();
        }

        public String print() {
            StringBuilder out = new StringBuilder();
            out.append(String.format("%nJobs fault harness: dispatcher -> ElasticMQ -> SqsPoller -> JobWorkerFunction -> DynamoDB Local,"
                    + " with faults, against a clean drain%n"));
            out.append(String.format("  backlogs               %,d orders each for risk review, late shipments and maturation; a run of"
                    + " %,d payees; a ledger day of %,d postings; %,d sample requests over %,d hosts; %,d applications%n",
                    options.orders, options.payees, options.postings, options.orders, SampleBacklogs.hosts(options.orders),
                    options.orders));
            out.append(String.format("  work items             %,d sent (each twice), %,d handed to workers, %,d failed in their"
                    + " work (lease released with the error, the shard dispatched again), %,d reported failed (delivered again)%n",
                    workItemsSent, handlerReceives, failedItems, reportedFailures));
            out.append(String.format("  workers killed         %,d mid-item (%,d replacements); the leases' clock moved on %,d times"
                    + " to let a killed worker's lease run out%n", kills, replacements, clockMoves));
            out.append(String.format("  injected errors        %,d in %,d DynamoDB attempts: %,d throttled, %,d lost responses of executed"
                    + " calls, %,d transaction conflicts, %,d outages past the SDK's retries; %,d dispatches failed%n",
                    throttles + lostResponses + conflicts, dynamoAttempts, throttles, lostResponses, conflicts, outages,
                    dispatchFailures));
            out.append(String.format("  compared               %,d facts (orders, positions, run, lines, cursors, the day, sample"
                    + " requests, slots and guards, applications and guards), %,d differ%n",
                    pictured, differ));
            faultySeconds.forEach((job, seconds) -> out.append(String.format("  %-22s clean %.1f s, faulty %.1f s"
                    + " (%,d kills, %,d lost responses)%n", job, cleanSeconds.getOrDefault(job, 0.0), seconds,
                    jobFaults.getOrDefault(job, JobFaults.NONE).kills(),
                    jobFaults.getOrDefault(job, JobFaults.NONE).lostResponses())));
            out.append(failures.isEmpty() ? "  RESULT                 every check passed\n"
                    : "  RESULT                 FAILED:\n    - " + String.join("\n    - ", failures.subList(0,
                    Math.min(30, failures.size()))) + (failures.size() > 30 ? "\n    - …" : "") + "\n");
            return out.toString();
        }
    }

    public static void main(String[] args) throws Exception {
        Options d = Options.defaults();
        Flags flags = Flags.parse("JobsFaultHarness", "The background jobs through their queue under duplicated work items,"
                        + " killed workers and DynamoDB faults, against a clean drain: every fact must match.", args,
                new Flags.Flag("--orders", d.orders(), 1, "orders in each order backlog"),
                new Flags.Flag("--payees", d.payees(), 1, "payees of the settlement run"),
                new Flags.Flag("--postings", d.postings(), 3, "postings of the ended ledger day"),
                new Flags.Flag("--workers", d.workers(), 1, "workers polling the queue"),
                new Flags.Flag("--kill-every", d.killEvery(), 1, "a worker's DynamoDB calls between kills, on average"),
                new Flags.Flag("--seed", d.seed(), Long.MIN_VALUE, "random seed of the faults"));
        Options options = new Options(flags.intValue("--orders"), flags.intValue("--payees"), flags.intValue("--postings"),
                flags.intValue("--workers"), flags.intValue("--kill-every"), flags.longValue("--seed"), d.throttle(),
                d.lostResponse(), d.outage(), d.conflict());
        Figures figures = run(options);
        System.out.print(figures.print());
        System.exit(figures.passed() ? 0 : 1);
    }

    public static Figures run(Options options) throws Exception {
        // the worker logs every failed and stale item; the figures count them instead
        Configurator.setLevel(JobWorkerFunction.class.getName(), Level.OFF);
        Configurator.setLevel(JobWorker.class.getName(), Level.OFF);
        // the dispatcher logs each dispatch, the jobs each order, request or application an injected fault left for the
        // next dispatch
        Configurator.setLevel(JobDispatchFunction.class.getName(), Level.WARN);
        Configurator.setLevel("com.alliance.orders.IndexedOrderJob", Level.ERROR);
        Configurator.setLevel("com.alliance.samples.SampleDeadlinesJob", Level.ERROR);
        Configurator.setLevel("com.alliance.applications.ApplicationExpiryJob", Level.ERROR);
        Configurator.setLevel("com.amazonaws.services.dynamodbv2", Level.ERROR);
        Settings settings = Settings.defaults().withRisk(RiskSettings.defaults());
        List<String> failures = new ArrayList<>();
        Map<String, Double> cleanSeconds = new TreeMap<>();
        Map<String, Double> faultySeconds = new java.util.LinkedHashMap<>();
        Map<String, JobFaults> jobFaults = new TreeMap<>();
        try (JobsBenchmark.Stores clean = new JobsBenchmark.Stores(true);
             JobsBenchmark.Stores faulty = new JobsBenchmark.Stores(true)) {
            seed(clean, options);
            seed(faulty, options);
            System.out.println("jobs fault harness: both worlds seeded");

            BackgroundJobs cleanJobs = new BackgroundJobs(new Clients(clean.plain, clean.sqs, Clock.systemUTC(), settings));
            for (String job : JOBS) {
                long start = System.nanoTime();
                for (int round = 0; round < 100; round++) {
                    cleanJobs.drain(job);
                    long due = Backlog.sum(cleanJobs.get(job).backlogs(Instant.now())).due();
                    if (JobsBenchmark.finished(job, Map.of("due", due), clean.plain)) {
                        break;
                    }
                }
                cleanSeconds.put(job, (System.nanoTime() - start) / 1e9);
            }
            System.out.println("jobs fault harness: clean drains done " + cleanSeconds);

            FaultyWorld world = new FaultyWorld(faulty, options, settings);
            try {
                for (String job : JOBS) {
                    long start = System.nanoTime();
                    JobFaults before = new JobFaults(world.faults.kills(), world.faults.lostResponses());
                    if (!world.drain(job)) {
                        failures.add(job + " did not finish within " + GIVE_UP.toMinutes() + " minutes under faults");
                    }
                    faultySeconds.put(job, (System.nanoTime() - start) / 1e9);
                    jobFaults.put(job, new JobFaults(world.faults.kills() - before.kills(),
                            world.faults.lostResponses() - before.lostResponses()));
                    System.out.printf("jobs fault harness: %s done under faults in %.1f s%n", job, faultySeconds.get(job));
                }
            } finally {
                world.close();
            }

            SortedMap<String, String> expected = picture(clean.plain, options);
            SortedMap<String, String> actual = picture(faulty.plain, options);
            long differ = 0;
            for (String fact : union(expected, actual)) {
                String e = expected.get(fact);
                String a = actual.get(fact);
                if (!java.util.Objects.equals(e, a)) {
                    differ++;
                    failures.add(fact + ": clean " + e + ", faulty " + a);
                }
            }
            checkSeen(expected, options, failures);
            FaultInjector f = world.faults;
            if (f.kills() != world.replacements.get()) {
                failures.add(f.kills() + " kills injected but " + world.replacements.get() + " workers replaced");
            }
            return new Figures(options, expected.size(), differ, world.sent.get(), world.receives.get(),
                    failedInWork(faulty.plain), world.reported.get(), f.kills(), world.replacements.get(), world.clockMoves,
                    world.dispatchFailures, f.attempts(), f.throttles(), f.lostResponses(), f.conflicts(), f.outages(),
                    faultySeconds, cleanSeconds, jobFaults, failures);
        }
    }

    private static java.util.SortedSet<String> union(Map<String, String> a, Map<String, String> b) {
        java.util.SortedSet<String> all = new java.util.TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    /** The same backlogs in each world: the same ids, amounts and times (the seeding's clock is read once). */
    private static void seed(JobsBenchmark.Stores stores, Options options) throws Exception {
        JobBacklogs.settlement(stores.plain, options.payees(), RUN_ID);
        JobBacklogs.reviews(stores.plain, options.orders());
        JobBacklogs.lateOrders(stores.plain, options.orders());
        JobBacklogs.dueOrders(stores.plain, options.orders());
        JobBacklogs.ledgerDay(stores, options.postings());
        SampleBacklogs.samples(stores.plain, options.orders());
        SampleBacklogs.applications(stores.plain, options.orders());
    }

    /** The clean pass must have done each job's work, or the comparison proves nothing. */
    private static void checkSeen(SortedMap<String, String> clean, Options options, List<String> failures) {
        if (!clean.getOrDefault("run " + RUN_ID, "").startsWith("DRAFT")) {
            failures.add("the clean pass did not draft the run: " + clean.get("run " + RUN_ID));
        }
        if (clean.keySet().stream().noneMatch(fact -> fact.startsWith("day "))) {
            failures.add("the clean pass closed no ledger day");
        }
        long matured = clean.entrySet().stream().filter(e -> e.getKey().startsWith("order mature-")
                && e.getValue().contains("matured=Optional[")).count();
        long late = clean.entrySet().stream().filter(e -> e.getKey().startsWith("order late-")
                && e.getValue().contains("late=Optional[")).count();
        if (matured == 0 || late == 0) {
            failures.add("the clean pass matured " + matured + " orders and recorded " + late + " late shipments");
        }
        SampleBacklogs.checkSeen(clean, options.orders(), failures);
    }

    /** Work items whose work threw (an outage past the SDK's retries), as their shards' leases recorded them. */
    private static long failedInWork(DynamoDbClient client) {
        ShardLeases leases = new ShardLeases(client);
        return JOBS.stream().flatMap(job -> leases.read(job).shards().stream()).mapToLong(ShardLeases.ShardState::failedTotal).sum();
    }

    /**
     * What the jobs leave in a world, as facts by name: each seeded order (state, risk rules, review, posted
     * positions), each ledger position (order, account, party, state), the run with its totals, each run line and
     * each payee cursor, the closed day's checkpoint (without the time it was taken), and the seeded sample requests
     * and applications with their slots and guards ({@link SampleBacklogs#picture}).
     */
    static SortedMap<String, String> picture(DynamoDbClient client, Options options) {
        SortedMap<String, String> facts = new TreeMap<>();
        LedgerRepository ledger = new LedgerRepository(client);
        OrderRepository orders = new OrderRepository(client, ledger, new CapacityMeter(), AfterSaleWindow.defaults());
        for (String prefix : List.of("review", "late", "mature")) {
            for (int i = 0; i < options.orders(); i++) {
                String orderId = String.format("%s-%07d", prefix, i);
                StoredOrder order = orders.load(orderId);
                facts.put("order " + orderId, order.state() + " rules " + order.riskRules() + " review " + order.review()
                        + " posted " + new TreeMap<>(order.posted().entrySet().stream().collect(
                        java.util.stream.Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue))));
            }
        }
        Map<String, Long> positions = new TreeMap<>();
        ledger.forEachEntry(entry -> {
            Posting p = entry.posting();
            String party = p.account().type() == AccountType.ORDER_CLEARING ? "(the order)" : p.account().party();
            positions.merge("position " + p.orderId() + " " + p.account().type() + " " + party + " " + p.state(),
                    p.amountFen(), Long::sum);
        });
        positions.forEach((fact, fen) -> facts.put(fact, Long.toString(fen)));
        new SettlementRepository(client, ledger, new CapacityMeter()).forEachItem(
                run -> facts.put("run " + run.runId(), run.status() + " lines " + run.lineCount() + " total " + run.totalFen()),
                line -> facts.put("line " + line.runId() + " " + line.party() + " " + line.kind(), line.amountFen() + " "
                        + line.byAccount() + " " + line.status() + " " + line.carriedReason() + " " + line.claimedThrough()),
                cursor -> facts.put("cursor " + cursor.party() + " " + cursor.shard(), cursor.claimedThrough().toString()),
                Long.MAX_VALUE);
        LocalDate today = LocalDate.now(Period.DAY_ZONE);
        for (var checkpoint : new DayLogRepository(client).checkpoints(today.minusDays(10), today)) {
            facts.put("day " + checkpoint.day(), checkpoint.toString().replaceAll("checkedAt=[^,)]*", ""));
        }
        SampleBacklogs.picture(client, options.orders(), facts);
        return facts;
    }

    /** The faulty world: one queue for every job's work items, workers over it, the faults, the leases' clock. */
    private static final class FaultyWorld implements AutoCloseable {
        private final JobsBenchmark.Stores stores;
        private final Options options;
        private final FaultInjector faults;
        private final DynamoDbClient faultyClient;
        private final String queueUrl;
        private final AtomicReference<Duration> leaseClockAhead = new AtomicReference<>(Duration.ZERO);
        private final Clock leaseClock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.now().plus(leaseClockAhead.get());
            }
        };
        private final JobDispatchFunction dispatcher;
        private final RequestHandler<SQSEvent, SQSBatchResponse> worker;
        private final List<SqsPoller> pollers = new ArrayList<>();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong receives = new AtomicLong();
        private final AtomicLong reported = new AtomicLong();
        private final AtomicLong replacements = new AtomicLong();
        private long clockMoves;
        private long dispatchFailures;

        FaultyWorld(JobsBenchmark.Stores stores, Options options, Settings settings) {
            this.stores = stores;
            this.options = options;
            this.faults = new FaultInjector(new FaultInjector.Rates(options.throttle(), options.lostResponse(),
                    options.outage(), options.conflict(), options.killEvery()), options.seed(), "sqs-poller");
            this.faultyClient = FaultInjectionHarness.interceptedClient(stores.dynamo.endpoint(), faults);
            this.queueUrl = Provisioning.createQueues(stores.sqs, QUEUE, QUEUE + "-dlq", VISIBILITY_SECONDS);
            Clients clients = new Clients(faultyClient, stores.sqs, Clock.systemUTC(), settings);
            WorkSink twice = item -> {
                for (int copy = 0; copy < 2; copy++) {
                    stores.sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(item.toJson()));
                    sent.incrementAndGet();
                }
            };
            this.dispatcher = new JobDispatchFunction(clients, twice, leaseClock);
            JobWorkerFunction function = new JobWorkerFunction(clients, twice, leaseClock);
            this.worker = (event, context) -> {
                receives.addAndGet(event.getRecords().size());
                SQSBatchResponse response = function.handleRequest(event, context);
                reported.addAndGet(response.getBatchItemFailures().size());
                return response;
            };
            faults.enable();
            for (int w = 0; w < options.workers(); w++) {
                startWorker();
            }
        }

        private void startWorker() {
            pollers.add(new SqsPoller(stores.sqs, queueUrl, worker, "JobWorkerFunction", 1, 1,
                    () -> new LocalContext("JobWorkerFunction", Duration.ofSeconds(360))));
        }

        /**
         * Dispatches {@code job} until it is done: after each dispatch, waits until the queue is empty (replacing
         * killed workers); when a dispatch sends nothing while shards still have work, their leases are a killed
         * worker's, and the leases' clock moves on past them.
         */
        boolean drain(String job) throws InterruptedException {
            long giveUpAt = System.nanoTime() + GIVE_UP.toNanos();
            while (System.nanoTime() < giveUpAt) {
                Map<String, Object> report;
                try {
                    report = dispatcher.dispatch(Map.of("job", job, "budgetSeconds", BUDGET.toSeconds()));
                } catch (RuntimeException e) {
                    dispatchFailures++;        // the schedule fires again next period
                    Thread.sleep(200);
                    continue;
                }
                if (JobsBenchmark.finished(job, report, stores.plain)
                        && ((Number) report.get("shardsWithWork")).intValue() == 0) {
                    return true;
                }
                if (((Number) report.get("shardsDispatched")).intValue() == 0
                        && ((Number) report.get("finished")).intValue() == 0) {
                    leaseClockAhead.accumulateAndGet(ShardLeases.QUEUED.plus(ShardLeases.MARGIN).plus(BUDGET), Duration::plus);
                    clockMoves++;
                }
                do {
                    Thread.sleep(100);
                    while (replacements.get() < faults.kills()) {
                        startWorker();
                        replacements.incrementAndGet();
                    }
                } while (FaultInjectionHarness.messagesLeft(stores.sqs, queueUrl) > 0);
            }
            return false;
        }

        @Override
        public void close() {
            faults.disable();
            pollers.forEach(SqsPoller::close);
            faultyClient.close();
        }
    }
}
