package com.alliance.bench;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.jobs.Deadline;
import com.alliance.jobs.JobCatalog;
import com.alliance.ledger.PayeeSlices;
import com.alliance.jobs.JobDrain;
import com.alliance.jobs.ShardLeases;
import com.alliance.json.Period;
import com.alliance.ledger.Account;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.LedgerShards;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingState;
import com.alliance.ledger.SettlementCursors;
import com.alliance.local.EmbeddedDynamoDb;
import com.alliance.local.Provisioning;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Tables;
import com.alliance.settlement.DayCheck;
import com.alliance.settlement.DayLogRepository;
import com.alliance.settlement.ReconciliationJob;
import com.alliance.settlement.SettlementRepository;
import com.alliance.settlement.SettlementRun;
import com.alliance.settlement.SettlementService;
import com.alliance.settlement.SettlementSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * How fast one settlement run claims, on DynamoDB Local in memory: seeds settleable postings across
 * many payees (batch writes, each payee's postings balanced by one clearing posting), then times one
 * run from request to DRAFT (its payee slices built one after another in the request, given an hour) and prints lines
 * per second, write units and what that means at the settlement-runs job's concurrency; then writes the day log and times the close of the days, which checks every claim
 * of the run against its payee's cursor.
 *
 * <pre>
 *   mvn -B -q -DskipTests package
 *   java -cp infrastructure/target/alliance-local.jar com.alliance.bench.SettlementBenchmark [--postings 100000] [--payees 10000]
 * </pre>
 */
public final class SettlementBenchmark {

    private SettlementBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Flags flags = Flags.parse("SettlementBenchmark", "A settlement run over many settleable postings and payees.", args,
                new Flags.Flag("--postings", 100_000, 1, "settleable postings"),
                new Flags.Flag("--payees", 10_000, 1, "payees they belong to"),
                new Flags.Flag("--seed-threads", 4, 1, "threads writing the postings"));
        int postings = flags.intValue("--postings");
        int payees = flags.intValue("--payees");
        int seeders = flags.intValue("--seed-threads");
        if (postings < payees || payees < 1) {
            throw new IllegalArgumentException("need at least one posting per payee");
        }
        System.out.printf("settlement benchmark: %,d settleable postings across %,d payees, DynamoDB Local in memory%n",
                postings, payees);
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, Optional.empty())) {
            LedgerReadBenchmark.ReadMeter meter = new LedgerReadBenchmark.ReadMeter();
            DynamoDbClient client = FaultInjectionHarness.interceptedClient(dynamo.endpoint(), meter);
            Provisioning.createTables(client);
            Instant postedAt = Instant.now().minus(Duration.ofHours(1));

            long seedStart = System.nanoTime();
            seed(client, postings, payees, postedAt, seeders);
            System.out.printf("seeded in %.1f s%n", seconds(System.nanoTime() - seedStart));

            CapacityMeter capacity = new CapacityMeter();
            LedgerRepository ledger = new LedgerRepository(client);
            SettlementRepository runs = new SettlementRepository(client, ledger, capacity);
            SettlementService service = new SettlementService(runs, ledger, new ShardLeases(client),
                    SettlementSettings.defaults().withRequestBudget(Duration.ofHours(1)), Clock.systemUTC());
            Caller finance = new Caller("bench@alliance.local", Role.FINANCE, "platform");

            long start = System.nanoTime();
            SettlementRun run = service.create(finance, Instant.now(), "bench-" + System.nanoTime()).run();
            double elapsed = seconds(System.nanoTime() - start);

            double linesPerSecond = run.lineCount() / elapsed;
            double postingsPerSecond = postings / elapsed;
            // DynamoDB prices a transactional write at 2 units per item of up to 1 KB (every item here is),
            // plus 1 per index entry written: each line's two postings, its cursor leaving the due index and
            // its claim range's day entry (a transaction's slice item has no index entry)
            long modelled = 2 * capacity.transactionItems() + 4L * run.lineCount();
            System.out.printf("run %s: %s, %,d lines, %,d fen%n", run.runId(), run.status(), run.lineCount(), run.totalFen());
            System.out.printf("time %.1f s: %.0f lines/s, %.0f postings/s claimed%n", elapsed, linesPerSecond, postingsPerSecond);
            System.out.printf("writes: %,d transactions of %,d items; write units as DynamoDB bills them: %,d (%.1f per line); "
                    + "DynamoDB Local reported %,.0f%n", capacity.transactions(), capacity.transactionItems(), modelled,
                    (double) modelled / run.lineCount(), capacity.writeUnits());
            System.out.printf("this request built the run's %d payee slices one after another; the settlement-runs job builds up to"
                    + " %d at once, one worker each: about %,.0f lines/s at this rate%n", PayeeSlices.COUNT,
                    JobCatalog.get(JobCatalog.SETTLEMENT_RUNS).maxConcurrency(), linesPerSecond * JobCatalog.get(
                            JobCatalog.SETTLEMENT_RUNS).maxConcurrency());
            closeTheDays(client, dynamo, runs, ledger, meter);
        }
        // DynamoDB Local keeps a non-daemon housekeeping thread alive for minutes after it stops
        System.exit(0);
    }

    /**
     * Writes the ledger's stream into the day log and closes the days it holds, as the {@code ledger-days} job does
     * an hour after each ends: the close checks each of the run's claims against its payee's cursor (its claim range
     * against the postings it covers, the range before it and the cursor), besides the day's postings.
     */
    private static void closeTheDays(DynamoDbClient client, EmbeddedDynamoDb dynamo, SettlementRepository runs,
                                     LedgerRepository ledger, LedgerReadBenchmark.ReadMeter meter) {
        long begin = System.nanoTime();
        long records = ReconciliationBenchmark.writeDayLog(client, dynamo);
        System.out.printf("day log written in %.1f s (%,d stream records)%n", seconds(System.nanoTime() - begin), records);
        DayLogRepository days = new DayLogRepository(client);
        ReconciliationJob job = new ReconciliationJob(days, runs, ledger, ReconciliationJob.DEFAULT_LATENESS);
        LocalDate today = LocalDate.now(Period.DAY_ZONE);
        meter.reset();
        begin = System.nanoTime();
        int jobRuns = 0;
        while (days.latestCheckpoint().filter(c -> c.day().equals(today)).isEmpty()) {
            JobDrain.run(job, new ShardLeases(client), job.closesAt(today));
            jobRuns++;
        }
        double closing = seconds(System.nanoTime() - begin);
        long postings = 0, claims = 0, ranges = 0, mismatches = 0;
        boolean balanced = true;
        for (DayCheck.Checkpoint day : days.checkpoints(today.minusDays(1), today)) {
            postings += day.postings();
            claims += day.claims().posted().claims();
            ranges += day.claims().rangesChecked();
            mismatches += day.claims().mismatchCount() + day.runs().mismatchCount();
            balanced &= day.balanced();
        }
        System.out.printf("days closed in %.1f s in %d job run(s) of %d s: %,d postings, %,d claims and %,d claim ranges checked, "
                        + "%,d mismatches, %s; %,d items in %,d queries, %,.0f RU as DynamoDB Local reports them%n", closing,
                jobRuns, JobCatalog.get(JobCatalog.LEDGER_DAYS).budget().toSeconds(), postings, claims, ranges, mismatches,
                balanced ? "balanced" : "NOT balanced", meter.itemCount(), meter.queryCount(), meter.units());
    }

    /** Each payee: its postings SETTLEABLE on a host account, balanced by one clearing posting, and its cursor on the due index. */
    static void seed(DynamoDbClient client, int postings, int payees, Instant postedAt, int threads) throws Exception {
        LedgerRepository ledger = new LedgerRepository(client);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        int perThread = (payees + threads - 1) / threads;
        for (int t = 0; t < threads; t++) {
            int from = t * perThread;
            int to = Math.min(payees, from + perThread);
            work.add(pool.submit(() -> {
                Batch batch = new Batch(client);
                for (int p = from; p < to; p++) {
                    String host = String.format("h_bench%06d", p);
                    String order = "bench-" + host;
                    int count = postings / payees + (p < postings % payees ? 1 : 0);
                    // one event per payee, netting to zero, as the day's close checks every event does
                    String eventId = "seed-" + host;
                    List<Posting> set = new ArrayList<>();
                    long total = 0;
                    for (int i = 0; i < count; i++) {
                        long fen = 1_000 + (p * 31L + i * 17L) % 9_000;
                        total += fen;
                        set.add(new Posting(Posting.idOf(eventId, i), order, eventId, Account.host(host), fen,
                                PostingState.SETTLEABLE, "host commission settleable: order matured"));
                    }
                    set.add(new Posting(Posting.idOf(eventId, count), order, eventId, Account.orderClearing(order), -total,
                            PostingState.SETTLEABLE, "buyer payment: order matured"));
                    for (Posting posting : set) {
                        for (TransactWriteItem write : ledger.writes(List.of(posting), postedAt)) {
                            if (write.put() != null) {
                                batch.add(Tables.LEDGER.tableName(), write.put().item());
                            }
                        }
                    }
                    // every posting of the payee is of one order, so on one ledger shard with one cursor
                    batch.add(Tables.SETTLEMENT.tableName(), SettlementCursors.unclaimedItem(host, LedgerShards.of(set.get(0))));
                }
                batch.flush();
                return null;
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        pool.shutdown();
    }

    /** Up to 25 puts per BatchWriteItem, unprocessed items sent again. */
    private static final class Batch {
        private final DynamoDbClient client;
        private final List<Map.Entry<String, Map<String, AttributeValue>>> pending = new ArrayList<>();

        Batch(DynamoDbClient client) {
            this.client = client;
        }

        void add(String table, Map<String, AttributeValue> item) {
            pending.add(Map.entry(table, item));
            if (pending.size() == 25) {
                flush();
            }
        }

        void flush() {
            Map<String, List<WriteRequest>> requests = new java.util.HashMap<>();
            for (Map.Entry<String, Map<String, AttributeValue>> entry : pending) {
                requests.computeIfAbsent(entry.getKey(), t -> new ArrayList<>())
                        .add(WriteRequest.builder().putRequest(PutRequest.builder().item(entry.getValue()).build()).build());
            }
            pending.clear();
            while (!requests.isEmpty()) {
                BatchWriteItemResponse response = client.batchWriteItem(BatchWriteItemRequest.builder().requestItems(requests).build());
                requests = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
