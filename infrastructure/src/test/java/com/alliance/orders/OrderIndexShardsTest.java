package com.alliance.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.Clients;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.functions.RiskFunction;
import com.alliance.functions.Settings;
import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerRepository;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import com.alliance.persistence.WriteShards;
import com.alliance.risk.RiskSettings;
import com.alliance.testing.ApiCalls;
import com.alliance.testing.LocalStores;
import com.alliance.testing.Marketplace;
import com.alliance.testing.MutableClock;
import com.alliance.testing.OrderEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The orders table's sharded index keys and trimmed projections, against DynamoDB Local: one order's entries
 * stay on one shard, a brand's orders spread over its shards and still read back whole and in payment order,
 * the holds list pages across shards, and an index entry answers with only the attributes it copies.
 */
class OrderIndexShardsTest {

    private static final Instant PAID_AT = Instant.parse("2026-11-20T10:00:00Z");

    private final LocalStores stores = LocalStores.get();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T08:00:00Z"));
    private final Clients clients = stores.clients(clock);
    private final OrderEventsFunction events = new OrderEventsFunction(clients);
    private final Marketplace marketplace = new Marketplace(clients);
    private final OrderRepository orders = new OrderRepository(stores.dynamoDb(), new LedgerRepository(stores.dynamoDb()),
            new CapacityMeter(), AfterSaleWindow.defaults());

    private void deliver(OrderEventsFunction to, String... bodies) {
        assertThat(to.handle(OrderEvents.batch(bodies)).getBatchItemFailures()).isEmpty();
    }

    private Map<String, AttributeValue> orderItem(String orderId) {
        return stores.dynamoDb().getItem(GetItemRequest.builder().tableName(Tables.ORDERS.tableName())
                .key(Items.key("ORDER#" + orderId, "STATE")).consistentRead(true).build()).item();
    }

    @Test
    void oneOrdersIndexEntriesStayOnItsShardThroughItsLife() {
        String brandId = marketplace.brand();
        String productId = marketplace.product(brandId, 2_000);
        String hostId = marketplace.independentHost();
        marketplace.pick(hostId, productId);
        String order = "o-" + UUID.randomUUID();
        String brandKey = "BRAND#" + brandId + "#" + WriteShards.of(order, OrderRepository.BRAND_SHARDS);
        String dueShard = "#" + WriteShards.of(order, OrderRepository.DUE_SHARDS);

        deliver(events, OrderEvents.paid(order, PAID_AT, productId, hostId, 10_000));
        assertThat(orderItem(order).get("gsi1pk").s()).isEqualTo(brandKey);
        assertThat(orderItem(order).get("gsi2pk").s()).isEqualTo("SHIPBY" + dueShard);
        Map<String, AttributeValue> paidEntry = brandEntry(order);

        deliver(events, OrderEvents.milestone("ORDER_SHIPPED", order, PAID_AT.plus(Duration.ofHours(5))));
        assertThat(orderItem(order).get("gsi1pk").s()).isEqualTo(brandKey);
        assertThat(brandEntry(order)).as("nothing the brand's index copies changes at shipment").isEqualTo(paidEntry);
        assertThat(orderItem(order).get("gsi2pk").s()).isEqualTo("DUE" + dueShard);

        deliver(events, OrderEvents.milestone("ORDER_RECEIVED", order, PAID_AT.plus(Duration.ofDays(2))));
        assertThat(orderItem(order).get("gsi1pk").s()).isEqualTo(brandKey);
        assertThat(orderItem(order).get("gsi2pk").s()).isEqualTo("DUE" + dueShard);
    }

    /** The order's entry in the brand's paid-orders index (gsi1). */
    private Map<String, AttributeValue> brandEntry(String orderId) {
        return stores.dynamoDb().query(QueryRequest.builder().tableName(Tables.ORDERS.tableName()).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :pk AND gsi1sk = :sk")
                .expressionAttributeValues(Map.of(":pk", orderItem(orderId).get("gsi1pk"),
                        ":sk", orderItem(orderId).get("gsi1sk"))).build()).items().get(0);
    }

