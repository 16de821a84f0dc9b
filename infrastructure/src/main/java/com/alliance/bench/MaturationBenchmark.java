package com.alliance.bench;

import com.alliance.catalog.Category;
import com.alliance.jobs.Deadline;
import com.alliance.json.Json;
import com.alliance.ledger.LedgerRepository;
import com.alliance.local.EmbeddedDynamoDb;
import com.alliance.local.Provisioning;
import com.alliance.money.Bps;
import com.alliance.orders.AfterSaleWindow;
import com.alliance.orders.CommissionTerms;
import com.alliance.orders.CommissionTermsResolver;
import com.alliance.orders.LedgerSettings;
import com.alliance.orders.MaturationJob;
import com.alliance.orders.OrderEventService;
import com.alliance.orders.OrderLedger;
import com.alliance.orders.OrderPaid;
import com.alliance.orders.OrderReceived;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.OrderShipped;
import com.alliance.orders.OrderState;
import com.alliance.orders.StoredOrder;
import com.alliance.persistence.AwsClients;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Tables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * How fast the maturation job works off a backlog of due orders, on DynamoDB Local in memory: seeds
 * paid, shipped and received orders whose window has passed (batch writes of the order items, as
 * their commits would have left them), then runs the job in invocations of {@code --budget} seconds
 * until the backlog is gone, printing orders per second and what one invocation window handles.
 *
 * <pre>
 *   java -cp infrastructure/target/alliance-local.jar com.alliance.bench.MaturationBenchmark [--orders 20000] [--budget 50]
 * </pre>
 */
public final class MaturationBenchmark {

    private MaturationBenchmark() {
    }

    public static void main(String[] args) {
        Flags flags = Flags.parse("MaturationBenchmark", "The maturation job over many due orders, in invocations of a time budget.",
                args, new Flags.Flag("--orders", 20_000, 1, "due orders"),
                new Flags.Flag("--budget", 50, 1, "seconds per job invocation"));
        int orders = flags.intValue("--orders");
        int budget = flags.intValue("--budget");
        System.out.printf("maturation benchmark: %,d due orders, job invocations of %d s, DynamoDB Local in memory%n",
                orders, budget);
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, Optional.empty())) {
            DynamoDbClient client = AwsClients.dynamoDb(dynamo.endpoint());
            Provisioning.createTables(client);
            CapacityMeter capacity = new CapacityMeter();
            AfterSaleWindow window = AfterSaleWindow.defaults();
            OrderRepository repository = new OrderRepository(client, new LedgerRepository(client), capacity, window);
            Instant now = Instant.now();

            long seedStart = System.nanoTime();
            seed(client, repository, orders, now);
            System.out.printf("seeded in %.1f s%n", (System.nanoTime() - seedStart) / 1e9);

            CommissionTermsResolver unused = new CommissionTermsResolver(null, hostId -> Optional.empty(), LedgerSettings.defaults());
            OrderEventService service = new OrderEventService(repository, unused, window, Clock.systemUTC());
            MaturationJob job = new MaturationJob(repository, service);
            int invocations = 0;
            int matured = 0;
            long start = System.nanoTime();
            int done;
            do {
                long invocationStart = System.nanoTime();
                done = job.runOnce(Instant.now(), Deadline.after(Duration.ofSeconds(budget)));
                matured += done;
                invocations++;
                System.out.printf("invocation %d: %,d orders matured in %.1f s%n", invocations, done,
                        (System.nanoTime() - invocationStart) / 1e9);
            } while (done > 0);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double perSecond = matured / elapsed;
            System.out.printf("%,d orders matured in %.1f s over %d invocations: %.0f orders/s%n", matured, elapsed,
                    invocations, perSecond);
            System.out.printf("writes: %,d transactions of %,d items (%.1f items per order)%n", capacity.transactions(),
                    capacity.transactionItems(), (double) capacity.transactionItems() / Math.max(1, matured));
            System.out.printf("one %d s invocation matures about %,.0f orders; one a minute works off %,.0f a day%n",
                    budget, perSecond * budget, perSecond * budget * 60 * 24);
        }
        System.exit(0);
    }

    private static void seed(DynamoDbClient client, OrderRepository repository, int orders, Instant now) {
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String orderId = String.format("bench-order-%07d", i);
            String hostId = String.format("h_bench%05d", i % 5_000);
            Instant paidAt = now.minus(Duration.ofDays(20));
            OrderPaid paid = new OrderPaid("pay-" + orderId, orderId, paidAt, "p_bench", hostId, "buyer-" + i, 1,
                    10_000 + i % 1_000, Optional.empty());
            OrderShipped shipped = new OrderShipped("ship-" + orderId, orderId, paidAt.plus(Duration.ofDays(1)));
            OrderReceived received = new OrderReceived("receive-" + orderId, orderId, paidAt.plus(Duration.ofDays(2)));
            OrderState state = OrderState.empty(orderId)
                    .applyPayment(paid, CommissionTerms.distribution("b_bench", Bps.of(2_000)))
                    .apply(shipped).apply(received);
            TreeMap<String, String> raw = new TreeMap<>();
            raw.put(paid.eventId(), Json.write(Json.object().put("eventId", paid.eventId()).put("type", "ORDER_PAID")
                    .put("orderId", orderId).put("occurredAt", paidAt.toString()).put("productId", "p_bench")
                    .put("hostId", hostId).put("buyerId", paid.buyerId()).put("quantity", 1).put("paidFen", paid.paidFen())));
            raw.put(shipped.eventId(), milestone(shipped.eventId(), "ORDER_SHIPPED", orderId, shipped.occurredAt()));
            raw.put(received.eventId(), milestone(received.eventId(), "ORDER_RECEIVED", orderId, received.occurredAt()));
            StoredOrder order = new StoredOrder(state, raw, OrderLedger.targetPosition(state), 0, Optional.of(Category.FOOD));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(repository.itemOf(order, now)).build()).build());
            if (batch.size() == 25) {
                write(client, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            write(client, batch);
        }
    }

    private static String milestone(String eventId, String type, String orderId, Instant at) {
        return Json.write(Json.object().put("eventId", eventId).put("type", type).put("orderId", orderId)
                .put("occurredAt", at.toString()));
    }

    private static void write(DynamoDbClient client, List<WriteRequest> items) {
        Map<String, List<WriteRequest>> requests = Map.of(Tables.ORDERS.tableName(), List.copyOf(items));
        while (!requests.isEmpty()) {
            BatchWriteItemResponse response = client.batchWriteItem(BatchWriteItemRequest.builder().requestItems(requests).build());
            requests = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }
}
