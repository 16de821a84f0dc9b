package com.alliance.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.Clients;
import com.alliance.functions.Functions;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.functions.RunningCountsFunction;
import com.alliance.json.Json;
import com.alliance.local.DynamoDbStreamPoller;
import com.alliance.orders.OrderCounts.Scope;
import com.alliance.persistence.Tables;
import com.alliance.testing.LocalStores;
import com.alliance.testing.Marketplace;
import com.alliance.testing.MutableClock;
import com.alliance.testing.OrderEvents;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The running counts folded from the orders table's stream on DynamoDB Local, through the real
 * {@link RunningCountsFunction}: the order's own transaction writes no counters item, and however often the
 * stream is read, each record is folded once.
 */
class RunningCountsOnStreamTest {

    private static final LocalStores STORES = LocalStores.isolated();
    private static final Instant PAID_AT = Instant.parse("2026-11-20T10:00:00Z");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T08:00:00Z"));
    private final Clients clients = STORES.clients(clock);
    private final OrderEventsFunction events = new OrderEventsFunction(clients);
    private final Marketplace marketplace = new Marketplace(clients);
    private final CountersRepository counters = new CountersRepository(STORES.dynamoDb());

    private String sell(String productId, String hostId, String... more) {
        String orderId = "o-" + UUID.randomUUID();
        String[] bodies = new String[1 + more.length];
        bodies[0] = Json.write(Json.object().put("eventId", "evt-" + UUID.randomUUID()).put("type", "ORDER_PAID")
                .put("orderId", orderId).put("occurredAt", PAID_AT.toString()).put("productId", productId)
                .put("hostId", hostId).put("buyerId", "buyer-" + orderId).put("quantity", 2).put("paidFen", 20_000));
        for (int i = 0; i < more.length; i++) {
            bodies[1 + i] = more[i].replace("{order}", orderId);
        }
        assertThat(events.handle(OrderEvents.batch(bodies)).getBatchItemFailures()).isEmpty();
        return orderId;
    }

    private DynamoDbStreamPoller freshReader() {
        URI endpoint = STORES.dynamoDb().serviceClientConfiguration().endpointOverride().orElseThrow();
        return DynamoDbStreamPoller.onDemand(STORES.dynamoDb(), endpoint, Tables.ORDERS.tableName(),
                new RunningCountsFunction(clients), Functions.RUNNING_COUNTS_ID);
    }

    @Test
    void anOrdersCommitWritesNoCountersItemTheStreamFoldDoes() {
        String brandId = marketplace.brand();
        String productId = marketplace.product(brandId, 2_000);
        String hostId = marketplace.independentHost();
        marketplace.pick(hostId, productId);
        sell(productId, hostId);

        assertThat(counters.read(Scope.PRODUCT_SALES, productId)).as("nothing before the fold").isEmpty();
        assertThat(counters.read(Scope.HOST_STATS, hostId)).isEmpty();

        STORES.foldRunningCounts();

        assertThat(counters.read(Scope.PRODUCT_SALES, productId))
                .containsEntry(OrderCounts.ORDERS_COUNT, 1L).containsEntry(OrderCounts.UNITS_SOLD, 2L);
        assertThat(counters.read(Scope.HOST_STATS, hostId)).containsEntry(OrderCounts.PAID_ORDERS, 1L);
        assertThat(counters.read(Scope.BRAND_SERVICE, brandId)).containsEntry(OrderCounts.PAID_ORDERS, 1L);
    }

    @Test
    void readingTheWholeStreamAgainFoldsNothingTwice() {
        String brandId = marketplace.brand();
        String productId = marketplace.product(brandId, 2_000);
        String hostId = marketplace.independentHost();
        marketplace.pick(hostId, productId);
        sell(productId, hostId, OrderEvents.milestone("ORDER_SHIPPED", "{order}", PAID_AT.plusSeconds(3_600)));
        sell(productId, hostId, OrderEvents.milestone("ORDER_CANCELLED", "{order}", PAID_AT.plusSeconds(60)));
        sell(productId, hostId, OrderEvents.refunded("{order}", PAID_AT.plusSeconds(7_200), 5_000));
        STORES.foldRunningCounts();
        Map<String, Long> product = counters.read(Scope.PRODUCT_SALES, productId);
        Map<String, Long> host = counters.read(Scope.HOST_STATS, hostId);
        Map<String, Long> brand = counters.read(Scope.BRAND_SERVICE, brandId);
        assertThat(product).containsEntry(OrderCounts.ORDERS_COUNT, 2L).containsEntry(OrderCounts.UNITS_SOLD, 4L);

        // a reader with no checkpoint starts at the stream's beginning, as a re-created mapping would
        try (DynamoDbStreamPoller again = freshReader()) {
            again.drain(Duration.ofSeconds(60));
            assertThat(again.recordCount()).isPositive();
        }

        assertThat(counters.read(Scope.PRODUCT_SALES, productId)).isEqualTo(product);
        assertThat(counters.read(Scope.HOST_STATS, hostId)).isEqualTo(host);
        assertThat(counters.read(Scope.BRAND_SERVICE, brandId)).isEqualTo(brand);
    }