    @Test
    void aBrandsOrdersSpreadOverItsShardsAndEveryReaderStillReturnsThemAllInPaymentOrder() {
        String brandId = marketplace.brand();
        String productId = marketplace.product(brandId, 2_000);
        String hostId = marketplace.independentHost();
        marketplace.pick(hostId, productId);
        Map<String, Instant> paidAt = new java.util.HashMap<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String order = String.format("o-%s-%02d", UUID.randomUUID(), i);
            paidAt.put(order, PAID_AT.plusSeconds(i / 2));
            // delivered newest first, two orders per instant: the merge orders by payment, then by order id
            bodies.add(0, OrderEvents.paid(order, paidAt.get(order), productId, hostId, 10_000 + i));
        }
        List<String> paidInOrder = new ArrayList<>(paidAt.keySet());
        paidInOrder.sort(Comparator.comparing((String o) -> paidAt.get(o)).thenComparing(Comparator.naturalOrder()));
        for (int from = 0; from < bodies.size(); from += 8) {
            deliver(events, bodies.subList(from, from + 8).toArray(String[]::new));
        }
        Set<String> brandPartitions = new HashSet<>();
        paidInOrder.forEach(order -> brandPartitions.add(orderItem(order).get("gsi1pk").s()));
        assertThat(brandPartitions).hasSizeGreaterThan(4).allMatch(p -> p.startsWith("BRAND#" + brandId + "#"));

