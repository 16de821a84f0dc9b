package com.alliance.bench;

import com.alliance.ledger.Account;
import com.alliance.ledger.BalanceCheckpoints;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingState;
import com.alliance.local.EmbeddedDynamoDb;
import com.alliance.local.Provisioning;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * How long a party's ledger reads take and what they read, as history grows, on DynamoDB Local in memory: seeds
 * postings one per order on a host's account and on the platform's sales fee account (batch writes of the items
 * the order commits would have written), two minutes apart and ending an hour ago, in stages up to each of
 * {@code --sizes}; at each size it reads the balance once (the read that checkpoints the new history), then
 * times the balance, a statement page of 100 and a statement's opening balance, printing the median and 90th
 * percentile of {@code --samples} reads and the read units and items one read consumed (ReturnConsumedCapacity).
 *
 * <pre>
 *   java -cp infrastructure/target/alliance-local.jar com.alliance.bench.LedgerReadBenchmark [--sizes 10,2000,200000] [--samples 20]
 * </pre>
 */
public final class LedgerReadBenchmark {

    private static final String HOST = "h_readbench";
    private static final Duration SPACING = Duration.ofMinutes(2);

    private LedgerReadBenchmark() {
    }

    static final String USAGE = """
            usage: java -cp infrastructure/target/alliance-local.jar com.alliance.bench.LedgerReadBenchmark [flags]
            A host's and the platform's balance, opening balance and statement page as their history grows.
              --sizes N,N,...    history sizes in postings, seeded in stages (default 10,2000,200000)
              --samples N        timed reads per figure (default 20)
              --help             this text
            """;

