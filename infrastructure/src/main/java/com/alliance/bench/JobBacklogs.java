package com.alliance.bench;

import com.alliance.catalog.Category;
import com.alliance.json.Json;
import com.alliance.json.Period;
import com.alliance.ledger.LedgerRepository;
import com.alliance.money.Bps;
import com.alliance.orders.AfterSaleWindow;
import com.alliance.orders.CommissionTerms;
import com.alliance.orders.OrderLedger;
import com.alliance.orders.OrderPaid;
import com.alliance.orders.OrderReceived;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.OrderShipped;
import com.alliance.orders.OrderState;
import com.alliance.orders.RiskReview;
import com.alliance.orders.StoredOrder;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Tables;
import com.alliance.settlement.SettlementRepository;
import com.alliance.settlement.SettlementRun;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The backlogs {@link JobsBenchmark} drains, written as the commits would have left them (batch writes, no events). */
final class JobBacklogs {

    private static final int BRANDS = 200;
    private static final int HOSTS = 5_000;

    private JobBacklogs() {
    }

    /** The seeding's clock, read once: every backlog's instants are relative to it. */
    static final Instant NOW = Instant.now();

    /** Orders paid 20 days ago, shipped and received since: their after-sale windows have all passed. */
    static long dueOrders(DynamoDbClient client, int count) {
        return seedOrders(client, count, "mature", (orderId, i) -> {
            Instant paidAt = NOW.minus(Duration.ofDays(20)).plusMillis(i);
            OrderState state = OrderState.empty(orderId).applyPayment(paid(orderId, i, paidAt), terms(i, 48))
                    .apply(new OrderShipped("ship-" + orderId, orderId, paidAt.plus(Duration.ofDays(1))))
                    .apply(new OrderReceived("receive-" + orderId, orderId, paidAt.plus(Duration.ofDays(2))));
            return new StoredOrder(state, events(orderId, paidAt, i, true), OrderLedger.targetPosition(state), 0,
                    Optional.of(Category.FOOD));
        });
    }

    /** Orders paid five days ago with a 48 h promise and never shipped: each a late shipment to record. */
    static long lateOrders(DynamoDbClient client, int count) {
        return seedOrders(client, count, "late", (orderId, i) -> {
            Instant paidAt = NOW.minus(Duration.ofDays(5)).plusMillis(i);
            OrderState state = OrderState.empty(orderId).applyPayment(paid(orderId, i, paidAt), terms(i, 48));
            return new StoredOrder(state, events(orderId, paidAt, i, false), OrderLedger.targetPosition(state), 0,
                    Optional.of(Category.FOOD), new java.util.TreeSet<>(), Optional.of(paidAt), false, RiskReview.NONE);
        });
    }

    /** Orders paid three days ago whose buyers are classified: every deferred rule's decision is due. */
    static long reviews(DynamoDbClient client, int count) {
        return seedOrders(client, count, "review", (orderId, i) -> {
            Instant paidAt = NOW.minus(Duration.ofDays(3)).plusMillis(i);
            OrderState state = OrderState.empty(orderId).applyPayment(paid(orderId, i, paidAt), terms(i, 48));
            RiskReview review = RiskReview.classifyAt(paidAt, new TreeMap<>()).decideAt(paidAt.plus(Duration.ofMinutes(10)));
            return new StoredOrder(state, events(orderId, paidAt, i, false), OrderLedger.targetPosition(state), 0,
                    Optional.of(Category.FOOD), new java.util.TreeSet<>(), Optional.of(paidAt), false, review);
        });
    }

    /** A payee of {@code count} with 10 settleable postings each, and a settlement run waiting to be built. */
    static long settlement(DynamoDbClient client, int payees) throws Exception {
        return settlement(client, payees, "run_bench" + System.nanoTime());
    }

    /** As {@link #settlement(DynamoDbClient, int)}, the run under {@code runId}. */
    static long settlement(DynamoDbClient client, int payees, String runId) throws Exception {
        SettlementBenchmark.seed(client, payees * 10, payees, NOW.minus(Duration.ofHours(1)), 4);
        SettlementRepository runs = new SettlementRepository(client, new LedgerRepository(client), new CapacityMeter());
        runs.insert(SettlementRun.building(runId, NOW.minus(Duration.ofMinutes(1)), "bench-" + runId, NOW, "bench"));
        return payees;
    }

    /**
     * A ledger day of {@code postings} (three an order, a thousand hosts), two days ago, written into the day log from
     * the ledger's stream as its function writes it: the day has ended and its log is complete.
     */
    static long ledgerDay(JobsBenchmark.Stores stores, int postings) {
        LocalDate day = LocalDate.now(Period.DAY_ZONE).minusDays(2);
        ReconciliationBenchmark.seed(stores.plain, new LedgerRepository(stores.plain), "day", postings / 3,
                day.atStartOfDay(Period.DAY_ZONE).toInstant(), Duration.ofDays(1));
        ReconciliationBenchmark.writeDayLog(stores.plain, stores.dynamo);
        return postings / 3 * 3L;
    }

    private interface OrderOf {
        StoredOrder order(String orderId, int index);
    }

    private static long seedOrders(DynamoDbClient client, int count, String prefix, OrderOf orderOf) {
        OrderRepository repository = new OrderRepository(client, new LedgerRepository(client), new CapacityMeter(),
                AfterSaleWindow.defaults());
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String orderId = String.format("%s-%07d", prefix, i);
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder()
                    .item(repository.itemOf(orderOf.order(orderId, i), NOW)).build()).build());
            if (batch.size() == 25) {
                write(client, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            write(client, batch);
        }
        return count;
    }

    private static OrderPaid paid(String orderId, int i, Instant paidAt) {
        return new OrderPaid("pay-" + orderId, orderId, paidAt, "p_bench" + (i % BRANDS), host(i), "buyer-" + orderId, 1,
                10_000 + i % 1_000, Optional.empty());
    }

    private static String host(int i) {
        return String.format("h_bench%05d", i % HOSTS);
    }

    private static CommissionTerms terms(int i, int shipWithinHours) {
        return new CommissionTerms(com.alliance.orders.Leg.DISTRIBUTION, "b_bench" + (i % BRANDS), Bps.of(2_000), Bps.of(1_000),
                Optional.empty(), Bps.of(0), Bps.of(500), shipWithinHours);
    }

    private static java.util.SortedMap<String, String> events(String orderId, Instant paidAt, int i, boolean received) {
        TreeMap<String, String> raw = new TreeMap<>();
        raw.put("pay-" + orderId, Json.write(Json.object().put("eventId", "pay-" + orderId).put("type", "ORDER_PAID")
                .put("orderId", orderId).put("occurredAt", paidAt.toString()).put("productId", "p_bench" + (i % BRANDS))
                .put("hostId", host(i)).put("buyerId", "buyer-" + orderId).put("quantity", 1).put("paidFen", 10_000 + i % 1_000)));
        if (received) {
            raw.put("ship-" + orderId, milestone("ship-" + orderId, "ORDER_SHIPPED", orderId, paidAt.plus(Duration.ofDays(1))));
            raw.put("receive-" + orderId, milestone("receive-" + orderId, "ORDER_RECEIVED", orderId, paidAt.plus(Duration.ofDays(2))));
        }
        return raw;
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