        Instant to = PAID_AT.plusSeconds(12);
        assertThat(orders.paidBetween(brandId, PAID_AT, to)).extracting(PaidOrderSummary::orderId)
                .containsExactlyElementsOf(paidInOrder);
        // [from, to) still holds across shards: the last instant's two orders are left out
        assertThat(orders.paidBetween(brandId, PAID_AT, PAID_AT.plusSeconds(11))).extracting(PaidOrderSummary::orderId)
                .containsExactlyElementsOf(paidInOrder.subList(0, 22));
    }

    @Test
    void theHoldsListPagesAcrossShardsWithoutLossOrRepetition() {
        LocalStores own = LocalStores.isolated();
        Clients isolated = own.clients(clock).withSettings(Settings.defaults().withRisk(RiskSettings.defaults()));
        OrderEventsFunction ownEvents = new OrderEventsFunction(isolated);
        Marketplace ownMarketplace = new Marketplace(isolated);
        String brandId = ownMarketplace.brand();
        String productId = ownMarketplace.product(brandId, 2_000);
        String hostId = ownMarketplace.independentHost();
        ownMarketplace.pick(hostId, productId);
        List<String> held = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String order = String.format("o-%02d-%s", i, UUID.randomUUID());
            held.add(order);
            // a host buying in its own room is held (SELF_PURCHASE); three orders share each instant
            deliver(ownEvents, OrderEvents.paid(order, PAID_AT.plusSeconds(i / 3), productId, hostId, 10_000)
                    .replace("\"buyer-" + order + "\"", "\"" + hostId + "\""));
        }
        Set<Integer> shards = new HashSet<>();
        held.forEach(order -> shards.add(WriteShards.of(order, OrderRepository.HOLD_SHARDS)));
        assertThat(shards).hasSizeGreaterThan(2);

        RiskFunction risk = new RiskFunction(isolated);
        List<String> listed = new ArrayList<>();
        Optional<String> next = Optional.empty();
        int pages = 0;
        do {
            Map<String, String> query = next.map(n -> Map.of("limit", "4", "next", n)).orElse(Map.of("limit", "4"));
            ApiCalls.Answer page = ApiCalls.call(risk, "GET /risk/holds", Map.of(), query, null,
                    ApiCalls.claims("operator", "platform"));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().path("holds").size()).isLessThanOrEqualTo(4);
            for (JsonNode hold : page.body().path("holds")) {
                listed.add(hold.path("orderId").asText());
                assertThat(hold.path("rules").toString()).contains("SELF_PURCHASE");
            }
            next = page.body().path("next").isNull() ? Optional.empty() : Optional.of(page.body().path("next").asText());
            pages++;
        } while (next.isPresent());

        // held is already in payment order, and within an instant in order id order ("o-00-…" < "o-01-…")
        List<String> expected = held;
        assertThat(listed).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(6);
    }

    @Test
    void anIndexEntryCopiesOnlyWhatItsReadersReadYetTheyAnswerAsFromTheOrder() {
        String brandId = marketplace.brand();
        String productId = marketplace.product(brandId, 2_000);
        String hostId = marketplace.independentHost();
        marketplace.pick(hostId, productId);
        String kept = "o-" + UUID.randomUUID();
        String refunded = "o-" + UUID.randomUUID();
        String cancelled = "o-" + UUID.randomUUID();
        deliver(events, OrderEvents.paid(kept, PAID_AT, productId, hostId, 10_000),
                OrderEvents.paid(refunded, PAID_AT.plusSeconds(1), productId, hostId, 8_000),
                OrderEvents.paid(cancelled, PAID_AT.plusSeconds(2), productId, hostId, 6_000));
        deliver(events, OrderEvents.milestone("ORDER_SHIPPED", kept, PAID_AT.plus(Duration.ofHours(3))),
                OrderEvents.refunded(refunded, PAID_AT.plus(Duration.ofHours(4)), 3_000),
                OrderEvents.milestone("ORDER_CANCELLED", cancelled, PAID_AT.plus(Duration.ofHours(5))));

        Set<String> keys = Set.of("pk", "sk", "gsi1pk", "gsi1sk");
        for (String order : List.of(kept, refunded, cancelled)) {
            Map<String, AttributeValue> entry = brandEntry(order);
            assertThat(entry.keySet()).allMatch(a -> keys.contains(a) || Tables.BRAND_ORDER_ATTRIBUTES.contains(a))
                    .doesNotContain("events", "terms", "posted", "revision", "updatedAt", "status");
        }

        Map<String, PaidOrderSummary> summaries = new java.util.HashMap<>();
        orders.paidBetween(brandId, PAID_AT, PAID_AT.plusSeconds(3)).forEach(s -> summaries.put(s.orderId(), s));
        assertThat(summaries.get(kept).netGmvFen()).isEqualTo(10_000);
        assertThat(summaries.get(refunded).netGmvFen()).isEqualTo(5_000);
        assertThat(summaries.get(cancelled).netGmvFen()).isZero();
        for (String order : List.of(kept, refunded, cancelled)) {
            long salesFee = orders.load(order).posted().entrySet().stream()
                    .filter(e -> e.getKey().account().type() == AccountType.PLATFORM_SALES_FEE)
                    .mapToLong(Map.Entry::getValue).sum();
            assertThat(summaries.get(order).salesFeeFen()).as(order).isEqualTo(salesFee);
        }
        assertThat(summaries.get(kept).salesFeeFen()).isPositive();

        Map<String, OrderRepository.PaidOrder> paid = new java.util.HashMap<>();
        for (String order : List.of(kept, refunded, cancelled)) {
            orders.paidByBuyer("buyer-" + order, PAID_AT, PAID_AT.plusSeconds(3)).forEach(o -> paid.put(o.orderId(), o));
        }
        assertThat(paid.get(cancelled).cancelled()).isTrue();
        assertThat(paid.get(kept).cancelled()).isFalse();
        assertThat(paid.get(refunded).refundedFen()).isEqualTo(3_000);
        assertThat(paid.get(kept).buyerId()).isEqualTo("buyer-" + kept);
        assertThat(paid.get(kept).hostId()).isEqualTo(hostId);
    }
}