    public static void main(String[] args) {
        com.alliance.local.TerminalLogging.use();
        if (List.of(args).contains("--help")) {
            System.out.print(USAGE);
            System.exit(0);
        }
        for (int i = 0; i < args.length; i += 2) {
            if (!List.of("--sizes", "--samples").contains(args[i]) || i + 1 >= args.length) {
                System.err.println(i + 1 >= args.length && args[i].startsWith("--") ? args[i] + " needs a value" : "unknown flag: " + args[i]);
                System.err.print(USAGE);
                System.exit(2);
            }
        }
        List<Integer> sizes = Arrays.stream(text(args, "--sizes", "10,2000,200000").split(","))
                .map(size -> Integer.parseInt(size.trim().replace("_", ""))).toList();
        int samples = flag(args, "--samples", 20);
        System.out.printf("ledger read benchmark: postings (one per order) on a host and on the platform, %s, "
                + "%d samples per read, DynamoDB Local in memory%n", sizes, samples);
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, Optional.empty())) {
            ReadMeter meter = new ReadMeter();
            DynamoDbClient client = FaultInjectionHarness.interceptedClient(dynamo.endpoint(), meter);
            Provisioning.createTables(client);
            LedgerRepository ledger = new LedgerRepository(client);
            int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
            Instant start = Instant.now().minus(Duration.ofHours(1)).minus(SPACING.multipliedBy(largest));
            int seeded = 0;
            for (int size : sizes) {
                seed(client, ledger, seeded, size, start);
                seeded = size;
                Instant from = start.plus(SPACING.multipliedBy(size / 2));
                String fromKey = "POST#" + SortableTime.of(BalanceCheckpoints.bucketOf(from));
                for (String party : List.of(HOST, Account.PLATFORM)) {
                    String label = party + " @" + size;
                    long begin = System.nanoTime();
                    ledger.totals(party, Instant.now());
                    System.out.printf("%-40s %8.1f ms (once: checkpoints the new history)%n", label + " first balance",
                            (System.nanoTime() - begin) / 1e6);
                    time(label + " balance", samples, meter, () -> ledger.totals(party, Instant.now()).size());
                    time(label + " opening balance", samples, meter, () -> ledger.totalsThrough(party, fromKey, Instant.now()).size());
                    time(label + " statement page of 100", samples, meter,
                            () -> ledger.page(party, from, from.plus(Duration.ofDays(1)), Optional.empty(), 100).entries().size());
                }
            }
        }
        // DynamoDB Local keeps a non-daemon housekeeping thread alive for minutes after it stops
        System.exit(0);
    }

    /** Adds up the read units and items of the reads: every Query asks for its consumed capacity. */
    static final class ReadMeter implements ExecutionInterceptor {
        private final DoubleAdder units = new DoubleAdder();
        private final LongAdder items = new LongAdder();
        private final LongAdder queries = new LongAdder();

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (context.request() instanceof QueryRequest query) {
                return query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            if (context.request() instanceof ScanRequest scan) {
                return scan.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            return context.request();
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.response() instanceof QueryResponse response) {
                count(response.count(), response.consumedCapacity());
            } else if (context.response() instanceof ScanResponse response) {
                count(response.count(), response.consumedCapacity());
            }
        }

        private void count(int itemsRead, ConsumedCapacity consumed) {
            queries.increment();
            items.add(itemsRead);
            if (consumed != null && consumed.capacityUnits() != null) {
                units.add(consumed.capacityUnits());
            }
        }

        void reset() {
            units.reset();
            items.reset();
            queries.reset();
        }

        double units() {
            return units.sum();
        }

        long itemCount() {
            return items.sum();
        }

        long queryCount() {
            return queries.sum();
        }

        /**
         * Times {@code samples} calls of {@code read} after {@code warmUps}, and the reads of one call (taken after the
         * warm-ups): what a read benchmark prints per figure.
         */
        Timed time(int warmUps, int samples, Supplier<Integer> read) {
            for (int i = 0; i < warmUps; i++) {
                read.get();
            }
            reset();
            int rows = read.get();
            double metered = units();
            long read0 = itemCount();
            long queried = queryCount();
            long[] nanos = new long[samples];
            for (int i = 0; i < samples; i++) {
                long begin = System.nanoTime();
                read.get();
                nanos[i] = System.nanoTime() - begin;
            }
            Arrays.sort(nanos);
            return new Timed(nanos[samples / 2] / 1e6, nanos[samples * 9 / 10] / 1e6, metered, read0, queried, rows);
        }
    }

    /** One timed figure: median and 90th percentile in ms; read units, items and queries of one call; its answer. */
    record Timed(double medianMs, double p90Ms, double units, long items, long queries, int rows) {
    }

    /** Orders {@code from} to {@code to}, one posting each on the host and the platform, {@link #SPACING} apart. */
    private static void seed(DynamoDbClient client, LedgerRepository ledger, int from, int to, Instant start) {
        seedOrders(client, ledger, from, to, i -> String.format("o_readbench%06d", i), i -> start.plus(SPACING.multipliedBy(i)),
                i -> HOST);
    }

    /**
     * Orders {@code from} to {@code to}, each paid as three balanced postings (the buyer's payment on the order's
     * clearing account, the host's commission, the platform's fee) at its time: the items the order commits would
     * have written, put with batch writes.
     */
    static void seedOrders(DynamoDbClient client, LedgerRepository ledger, int from, int to, IntFunction<String> orderOf,
                           IntFunction<Instant> atOf, IntFunction<String> hostOf) {
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String order = orderOf.apply(i);
            String eventId = "seed-" + order;
            List<Posting> set = List.of(
                    new Posting(Posting.idOf(eventId, 0), order, eventId, Account.orderClearing(order), -1_100,
                            PostingState.PENDING, "buyer payment: order paid"),
                    new Posting(Posting.idOf(eventId, 1), order, eventId, Account.host(hostOf.apply(i)), 1_000,
                            PostingState.PENDING, "host commission: order paid"),
                    new Posting(Posting.idOf(eventId, 2), order, eventId, Account.platformSalesFee(), 100,
                            PostingState.PENDING, "platform sales fee: order paid"));
            for (TransactWriteItem write : ledger.writes(set, atOf.apply(i))) {
                if (write.put() != null) {
                    batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(write.put().item()).build()).build());
                }
                if (batch.size() == 25) {
                    flush(client, batch);
                }
            }
        }
        flush(client, batch);
    }

    private static void flush(DynamoDbClient client, List<WriteRequest> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, List<WriteRequest>> requests = Map.of(Tables.LEDGER.tableName(), List.copyOf(batch));
        batch.clear();
        while (!requests.isEmpty()) {
            BatchWriteItemResponse response = client.batchWriteItem(BatchWriteItemRequest.builder().requestItems(requests).build());
            requests = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    private static void time(String what, int samples, ReadMeter meter, Supplier<Integer> read) {
        Timed t = meter.time(3, samples, read);
        System.out.printf("%-40s median %7.1f ms, p90 %7.1f ms, %7.1f RU, %,6d items in %,d queries (%,d rows)%n", what,
                t.medianMs(), t.p90Ms(), t.units(), t.items(), t.queries(), t.rows());
    }

    private static String text(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int flag(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1].replace("_", ""));
            }
        }
        return fallback;
    }
}
