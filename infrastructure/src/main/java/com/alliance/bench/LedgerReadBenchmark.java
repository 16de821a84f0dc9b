package com.alliance.bench;

import com.alliance.ledger.Account;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingState;
import com.alliance.local.EmbeddedDynamoDb;
import com.alliance.local.Provisioning;
import com.alliance.persistence.AwsClients;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * How long a party's ledger reads take, on DynamoDB Local in memory: seeds {@code --postings} postings,
 * one per order, on a host's account and on the platform's sales fee account (batch writes of the
 * items the order commits would have written), then times the balance read, a statement page and its
 * opening balance, printing the median and 90th percentile of {@code --samples} reads each.
 *
 * <pre>
 *   java -cp infrastructure/target/alliance-local.jar com.alliance.bench.LedgerReadBenchmark [--postings 2000] [--samples 50]
 * </pre>
 */
public final class LedgerReadBenchmark {

    private static final String HOST = "h_readbench";

    private LedgerReadBenchmark() {
    }

    public static void main(String[] args) {
        int postings = flag(args, "--postings", 2_000);
        int samples = flag(args, "--samples", 50);
        System.out.printf("ledger read benchmark: %,d postings (one per order) on a host and on the platform, "
                + "%d samples per read, DynamoDB Local in memory%n", postings, samples);
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, Optional.empty())) {
            DynamoDbClient client = AwsClients.dynamoDb(dynamo.endpoint());
            Provisioning.createTables(client);
            LedgerRepository ledger = new LedgerRepository(client);
            Instant start = Instant.now().minus(Duration.ofDays(30));
            seed(client, ledger, postings, start);
            Instant from = start.plus(Duration.ofDays(10));
            Instant to = start.plus(Duration.ofDays(20));
            for (String party : List.of(HOST, Account.PLATFORM)) {
                time(party + " balance (" + postings + " postings)", samples,
                        () -> ledger.postingsOf(party).size());
                time(party + " statement page of 100", samples,
                        () -> ledger.page(party, from, to, Optional.empty(), 100).entries().size());
                time(party + " opening balance", samples,
                        () -> ledger.totalsThrough(party, "POST#" + SortableTime.of(from)).size());
            }
        }
        // DynamoDB Local keeps a non-daemon housekeeping thread alive for minutes after it stops
        System.exit(0);
    }

    /** One order per posting, its posting balanced by the order's clearing account, a minute apart per 2 000 over 30 days. */
    private static void seed(DynamoDbClient client, LedgerRepository ledger, int postings, Instant start) {
        List<WriteRequest> batch = new ArrayList<>();
        Duration step = Duration.ofDays(30).dividedBy(postings);
        for (int i = 0; i < postings; i++) {
            String order = String.format("o_readbench%06d", i);
            String eventId = "seed-" + order;
            Instant at = start.plus(step.multipliedBy(i));
            List<Posting> set = List.of(
                    new Posting(Posting.idOf(eventId, 0), order, eventId, Account.orderClearing(order), -1_100,
                            PostingState.PENDING, "buyer payment: order paid"),
                    new Posting(Posting.idOf(eventId, 1), order, eventId, Account.host(HOST), 1_000,
                            PostingState.PENDING, "host commission: order paid"),
                    new Posting(Posting.idOf(eventId, 2), order, eventId, Account.platformSalesFee(), 100,
                            PostingState.PENDING, "platform sales fee: order paid"));
            for (TransactWriteItem write : ledger.writes(set, at)) {
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

    private static void time(String what, int samples, Supplier<Integer> read) {
        for (int i = 0; i < 5; i++) {
            read.get();
        }
        long[] nanos = new long[samples];
        int size = 0;
        for (int i = 0; i < samples; i++) {
            long begin = System.nanoTime();
            size = read.get();
            nanos[i] = System.nanoTime() - begin;
        }
        Arrays.sort(nanos);
        System.out.printf("%-45s median %6.1f ms, p90 %6.1f ms (%,d rows)%n", what, nanos[samples / 2] / 1e6,
                nanos[samples * 9 / 10] / 1e6, size);
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
