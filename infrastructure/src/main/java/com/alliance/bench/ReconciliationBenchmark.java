package com.alliance.bench;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.functions.Clients;
import com.alliance.functions.Functions;
import com.alliance.functions.LedgerDayLogFunction;
import com.alliance.jobs.Deadline;
import com.alliance.jobs.JobDrain;
import com.alliance.jobs.ShardLeases;
import com.alliance.json.Period;
import com.alliance.ledger.Account;
import com.alliance.ledger.LedgerRepository;
import com.alliance.local.DynamoDbStreamPoller;
import com.alliance.local.EmbeddedDynamoDb;
import com.alliance.local.Provisioning;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Tables;
import com.alliance.settlement.DayLogRepository;
import com.alliance.settlement.DayReconciliation;
import com.alliance.settlement.FinanceReports;
import com.alliance.settlement.ReconciliationJob;
import com.alliance.settlement.SettlementRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reconciliation by day, on DynamoDB Local in memory: seeds one big day of {@code --postings} postings (three
 * per order: the buyer's payment on the order's clearing account, a host's commission, the platform's fee; a
 * thousand hosts) and {@code --days} − 1 small days after it, writes the ledger's stream into the day log
 * through the real {@link LedgerDayLogFunction} (batches of 1 000, as the mapping), then times the job closing
 * the big day (its 64 slices worked one after another in this process by {@link JobDrain}, each within the job's budget,
 * each slice's party shards checkpointed), closes
 * the rest, times the first balance of a host and of the platform after the close (never read before), and times
 * {@code GET /finance/reconciliation/days} over all of them and the full reconciliation over the same ledger.
 *
 * <pre>
 *   java -cp infrastructure/target/alliance-local.jar com.alliance.bench.ReconciliationBenchmark [--postings 100000] [--days 30]
 * </pre>
 */
public final class ReconciliationBenchmark {

    private static final int HOSTS = 1_000;
    private static final int SMALL_DAY_ORDERS = 10;

    private ReconciliationBenchmark() {
    }

    public static void main(String[] args) {
        Flags flags = Flags.parse("ReconciliationBenchmark",
                "A day of postings checkpointed from the day log, and reconciliation read from the checkpoints.", args,
                new Flags.Flag("--postings", 100_000, 3, "postings of the big day (three per order)"),
                new Flags.Flag("--days", 30, 1, "days checkpointed, the big day first"),
                new Flags.Flag("--samples", 20, 1, "timed API reads"));
        int orders = flags.intValue("--postings") / 3;
        int days = flags.intValue("--days");
        int samples = flags.intValue("--samples");
        LocalDate bigDay = LocalDate.now(Period.DAY_ZONE).minusDays(days + 1L);
        System.out.printf("reconciliation benchmark: %,d postings on %s, then %d days of %d orders, DynamoDB Local in memory%n",
                orders * 3, bigDay, days - 1, SMALL_DAY_ORDERS);
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, Optional.empty())) {
            LedgerReadBenchmark.ReadMeter meter = new LedgerReadBenchmark.ReadMeter();
            DynamoDbClient client = FaultInjectionHarness.interceptedClient(dynamo.endpoint(), meter);
            Provisioning.createTables(client);
            LedgerRepository ledger = new LedgerRepository(client);

            long begin = System.nanoTime();
            Instant dayStart = bigDay.atStartOfDay(Period.DAY_ZONE).toInstant();
            seed(client, ledger, "big", orders, dayStart, Duration.ofDays(1));
            for (int d = 1; d < days; d++) {
                seed(client, ledger, "day" + d, SMALL_DAY_ORDERS, dayStart.plus(Duration.ofDays(d)), Duration.ofDays(1));
            }
            System.out.printf("%-44s %8.1f s%n", "seeded (batch writes)", (System.nanoTime() - begin) / 1e9);

            begin = System.nanoTime();
            long records = writeDayLog(client, dynamo);
            double seconds = (System.nanoTime() - begin) / 1e9;
            System.out.printf("%-44s %8.1f s, %,.0f postings/s (%,d stream records)%n", "day log written",
                    seconds, records / seconds, records);

            DayLogRepository days0 = new DayLogRepository(client);
            ReconciliationJob job = new ReconciliationJob(days0, new SettlementRepository(client, ledger, new CapacityMeter()),
                    ledger, ReconciliationJob.DEFAULT_LATENESS);
            ShardLeases leases = new ShardLeases(client);
            meter.reset();
            begin = System.nanoTime();
            int runs = 0;
            while (days0.latestCheckpoint().isEmpty()) {
                JobDrain.run(job, leases, job.closesAt(bigDay));
                runs++;
            }
            double closing = (System.nanoTime() - begin) / 1e9;
            var big = days0.latestCheckpoint().orElseThrow();
            System.out.printf("%-44s %8.1f s in %d job run(s), %,.0f RU, %,d items in %,d queries: %s, %,d postings, %,d causes%n",
                    "big day checkpointed", closing, runs, meter.units(), meter.itemCount(), meter.queryCount(),
                    big.balanced() ? "balanced" : "NOT balanced", big.postings(), big.causes());
            JobDrain.run(job, leases, Instant.now());

            // closing the days checkpointed every party shard they touched: a first balance reads what came after
            for (String party : List.of("h_bench0", Account.PLATFORM)) {
                meter.reset();
                long read = System.nanoTime();
                ledger.totals(party, Instant.now());
                System.out.printf("%-44s %8.1f ms, %,d items in %,d queries%n", "first balance after the close, " + party,
                        (System.nanoTime() - read) / 1e6, meter.itemCount(), meter.queryCount());
            }

            Caller finance = new Caller("bench", Role.FINANCE, Account.PLATFORM);
            DayReconciliation api = new DayReconciliation(days0, Clock.systemUTC());
            Optional<String> from = Optional.of(bigDay.toString());
            Optional<String> to = Optional.of(bigDay.plusDays(days - 1L).toString());
            int[] listed = {0};
            time("reconciliation/days, " + days + " checkpoints", samples, meter, () -> {
                var report = api.report(finance, from, to);
                listed[0] = report.days().size();
                return report.balanced() ? 1 : 0;
            });
            FinanceReports full = new FinanceReports(ledger, new SettlementRepository(client, ledger, new CapacityMeter()),
                    Clock.systemUTC(), Long.MAX_VALUE);
            time("full reconciliation (scan), same ledger", Math.min(samples, 3), meter,
                    () -> full.reconcile(finance).balanced() ? 1 : 0);
            System.out.printf("checkpoints listed: %d%n", listed[0]);
        }
        // DynamoDB Local keeps a non-daemon housekeeping thread alive for minutes after it stops
        System.exit(0);
    }

    /**
     * Writes the ledger table's stream, everything on it so far, into the day log through the real
     * {@link LedgerDayLogFunction} in batches of 1 000 (as the event source mapping reads them); answers the stream
     * records handed to it.
     */
    static long writeDayLog(DynamoDbClient client, EmbeddedDynamoDb dynamo) {
        try (DynamoDbStreamPoller log = DynamoDbStreamPoller.onDemand(client, dynamo.endpoint(), Tables.LEDGER.tableName(),
                new LedgerDayLogFunction(new Clients(client, null, Clock.systemUTC())), Functions.LEDGER_DAY_LOG_ID)
                .batchesOf(1_000)) {
            log.drain(Duration.ofMinutes(30));
            return log.recordCount();
        }
    }

    /** {@code count} orders spread over {@code span} from {@code start}, three balanced postings each. */
    static void seed(DynamoDbClient client, LedgerRepository ledger, String prefix, int count, Instant start,
                             Duration span) {
        LedgerReadBenchmark.seedOrders(client, ledger, 0, count, i -> String.format("o_%s_%07d", prefix, i),
                i -> start.plusNanos(span.toNanos() / count * i), i -> "h_bench" + (i % HOSTS));
    }

    private static void time(String what, int samples, LedgerReadBenchmark.ReadMeter meter, Supplier<Integer> read) {
        LedgerReadBenchmark.Timed t = meter.time(1, samples, read);
        System.out.printf("%-44s median %8.1f ms, p90 %8.1f ms, %,9.1f RU, %,8d items in %,d queries%n", what,
                t.medianMs(), t.p90Ms(), t.units(), t.items(), t.queries());
    }
}