    @Test
    void aHostsSampleRequestsCountOnceClosedAndALateFulfilmentMovesTheCount() {
        String hostId = marketplace.independentHost();
        String lapsing = "r-" + UUID.randomUUID();
        String kept = "r-" + UUID.randomUUID();
        sampleRequest(lapsing, hostId, "RECEIVED");
        sampleRequest(kept, hostId, "REJECTED");
        STORES.foldRunningCounts();
        assertThat(counters.read(Scope.HOST_STATS, hostId)).as("an open or rejected request counts nothing").isEmpty();

        sampleRequest(lapsing, hostId, "UNFULFILLED");
        STORES.foldRunningCounts();
        assertThat(counters.read(Scope.HOST_STATS, hostId)).containsEntry(OrderCounts.SAMPLES_UNFULFILLED, 1L)
                .doesNotContainKey(OrderCounts.SAMPLES_FULFILLED);

        sampleRequest(lapsing, hostId, "FULFILLED");
        STORES.foldRunningCounts();
        Map<String, Long> host = counters.read(Scope.HOST_STATS, hostId);
        assertThat(host).containsEntry(OrderCounts.SAMPLES_FULFILLED, 1L);
        assertThat(host.getOrDefault(OrderCounts.SAMPLES_UNFULFILLED, 0L)).isZero();

        try (DynamoDbStreamPoller again = freshReader()) {
            again.drain(Duration.ofSeconds(60));
        }
        assertThat(counters.read(Scope.HOST_STATS, hostId)).as("read again, folded once").isEqualTo(host);
    }

    /** A sample request's item as the samples service keeps it in the orders table (docs/samples.md). */
    private static void sampleRequest(String requestId, String hostId, String status) {
        STORES.dynamoDb().putItem(b -> b.tableName(Tables.ORDERS.tableName()).item(Map.of(
                "pk", AttributeValue.fromS("SAMPLE#" + requestId), "sk", AttributeValue.fromS("SAMPLE"),
                "requestId", AttributeValue.fromS(requestId), "hostId", AttributeValue.fromS(hostId),
                "productId", AttributeValue.fromS("p-sampled"), "status", AttributeValue.fromS(status))));
    }

    @Test
    void aFoldRetriedAfterItsWriteLandedAddsOnlyWhatTheItemLacks() {
        String productId = "p-" + UUID.randomUUID();
        RunningCountsFold.Step one = new RunningCountsFold.Step(sequence(1), new java.util.TreeMap<>(Map.of("ordersCount", 1L)));
        RunningCountsFold.Step two = new RunningCountsFold.Step(sequence(2), new java.util.TreeMap<>(Map.of("ordersCount", 1L)));
        RunningCountsFold.Step three = new RunningCountsFold.Step(sequence(3), new java.util.TreeMap<>(Map.of("ordersCount", 5L)));
        Instant now = clock.instant();

        assertThat(counters.fold(new RunningCountsFold.Part(Scope.PRODUCT_SALES, productId, "shard-1", List.of(one, two)), now))
                .isEqualTo(CountersRepository.Folded.ADDED);
        assertThat(counters.fold(new RunningCountsFold.Part(Scope.PRODUCT_SALES, productId, "shard-1", List.of(one, two)), now))
                .as("the same part again, as after a lost response").isEqualTo(CountersRepository.Folded.ALREADY_THERE);
        assertThat(counters.fold(new RunningCountsFold.Part(Scope.PRODUCT_SALES, productId, "shard-1", List.of(two, three)), now))
                .as("a batch read again from its second record").isEqualTo(CountersRepository.Folded.ADDED);
        assertThat(counters.fold(new RunningCountsFold.Part(Scope.PRODUCT_SALES, productId, "shard-2", List.of(one)), now))
                .as("another stream shard keeps its own place").isEqualTo(CountersRepository.Folded.ADDED);

        assertThat(counters.read(Scope.PRODUCT_SALES, productId)).containsEntry("ordersCount", 1L + 1 + 5 + 1);
    }

    @Test
    void anItemForgetsAStreamShardThatFoldedNothingIntoItForTwoDays() {
        String productId = "p-" + UUID.randomUUID();
        RunningCountsFold.Step one = new RunningCountsFold.Step(sequence(1), new java.util.TreeMap<>(Map.of("ordersCount", 1L)));
        Instant now = clock.instant();
        counters.fold(new RunningCountsFold.Part(Scope.PRODUCT_SALES, productId, "old-shard", List.of(one)), now);
        counters.fold(new RunningCountsFold.Part(Scope.PRODUCT_SALES, productId, "new-shard", List.of(one)),
                now.plus(Duration.ofHours(49)));

        var item = STORES.dynamoDb().getItem(GetItemRequest.builder().tableName(Tables.CATALOG.tableName())
                .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PRODUCT#" + productId),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("SALES")))
                .consistentRead(true).build()).item();
        assertThat(item).containsKey("fold:new-shard").doesNotContainKey("fold:old-shard");
        assertThat(counters.read(Scope.PRODUCT_SALES, productId)).containsEntry("ordersCount", 2L);
    }

    private static String sequence(long n) {
        return new com.alliance.persistence.ChangeRecord("s", Long.toString(n), Instant.EPOCH, Map.of(), Map.of())
                .sortableSequence();
    }
}
