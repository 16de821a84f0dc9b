package com.alliance.local;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.PositionKey;
import com.alliance.ledger.Positions;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.StoredOrder;
import com.alliance.persistence.AwsClients;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.TableDefinition;
import com.alliance.persistence.Tables;
import com.alliance.settlement.FinanceReports;
import com.alliance.settlement.Reconciliation;
import com.alliance.settlement.SettlementRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The restore drill, on DynamoDB Local: every table of a running marketplace exported to files ({@link TableExport}),
 * loaded into a fresh store, and the copy proved against the original the way finance would trust it: the whole
 * ledger reconciles (debits = credits, every order's clearing nets to zero, every run's lines and every payee's claims
 * against their postings), every party's balances are equal in both, and every order's postings are present (what they
 * add up to is what the order says it posted). The AWS equivalent, a point-in-time restore into a new stack, is in
 * docs/deployment.md.
 *
 * <pre>java -cp infrastructure/target/alliance-local.jar com.alliance.local.RestoreDrill [--seconds 30]</pre>
 * starts a demo marketplace, lets its jobs run that long, and drills it.
 */
public final class RestoreDrill {

    private static final Caller FINANCE = new Caller("restore-drill", Role.FINANCE, "platform");

    /**
     * @param items           per table, the items exported and loaded
     * @param parties         ledger parties compared, and {@code partiesDiffering} of them whose balances differ
     * @param orders          orders compared, {@code ordersDiffering} whose postings in the copy do not add up to what
     *                        the order says it posted
     */
    public record Report(Map<String, Long> items, double exportSeconds, double loadSeconds, Reconciliation.Report original,
                         Reconciliation.Report restored, int parties, int partiesDiffering, long orders,
                         long ordersDiffering) {

        public boolean proven() {
            return original.balanced() && restored.balanced() && partiesDiffering == 0 && ordersDiffering == 0
                    && original.postings() == restored.postings() && original.debitsFen() == restored.debitsFen();
        }
    }

    private RestoreDrill() {
    }

    /** Exports every table of {@code source} into {@code folder}, loads them into {@code target}, and compares. */
    public static Report run(DynamoDbClient source, DynamoDbClient target, Path folder, Clock clock) {
        Map<String, Long> items = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (TableDefinition table : Tables.ALL) {
            items.put(table.tableName(), TableExport.export(source, table.tableName(), folder.resolve(table.tableName() + ".jsonl")));
        }
        double exportSeconds = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        for (TableDefinition table : Tables.ALL) {
            TableExport.load(target, table.tableName(), folder.resolve(table.tableName() + ".jsonl"));
        }
        double loadSeconds = (System.nanoTime() - started) / 1e9;

        LedgerRepository originalLedger = new LedgerRepository(source);
        LedgerRepository restoredLedger = new LedgerRepository(target);
        Reconciliation.Report original = reconcile(source, originalLedger, clock);
        Reconciliation.Report restored = reconcile(target, restoredLedger, clock);
        TreeSet<String> parties = new TreeSet<>();
        originalLedger.forEachEntry(entry -> parties.add(entry.posting().account().party()));
        Instant now = clock.instant();
        int partiesDiffering = 0;
        for (String party : parties) {
            if (!originalLedger.totals(party, now).equals(restoredLedger.totals(party, now))) {
                partiesDiffering++;
            }
        }
        long orders = 0;
        long ordersDiffering = 0;
        for (var page : source.scanPaginator(ScanRequest.builder().tableName(Tables.ORDERS.tableName()).build())) {
            for (var item : page.items()) {
                Optional<StoredOrder> order = OrderRepository.orderOfImage(item);
                if (order.isEmpty()) {
                    continue;
                }
                orders++;
                Map<PositionKey, Long> posted = new java.util.TreeMap<>(Positions.of(restoredLedger.postingsOfOrder(order.get().state().orderId())));
                posted.values().removeIf(fen -> fen == 0);
                Map<PositionKey, Long> expected = new java.util.TreeMap<>(order.get().posted());
                expected.values().removeIf(fen -> fen == 0);
                if (!posted.equals(expected)) {
                    ordersDiffering++;
                }
            }
        }
        return new Report(items, exportSeconds, loadSeconds, original, restored, parties.size(), partiesDiffering, orders,
                ordersDiffering);
    }

    private static Reconciliation.Report reconcile(DynamoDbClient dynamoDb, LedgerRepository ledger, Clock clock) {
        return new FinanceReports(ledger, new SettlementRepository(dynamoDb, ledger, new CapacityMeter()), clock,
                Long.MAX_VALUE).reconcile(FINANCE);
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length == 2 && args[0].equals("--seconds") ? Integer.parseInt(args[1]) : 30;
        if (args.length != 0 && !(args.length == 2 && args[0].equals("--seconds"))) {
            System.err.println("usage: java -cp infrastructure/target/alliance-local.jar com.alliance.local.RestoreDrill [--seconds N]");
            System.exit(2);
        }
        Path folder = Files.createTempDirectory("alliance-restore-drill");
        try (LocalRuntime running = LocalRuntime.start(LocalOptions.ephemeral().withJobsEvery(Duration.ofSeconds(1)));
             EmbeddedDynamoDb fresh = EmbeddedDynamoDb.start(0, Optional.empty());
             DynamoDbClient target = AwsClients.dynamoDb(fresh.endpoint())) {
            running.seedDemo();
            System.out.printf("restore drill: a demo marketplace seeded; its jobs run for %d s%n", seconds);
            Thread.sleep(seconds * 1_000L);
            running.awaitRunningCounts();
            Provisioning.createTablesWithoutStreams(target);
            Report report = run(running.dynamoDbClient(), target, folder, Clock.systemUTC());
            report.items().forEach((table, n) -> System.out.printf("  %-20s %,8d items%n", table, n));
            System.out.printf("exported in %.1f s, loaded into a fresh store in %.1f s (%s)%n", report.exportSeconds(),
                    report.loadSeconds(), folder);
            System.out.printf("original: %s%nrestored: %s%n", report.original().summary(), report.restored().summary());
            System.out.printf("%,d parties' balances compared, %d differ; %,d orders' postings compared, %d differ%n",
                    report.parties(), report.partiesDiffering(), report.orders(), report.ordersDiffering());
            System.out.println(report.proven() ? "PROVEN: the copy is the marketplace" : "NOT PROVEN");
            if (!report.proven()) {
                System.exit(1);
            }
        } finally {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Files.deleteIfExists(folder);
        }
    }
}
